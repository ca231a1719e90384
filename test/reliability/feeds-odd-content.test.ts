// Feeds that are odd but readable: their content is stored exactly once, as it was meant
// (see feeds-harness.ts).
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '#domain/feed-item';
import { NOW, item, rss, type Outcome, UNREADABLE_DATE_OUTCOME, useFeedFaults } from './feeds-harness';

const { storedFrom } = useFeedFaults();

describe('feeds: odd but readable content is stored exactly once, as it was meant', () => {
  const textsOf = (outcome: Outcome) => outcome.stored.map((signal) => signal.text);

  it('ISO-8859-1, declared in the Content-Type header', async () => {
    const body = Buffer.from(
      rss(
        [
          item({
            guid: 'l1',
            title: 'Caf\u00e9',
            text: 'Cr\u00e8me br\u00fbl\u00e9e at the caf\u00e9 stop, 5\u00a3 cheaper.',
          }),
        ],
        '<?xml version="1.0"?>',
      ),
      'latin1',
    );
    const outcome = await storedFrom(body, 'application/rss+xml; charset=ISO-8859-1');
    expect(textsOf(outcome)).toEqual(['Cr\u00e8me br\u00fbl\u00e9e at the caf\u00e9 stop, 5\u00a3 cheaper.']);
  });

  it('Windows-1252, declared only in the XML declaration', async () => {
    // 0x93/0x94 are curly quotes and 0x80 the euro sign in Windows-1252 (undefined in Latin-1).
    const text = Buffer.concat([
      Buffer.from('The \x93lifetime\x94 service cost \x80', 'latin1'),
      Buffer.from('40.', 'latin1'),
    ]);
    const body = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0" encoding="windows-1252"?>\n<rss version="2.0"><channel><title>R</title><item><title>Quotes</title><guid>w1</guid><pubDate>Tue, 17 Nov 2026 10:00:00 GMT</pubDate><description>',
        'latin1',
      ),
      text,
      Buffer.from('</description></item></channel></rss>', 'latin1'),
    ]);
    const outcome = await storedFrom(body, 'application/rss+xml');
    expect(textsOf(outcome)).toEqual(['The \u201clifetime\u201d service cost \u20ac40.']);
  });

  it('UTF-16 with a byte-order mark', async () => {
    const feed = rss(
      [item({ guid: 'u16', title: 'Wide', text: 'Fahrrad gro\u00dfartig \u2014 \u00fcberall.' })],
      '<?xml version="1.0" encoding="UTF-16"?>',
    );
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(feed, 'utf16le')]);
    const outcome = await storedFrom(body, 'application/rss+xml');
    expect(textsOf(outcome)).toEqual(['Fahrrad gro\u00dfartig \u2014 \u00fcberall.']);
  });

  it('no charset anywhere (UTF-8 is assumed)', async () => {
    const outcome = await storedFrom(
      Buffer.from(
        rss(
          [item({ guid: 'u8', title: 'Plain', text: 'Na\u00efve r\u00e9sum\u00e9 of the ride.' })],
          '<?xml version="1.0"?>',
        ),
      ),
      'application/xml',
    );
    expect(textsOf(outcome)).toEqual(['Na\u00efve r\u00e9sum\u00e9 of the ride.']);
  });

  it('items with no date: dated at fetch time, and not moved by the next fetch', async () => {
    const feed = rss([
      '<item><title>Undated</title><guid>nd</guid><description>No date on this review.</description></item>',
    ]);
    const outcome = await storedFrom(feed);
    expect(outcome.faulty.undated).toBe(1);
    expect(outcome.stored.map((signal) => [signal.publishedAt, signal.publishedAtSource])).toEqual([
      [NOW.toISOString(), 'fetch-time'],
    ]);
  });

  it('items with no link: kept, with no link', async () => {
    const outcome = await storedFrom(rss([item({ guid: 'nl', title: 'No link', text: 'A review with no link.' })]));
    expect(outcome.stored.map((signal) => [signal.text, signal.url])).toEqual([['A review with no link.', null]]);
  });

  it('items with no guid and no link: known by title and date, stored once', async () => {
    const feed = rss([
      item({ title: 'Anonymous', text: 'First.' }),
      item({ title: 'Anonymous', text: 'Same title and date.' }),
      item({ title: 'Other', text: 'Second.' }),
    ]);
    const outcome = await storedFrom(feed);
    expect(outcome.faulty).toMatchObject({ new: 2, duplicatesInFeed: 1 });
    expect(outcome.stored.map((signal) => signal.text).sort()).toEqual(['First.', 'Second.']);
  });

  it('duplicate guids in one feed: the first is kept, the repeat counted', async () => {
    const feed = rss([
      item({ guid: 'dup', title: 'One', text: 'First copy.' }),
      item({ guid: 'dup', title: 'One again', text: 'Second copy.' }),
    ]);
    const outcome = await storedFrom(feed);
    expect(outcome.faulty).toMatchObject({ new: 1, duplicatesInFeed: 1 });
    expect(textsOf(outcome)).toEqual(['First copy.']);
  });

  it('dates in the future: dated at fetch time instead', async () => {
    const outcome = await storedFrom(
      rss([
        item({
          guid: 'fut',
          title: 'From the future',
          text: 'Posted next year?',
          date: 'Fri, 01 Jan 2027 10:00:00 GMT',
        }),
      ]),
    );
    expect(outcome.stored.map((signal) => [signal.publishedAt, signal.publishedAtSource])).toEqual([
      [NOW.toISOString(), 'fetch-time'],
    ]);
  });

  it('an extremely long item (1 MB of text) among normal ones', async () => {
    const long = 'The frame cracked after a week. '.repeat(33_000);
    const outcome = await storedFrom(
      rss([item({ guid: 'long', title: 'Long', text: long }), item({ guid: 'short', title: 'Short', text: 'Fine.' })]),
    );
    const stored = new Map(outcome.stored.map((signal) => [signal.title, signal.text]));
    expect(stored.get('Short')).toBe('Fine.');
    // Cut at a word break to fit DynamoDB's item limit, and marked as cut.
    expect(stored.get('Long')?.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    const kept = stored.get('Long') ?? '';
    expect(kept.endsWith(' […]')).toBe(true);
    const head = kept.slice(0, -' […]'.length);
    expect(long.startsWith(head)).toBe(true);
    expect(long.charAt(head.length)).toBe(' ');
  });

  it('emoji and right-to-left text, kept exactly; bidirectional overrides removed', async () => {
    const text =
      'Great ride \u{1F6B2}\u{1F44D} \u05e9\u05d9\u05e8\u05d5\u05ea \u05de\u05e2\u05d5\u05dc\u05d4 \u0645\u0645\u062a\u0627\u0632 \u202egnirob\u202c';
    const outcome = await storedFrom(rss([item({ guid: 'rtl', title: 'Mixed scripts', text })]));
    expect(textsOf(outcome)).toEqual([
      'Great ride \u{1F6B2}\u{1F44D} \u05e9\u05d9\u05e8\u05d5\u05ea \u05de\u05e2\u05d5\u05dc\u05d4 \u0645\u0645\u062a\u0627\u0632 gnirob',
    ]);
  });

  it('an item with an unreadable date among good ones: dated at fetch time, the rest of the feed kept', async () => {
    const feed = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Reviews</title><id>urn:r</id><updated>2026-11-17T10:00:00Z</updated>',
      '<entry><id>urn:ok</id><title>Good</title><published>2026-11-17T10:00:00Z</published><content>Kept.</content></entry>',
      '<entry><id>urn:bad</id><title>Bad date</title><published></published><updated>not a date</updated><content>Lost date.</content></entry>',
      '</feed>',
    ].join('\n');
    const outcome = await storedFrom(feed, 'application/atom+xml');
    expect(outcome.stored.map((signal) => [signal.text, signal.publishedAtSource]).sort()).toEqual(
      UNREADABLE_DATE_OUTCOME,
    );
  });
});
