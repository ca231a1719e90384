import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { feedFailure } from '#test/support/feed-error';
import { parseRssFeed, xhtmlAsEscapedHtml } from '#adapters/feeds/rss-parse';
import { plainText } from '#domain/plain-text';

const SOURCE = 'fixture-feed';
const PUBLISHER_ADVICE = "tell the feed's publisher (https://validator.w3.org/feed/ shows what is wrong)";

function fixture(name: string): Promise<string> {
  return readFile(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

async function parseFixture(name: string) {
  return parseRssFeed(SOURCE, await fixture(name));
}

describe('parseRssFeed on RSS 2.0 (rss2-html-and-gaps.xml)', () => {
  it('reads all seven items and the feed language', async () => {
    const feed = await parseFixture('rss2-html-and-gaps.xml');

    expect(feed.items).toHaveLength(7);
    expect(feed.invalidItems).toBe(0);
    expect(feed.language).toBe('en-GB');
  });

  it('reads the review ratings, defaulting best to 5', async () => {
    const { items } = await parseFixture('rss2-html-and-gaps.xml');

    expect(items[0]?.rating).toEqual({ value: 4, best: 5 });
    expect(items[1]?.rating).toEqual({ value: 2, best: 5 });
    expect(items[2]?.rating).toBeUndefined();
  });

  it('maps guid, link, title, dc:creator and the raw description HTML of the first item', async () => {
    const { items } = await parseFixture('rss2-html-and-gaps.xml');

    expect(items[0]).toMatchObject({
      guid: 'review-1',
      link: 'https://reviews.example/r/1',
      title: 'Great & quick repair',
      author: 'Priya S.',
    });
    // Still HTML: stripping happens later, when the item becomes a signal.
    expect(items[0]?.html).toContain('<b>fixed</b>');
  });

  it('gives the item date as an instant, keeping the pubDate offset', async () => {
    const { items } = await parseFixture('rss2-html-and-gaps.xml');

    expect(new Date(items[0]?.date ?? '').toISOString()).toBe('2026-11-10T08:30:00.000Z');
  });

  it('prefers content:encoded over description', async () => {
    const { items } = await parseFixture('rss2-html-and-gaps.xml');
    const onlyALink = items.find((item) => item.title === 'Only a link');

    expect(onlyALink?.html).toBe('<div>Full <i>content</i> wins over the description.</div>');
    expect(onlyALink?.guid).toBeUndefined();
  });

  it('leaves out the date of an item without pubDate', async () => {
    const { items } = await parseFixture('rss2-html-and-gaps.xml');
    const undated = items.find((item) => item.title === 'No date on this one');

    expect(undated).toBeDefined();
    expect(undated?.date).toBeUndefined();
  });
});

describe('parseRssFeed on RSS 1.0 (rss1-social.rdf)', () => {
  it('reads both items with their dc:date and dc:creator', async () => {
    const feed = await parseFixture('rss1-social.rdf');

    expect(feed.items).toHaveLength(2);
    expect(feed.items.map((item) => item.author)).toEqual(['@mara_rides', '@tom_k']);
    expect(feed.items.map((item) => new Date(item.date ?? '').toISOString())).toEqual([
      '2026-11-12T17:45:00.000Z',
      '2026-11-13T07:10:00.000Z',
    ]);
    expect(feed.items[1]).toMatchObject({
      link: 'https://social.example/@tom_k/1002',
      title: 'Support chat again',
      html: 'Two hours in the Fernhill support chat & still no answer 😤',
    });
  });
});

describe('parseRssFeed on Atom (atom-newsroom.atom)', () => {
  it('reads both entries with their ids and links', async () => {
    const feed = await parseFixture('atom-newsroom.atom');

    expect(feed.items).toHaveLength(2);
    expect(feed.items.map((item) => item.guid)).toEqual([
      'tag:fernhillbikes.example,2026:pledge',
      'tag:fernhillbikes.example,2026:updated-only',
    ]);
    expect(feed.items[0]?.link).toBe('https://fernhillbikes.example/newsroom/pledge');
  });

  it('turns an xhtml title into a string that keeps its words', async () => {
    const { items } = await parseFixture('atom-newsroom.atom');
    const title = items[0]?.title;

    expect(typeof title).toBe('string');
    expect(title).toContain('pledge');
    expect(title).toContain('plastic-free');
    expect(title).toContain('Our');
  });

  it('keeps the words of an xhtml title in reading order', async () => {
    const { items } = await parseFixture('atom-newsroom.atom');

    expect(plainText(items[0]?.title)).toBe('Our plastic-free pledge');
  });

  it('reads the author name and the content HTML', async () => {
    const { items } = await parseFixture('atom-newsroom.atom');

    expect(items[0]?.author).toBe('Fernhill Press Office');
    expect(items[0]?.html).toContain('<strong>plastic-free</strong>');
    expect(items[1]?.html).toBe('This entry has no published date, only updated.');
  });

  it('dates an entry by <published>, and one with only <updated> by that', async () => {
    const { items } = await parseFixture('atom-newsroom.atom');

    expect(new Date(items[0]?.date ?? '').toISOString()).toBe('2026-11-10T09:00:00.000Z');
    expect(new Date(items[1]?.date ?? '').toISOString()).toBe('2026-11-03T10:00:00.000Z');
  });

  // rss-parser 3.13 calls toISOString() on Atom dates unguarded (lib/parser.js:144-145); we blank them first.
  it('keeps the other entries of an Atom feed when one entry has an unreadable date, leaving that one undated', async () => {
    const feed = await parseFixture('atom-entry-with-unparseable-date.atom');

    expect(feed.items.map((item) => item.title)).toContain('A well-dated entry');
    const undated = feed.items.filter((item) => item.date === undefined);
    expect(undated).toHaveLength(1);
  });
});

describe('parseRssFeed on ratings (rss2-rating-variants.xml)', () => {
  it('reads the scale from best or max and drops ratings that are off the scale or not numbers', async () => {
    const { items } = await parseFixture('rss2-rating-variants.xml');
    const ratings = Object.fromEntries(items.map((item) => [item.guid, item.rating]));

    expect(ratings).toEqual({
      'best-10': { value: 8, best: 10 },
      'max-10': { value: 3.5, best: 10 },
      'above-scale': undefined,
      'not-a-number': undefined,
      'no-rating': undefined,
    });
  });
});

describe('parseRssFeed on what is not a feed', () => {
  it('rejects an empty body as not-a-feed', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, ''));

    expect(error.reason).toBe('not-a-feed');
    expect(error.sourceId).toBe(SOURCE);
    expect(error.message).toContain('empty');
  });

  it('rejects a body of only whitespace as not-a-feed', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, '  \n\t '));

    expect(error.reason).toBe('not-a-feed');
  });

  it('rejects an HTML page as not-a-feed, saying it is HTML', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, await fixture('html-page-not-a-feed.html')));

    expect(error.reason).toBe('not-a-feed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('HTML');
  });

  it('recognises an HTML page behind an XML declaration or a comment', async () => {
    for (const page of [
      '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
      '<!-- cached -->\n<!DOCTYPE html><html></html>',
    ]) {
      const error = await feedFailure(parseRssFeed(SOURCE, page));
      expect(error.message).toContain('got an HTML page instead of a feed');
    }
  });

  it('rejects truncated XML as not-a-feed', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, await fixture('rss2-truncated.xml')));

    expect(error.reason).toBe('not-a-feed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`\`${SOURCE}\``);
  });

  it('rejects well-formed XML that is neither RSS nor Atom as not-a-feed', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, '<?xml version="1.0"?><catalogue><book>x</book></catalogue>'));

    expect(error.reason).toBe('not-a-feed');
  });

  it('rejects a feed that uses a DOCTYPE internal entity instead of expanding it', async () => {
    const xml = await fixture('rss2-doctype-internal-entity.xml');

    const error = await feedFailure(parseRssFeed(SOURCE, xml));

    expect(error.reason).toBe('not-a-feed');
    expect(error.message).toContain('the feed declares its own XML entities (<!ENTITY ...>), which are refused');
    expect(error.message).not.toContain('INJECTED-ENTITY-TEXT');
  });
});

