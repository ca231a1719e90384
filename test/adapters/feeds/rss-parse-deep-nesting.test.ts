// parseRssFeed on markup nested 20,000 elements deep: read without overflowing, or refused in words.
import { describe, expect, it } from 'vitest';
import { parseRssFeed } from '#adapters/feeds/rss-parse';
import { plainText } from '#domain/plain-text';
import { SOURCE, PUBLISHER_ADVICE } from './rss-fixtures';

// Markup nested this deep overflows recursive readers; generated here rather than kept as a fixture.
const DEPTH = 20_000;
const nested = (inner: string) => `${'<div>'.repeat(DEPTH)}${inner}${'</div>'.repeat(DEPTH)}`;
const escapeXml = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rssWith(deepItem: string): string {
  return (
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Reviews</title>' +
    '<item><guid>fine</guid><title>Fine</title><description>A normal review.</description></item>' +
    `<item><guid>deep</guid>${deepItem}</item></channel></rss>`
  );
}

function atomWith(deepEntry: string): string {
  return (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>' +
    '<entry><id>urn:fine</id><title>Fine</title><content>A normal entry.</content></entry>' +
    `<entry><id>urn:deep</id>${deepEntry}</entry></feed>`
  );
}

describe('parseRssFeed on markup nested 20,000 elements deep', () => {
  it.each([
    [
      'escaped HTML in an RSS <description>',
      rssWith(`<title>Deep</title><description>${escapeXml(nested('deep text'))}</description>`),
    ],
    [
      'a CDATA block in an RSS <description>',
      rssWith(`<title>Deep</title><description><![CDATA[${nested('deep text')}]]></description>`),
    ],
    [
      'an Atom xhtml <content>',
      atomWith(
        `<title>Deep</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${nested('deep text')}</div></content>`,
      ),
    ],
  ])('keeps the text of %s, and the other item', async (_where, xml) => {
    const feed = await parseRssFeed(SOURCE, xml);

    expect(feed.items.map((item) => item.title)).toEqual(['Fine', 'Deep']);
    expect(plainText(feed.items[1]?.html)).toBe('deep text');
    expect(feed.invalidItems).toBe(0);
  });

  it.each([
    [
      'an RSS <description>',
      rssWith(`<title>Deep</title><description>${nested('deep text')}</description>`),
      'item 2',
      '<description>',
      'html',
    ],
    [
      'an RSS <content:encoded>',
      rssWith(`<title>Deep</title><content:encoded>${nested('deep text')}</content:encoded>`),
      'item 2',
      '<content:encoded>',
      'html',
    ],
    ['an RSS <title>', rssWith(`<title>${nested('deep text')}</title>`), 'item 2', '<title>', 'title'],
    [
      'an Atom <content>',
      atomWith(`<title>Deep</title><content>${nested('deep text')}</content>`),
      'entry 2',
      '<content>',
      'html',
    ],
    [
      'an Atom <summary>',
      atomWith(`<title>Deep</title><summary>${nested('deep text')}</summary>`),
      'entry 2',
      '<summary>',
      'html',
    ],
  ] as const)(
    'keeps the words of literal XML nested in %s as plain text, and says so',
    async (_where, xml, which, element, field) => {
      const feed = await parseRssFeed(SOURCE, xml);

      expect(feed.items).toHaveLength(2);
      expect(feed.items[1]?.[field]).toBe('deep text');
      expect(feed.invalidItems).toBe(0);
      expect(feed.warnings).toEqual([
        {
          code: 'partly-read-items',
          message:
            `source \`${SOURCE}\`: 1 item kept without a broken part: ` +
            `${which} nests markup more than 256 deep in its ${element}, so that was read as plain text; ${PUBLISHER_ADVICE}`,
        },
      ]);
    },
  );
});
