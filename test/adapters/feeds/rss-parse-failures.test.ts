// parseRssFeed on what it cannot read: input that is not a feed, one broken element that loses only
// its item or field, and the words it uses to say what is wrong.
import { describe, expect, it } from 'vitest';
import { feedFailure } from '#test/support/feed-error';
import { parseRssFeed } from '#adapters/feeds/rss-parse';
import { SOURCE, PUBLISHER_ADVICE, fixture, parseFixture } from './rss-fixtures';

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