describe('parseRssFeed when one element of a feed is broken: only that item or field is lost', () => {
  it('takes the text of an Atom <link> with no href as the link when it is a web address', async () => {
    const feed = await parseFixture('atom-links-without-href.atom');

    expect(feed.items.map((item) => item.link)).toEqual([
      'https://fernhillbikes.example/newsroom/href',
      'https://fernhillbikes.example/newsroom/text-link',
      undefined,
      undefined,
    ]);
    expect(feed.invalidItems).toBe(0);
  });

  it('keeps an Atom entry whose <link> is no web address or empty without a link, and says which and why', async () => {
    const feed = await parseFixture('atom-links-without-href.atom');

    expect(feed.items.map((item) => item.title)).toEqual([
      'A link as Atom writes it',
      'A link written as text',
      'A link that is not a web address',
      'An empty link',
    ]);
    expect(feed.invalidItems).toBe(0);
    expect(feed.warnings).toEqual([
      {
        code: 'partly-read-items',
        message:
          `source \`${SOURCE}\`: 2 items kept without a broken part: ` +
          'entry 3 has a <link> with no href and no web address as its text, so it has no link; ' +
          `entry 4 has an empty <link>, so it has no link; ${PUBLISHER_ADVICE}`,
      },
    ]);
  });

  it('reads an Atom feed whose own <link> has no attributes', async () => {
    const feed = await parseRssFeed(
      SOURCE,
      '<feed xmlns="http://www.w3.org/2005/Atom"><link>https://fernhillbikes.example/</link><link/>' +
        '<entry><id>urn:a</id><title>Kept</title></entry></feed>',
    );

    expect(feed.items.map((item) => item.title)).toEqual(['Kept']);
    expect(feed.warnings).toBeUndefined();
  });

  // rss-parser rebuilds literal markup as XML, and its builder refuses control characters.
  it('keeps an entry whose literal markup holds a control character, reading that markup as plain text', async () => {
    const feed = await parseRssFeed(
      SOURCE,
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:a</id><title>Fine</title><content>Fine.</content></entry>' +
        '<entry><id>urn:b</id><title>Bell</title><content><p>Rings \u0007 twice</p></content></entry></feed>',
    );

    expect(feed.items.map((item) => [item.title, item.html])).toEqual([
      ['Fine', 'Fine.'],
      ['Bell', 'Rings \u0007 twice'],
    ]);
    expect(feed.invalidItems).toBe(0);
    expect(feed.warnings).toEqual([
      {
        code: 'partly-read-items',
        message:
          `source \`${SOURCE}\`: 1 item kept without a broken part: ` +
          `entry 2 has markup that could not be read in its <content>, so that was read as plain text; ${PUBLISHER_ADVICE}`,
      },
    ]);
  });

  it('reads the items of an RSS 2.0 feed that has no <channel> from under <rss>', async () => {
    const feed = await parseRssFeed(
      SOURCE,
      '<rss version="2.0"><item><guid>a</guid><title>Stray item</title></item></rss>',
    );

    expect(feed.items.map((item) => item.title)).toEqual(['Stray item']);
  });

  it('reads the items of an RSS 1.0 (RDF) feed that has no <channel>', async () => {
    const feed = await parseRssFeed(
      SOURCE,
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
        '<item rdf:about="https://social.example/1"><title>RDF item</title><link>https://social.example/1</link></item></rdf:RDF>',
    );

    expect(feed.items.map((item) => [item.title, item.link])).toEqual([['RDF item', 'https://social.example/1']]);
  });
});

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

