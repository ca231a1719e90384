// Feeds with one broken element: only its item or field is lost, and the report says which and why
// (see feeds-harness.ts).
import { describe, expect, it } from 'vitest';
import {
  item,
  rss,
  LINK_WITHOUT_ADDRESS,
  CONTROL_CHARACTER_IN_MARKUP,
  DEEP_LITERAL_MARKUP,
  useFeedFaults,
} from './feeds-harness';

const { storedFrom } = useFeedFaults();

describe('feeds: one broken element loses only its item or field, and the report says which and why', () => {
  const atom = (entries: string[], head = '') =>
    `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>${head}${entries.join('')}</feed>`;
  const entry = (id: string, inner: string) =>
    `<entry><id>urn:${id}</id><title>Entry ${id}</title><updated>2026-11-17T10:00:00Z</updated>${inner}</entry>`;

  it('Atom <link>s with no href, the feed’s own too: the text taken as the link when it is a web address, else no link; every entry kept', async () => {
    const feed = atom(
      [
        entry('href', '<link href="https://news.example/href"/><content>Linked.</content>'),
        entry('text', '<link>https://news.example/text</link><content>Linked by text.</content>'),
        entry('words', '<link>our newsroom</link><content>No address.</content>'),
      ],
      '<link>https://news.example/</link>',
    );
    const outcome = await storedFrom(feed, 'application/atom+xml');
    expect(outcome.stored.map((signal) => [signal.text, signal.url]).sort()).toEqual([
      ['Linked by text.', 'https://news.example/text'],
      ['Linked.', 'https://news.example/href'],
      ['No address.', null],
    ]);
    expect(outcome.faulty).toMatchObject({ items: 3, new: 3, unreadable: 0 });
    expect(outcome.faulty.warnings).toEqual([{ code: 'partly-read-items', message: LINK_WITHOUT_ADDRESS }]);
  });

  it('an RSS feed without <channel>: its items read from under <rss>', async () => {
    const feed = `<?xml version="1.0"?>\n<rss version="2.0">${item({ guid: 'nc', title: 'No channel', text: 'Stored all the same.' })}</rss>`;
    const outcome = await storedFrom(feed);
    expect(outcome.stored.map((signal) => signal.text)).toEqual(['Stored all the same.']);
  });

  it('literal markup holding a control character: the entry kept, that markup read as plain text', async () => {
    const feed = atom([
      entry('fine', '<content>Fine.</content>'),
      entry('bell', '<content><p>Rings \u0007 twice</p></content>'),
    ]);
    const outcome = await storedFrom(feed, 'application/atom+xml');
    expect(outcome.stored.map((signal) => signal.text).sort()).toEqual(['Fine.', 'Rings twice']);
    expect(outcome.faulty.warnings).toEqual([{ code: 'partly-read-items', message: CONTROL_CHARACTER_IN_MARKUP }]);
  });

  // Literal markup this deep overflowed rss-parser's XML builder and lost the whole feed; escaped, it
  // is read by plainText, whose time must grow with the length, not the nesting squared.
  const DEPTH = 20_000;
  const nested = `${'<div>'.repeat(DEPTH)}Deep but readable.${'</div>'.repeat(DEPTH)}`;
  const escaped = nested.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  it.each([
    [
      'escaped HTML in <description>',
      rss([item({ guid: 'fine', title: 'Fine', text: 'Fine.' }), item({ guid: 'deep', title: 'Deep', text: escaped })]),
    ],
    [
      'a CDATA block in <description>',
      rss([
        item({ guid: 'fine', title: 'Fine', text: 'Fine.' }),
        item({ guid: 'deep', title: 'Deep', text: `<![CDATA[${nested}]]>` }),
      ]),
    ],
    [
      'Atom xhtml <content>',
      atom([entry('fine', '<content>Fine.</content>'), entry('deep', `<content type="xhtml">${nested}</content>`)]),
    ],
  ])('%s nested 20,000 elements deep: its text kept, the other item too', async (_what, feed) => {
    const outcome = await storedFrom(feed);
    expect(outcome.stored.map((signal) => signal.text).sort()).toEqual(['Deep but readable.', 'Fine.']);
    expect(outcome.faulty.warnings).toEqual([]);
  });

  it('literal XML nested 20,000 elements deep in <description>: read as plain text, the other item kept', async () => {
    const outcome = await storedFrom(
      rss([item({ guid: 'fine', title: 'Fine', text: 'Fine.' }), item({ guid: 'deep', title: 'Deep', text: nested })]),
    );
    expect(outcome.stored.map((signal) => signal.text).sort()).toEqual(['Deep but readable.', 'Fine.']);
    expect(outcome.faulty.warnings).toEqual([{ code: 'partly-read-items', message: DEEP_LITERAL_MARKUP }]);
  });
});