describe('parseRssFeed says what is wrong with a feed it cannot read, in words', () => {
  const VALIDATOR = 'check it at https://validator.w3.org/feed/ and tell its publisher; fix the source and run again';

  it.each([
    ['a feed cut short', undefined, 'the XML ends before the feed does (the feed was cut short)'],
    [
      'an entity XML does not define',
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Fish &foo; chips</title></channel></rss>',
      'it uses an entity XML does not allow (an unknown &name;, or &#...; for a control character), at line 2, column 45',
    ],
    [
      'a bare ampersand',
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Fish & chips</title></channel></rss>',
      'it has a bare & that should be written &amp;, at line 2, column 42',
    ],
    [
      'a closing tag that does not match',
      '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>Fish</b></item></channel></rss>',
      'a closing tag does not match the element it closes, at line 3, column 21',
    ],
  ])('explains %s without the parser’s own words, which stay in the cause', async (_what, xml, words) => {
    const error = await feedFailure(parseRssFeed(SOURCE, xml ?? (await fixture('rss2-truncated.xml'))));

    expect(error.message).toBe(`source \`${SOURCE}\`: not a readable RSS or Atom feed: ${words}; ${VALIDATOR}`);
    expect(error.reason).toBe('not-a-feed');
    expect((error.cause as Error).message).toMatch(/\nLine: \d+\nColumn: \d+/);
  });

  it('names the root element of XML that is neither RSS nor Atom', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, '<?xml version="1.0"?><catalogue><book>x</book></catalogue>'));

    expect(error.message).toBe(
      `source \`${SOURCE}\`: not a readable RSS or Atom feed: the XML is neither RSS nor Atom (its root element is <catalogue>); ` +
        'check the url; fix the source and run again',
    );
  });

  it('rejects an RSS feed with neither a <channel> nor items, in words', async () => {
    const error = await feedFailure(parseRssFeed(SOURCE, '<rss version="2.0"></rss>'));

    expect(error.message).toBe(
      `source \`${SOURCE}\`: not a readable RSS or Atom feed: it has no <channel> element and no items; ${VALIDATOR}`,
    );
  });
});

describe('xhtml text constructs', () => {
  it('escapes the markup inside each type="xhtml" construct and marks it html, leaving the rest as it was', () => {
    const xml =
      '<entry><title type="xhtml"><div>A <b>bold</b> title</div></title><id>x</id>' +
      '<content type="xhtml"><div>R&amp;D <i>news</i></div></content><summary>plain</summary></entry>';
    expect(xhtmlAsEscapedHtml(xml)).toBe(
      '<entry><title type="html">&lt;div&gt;A &lt;b&gt;bold&lt;/b&gt; title&lt;/div&gt;</title><id>x</id>' +
        '<content type="html">&lt;div&gt;R&amp;amp;D &lt;i&gt;news&lt;/i&gt;&lt;/div&gt;</content><summary>plain</summary></entry>',
    );
  });

  it('leaves unclosed constructs as they are, and still escapes a closed one of another name after them', () => {
    const unclosed = '<content type="xhtml"><p>never closed '.repeat(20_000);
    const xml = `${unclosed}<summary type="xhtml"><p>closed</p></summary>`;
    expect(xhtmlAsEscapedHtml(xml)).toBe(`${unclosed}<summary type="html">&lt;p&gt;closed&lt;/p&gt;</summary>`);
  });
});
