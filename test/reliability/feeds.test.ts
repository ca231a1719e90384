// The feed half of the fault and bad-input suite. Every case runs real ingestion over two sources:
// `steady`, a good feed file, and `faulty`, served by a local server with the fault. Each case pins
// what the user sees for the faulty source (the exact message naming it and what happens next, or
// exactly what was kept), that the steady source was stored all the same, and that running again
// loses nothing and stores nothing twice. docs/reliability.md lists the cases.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { DEFAULT_HTTP_LIMITS } from '#adapters/feeds/http-get';
import { ingest, type IngestReport, type SourceReport } from '#app/ingest';
import { MAX_TEXT_CHARS } from '#domain/feed-item';
import type { ProfileInput } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { ALLOW_LOOPBACK, closedPort, localServers, type LocalServer } from '#test/support/local-server';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const servers = localServers();
const table = useLocalTable();
const feedDir = mkdtempSync(join(tmpdir(), 'congruence-reliability-'));

const STEADY_FEED = rss(
  [1, 2, 3].map((n) =>
    item({ guid: `steady-${n}`, title: `Steady review ${n}`, text: `The mechanic fixed my bike, visit ${n}.` }),
  ),
);

beforeAll(async () => {
  writeFileSync(join(feedDir, 'steady.xml'), STEADY_FEED);
});
afterEach(() => servers.closeAll());

// ---- fixtures ---------------------------------------------------------------------------------

interface ItemParts {
  guid?: string;
  link?: string;
  title: string;
  text: string;
  date?: string;
}

function item(parts: ItemParts): string {
  return [
    '<item>',
    `<title>${parts.title}</title>`,
    parts.guid === undefined ? '' : `<guid isPermaLink="false">${parts.guid}</guid>`,
    parts.link === undefined ? '' : `<link>${parts.link}</link>`,
    `<pubDate>${parts.date ?? 'Tue, 17 Nov 2026 10:00:00 GMT'}</pubDate>`,
    `<description>${parts.text}</description>`,
    '</item>',
  ].join('');
}

function rss(items: string[], prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${prolog}\n<rss version="2.0"><channel><title>Reviews</title><link>https://reviews.example/</link>${items.join('')}</channel></rss>\n`;
}

// ---- the harness ------------------------------------------------------------------------------

interface Outcome {
  first: IngestReport;
  again: IngestReport;
  faulty: SourceReport;
  steady: SourceReport;
  faultyAgain: SourceReport;
  /** Everything stored for the faulty source after both runs. */
  stored: Signal[];
  /** Signals of both sources after both runs. */
  all: Signal[];
}

type Faulty = { url: string } | { kind: 'reddit'; baseUrl: string };

async function ingestTwice(faulty: Faulty): Promise<Outcome> {
  const faultySource =
    'url' in faulty
      ? { id: 'faulty', kind: 'rss' as const, url: faulty.url, channel: 'review' as const }
      : {
          id: 'faulty',
          kind: 'reddit' as const,
          query: 'Fernhill',
          baseUrl: faulty.baseUrl,
          maxPages: 3,
          channel: 'review' as const,
        };
  const sources: ProfileInput['sources'] = [
    { id: 'steady', kind: 'rss', path: 'steady.xml', channel: 'review' },
    faultySource,
  ];
  const profile = makeProfile(sources);
  const store = table.store();
  const connectorFor = connectorRegistry({
    baseDir: feedDir,
    allowHosts: ALLOW_LOOPBACK,
    limits: { ...DEFAULT_HTTP_LIMITS, timeoutMs: 1_500 },
    api: { pageDelayMs: 0, sleep: async () => undefined },
  });
  const first = await ingest(profile, { store, connectorFor, now: () => NOW });
  const again = await ingest(profile, { store, connectorFor, now: () => NOW });
  const byId = (report: IngestReport, id: string) =>
    report.sources.find((source) => source.sourceId === id) as SourceReport;
  return {
    first,
    again,
    faulty: byId(first, 'faulty'),
    steady: byId(first, 'steady'),
    faultyAgain: byId(again, 'faulty'),
    stored: await store.signalsBySource('faulty'),
    all: [...(await store.signalsBySource('steady')), ...(await store.signalsBySource('faulty'))],
  };
}

/** A server answering every request with `respond`. */
async function serving(respond: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> {
  return servers.serve(respond);
}

const xml =
  (body: string | Buffer, type = 'application/rss+xml; charset=utf-8') =>
  (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  };

/** What every failing case shares: the other source stored all the same, nothing stored twice on the rerun. */
function expectOthersUnharmed(outcome: Outcome): void {
  expect(outcome.steady).toMatchObject({ outcome: 'new', new: 3 });
  expect(outcome.again.sources.find((source) => source.sourceId === 'steady')).toMatchObject({
    outcome: 'unchanged',
    new: 0,
  });
  const ids = outcome.all.map((signal) => signal.id);
  expect(new Set(ids).size).toBe(ids.length);
}

function expectFailure(outcome: Outcome, message: string, retryable: boolean): void {
  expect(outcome.faulty.outcome).toBe('failed');
  expect(outcome.faulty.error).toEqual({ message, retryable });
  expect(outcome.faultyAgain.outcome).toBe('failed');
  expect(outcome.stored).toEqual([]);
  expectOthersUnharmed(outcome);
}

/** Ingests a feed served with `type`, expecting it stored, and returns the faulty source's outcome. */
async function storedFrom(body: string | Buffer, type?: string): Promise<Outcome> {
  const server = await serving(xml(body, type));
  const outcome = await ingestTwice({ url: server.url('/feed.xml') });
  expect(outcome.faulty.outcome).toBe('new');
  expect(outcome.faultyAgain.outcome).toBe('unchanged');
  expectOthersUnharmed(outcome);
  return outcome;
}

// ---- the cases --------------------------------------------------------------------------------

describe('feeds: failures are reported, name the source and what happens next; the other source is stored', () => {
  it('HTTP 404', async () => {
    const server = await serving((_request, response) => response.writeHead(404).end('not here'));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: HTTP 404 from ${server.url('/feed.xml')}; fix the source and run again`,
      false,
    );
  });

  it('HTTP 500', async () => {
    const server = await serving((_request, response) => response.writeHead(500).end());
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, `source \`faulty\`: HTTP 500 from ${server.url('/feed.xml')}; will retry next run`, true);
  });

  it('HTTP 503 with Retry-After', async () => {
    const server = await serving((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end());
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: HTTP 503 from ${server.url('/feed.xml')} (the server asks to wait 120 s); will retry next run`,
      true,
    );
  });

  it('connection refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const outcome = await ingestTwice({ url });
    expectFailure(
      outcome,
      `source \`faulty\`: could not reach ${url}: the server refused the connection (nothing listens there, or a firewall says no) (ECONNREFUSED); will retry next run`,
      true,
    );
  });

  it('a server that never finishes its answer (timeout)', async () => {
    const server = await serving((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    });
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: no complete answer from ${server.url('/feed.xml')} within 1.5 s; will retry next run`,
      true,
    );
  });

  it('a 0-byte body', async () => {
    const server = await serving(xml(''));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, 'source `faulty`: the feed is empty (0 bytes); will retry next run', true);
  });

  it('an HTML page instead of XML', async () => {
    const server = await serving(
      xml('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>', 'text/html'),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      'source `faulty`: got an HTML page instead of a feed; check the url; fix the source and run again',
      false,
    );
  });

  it('truncated XML', async () => {
    const server = await serving(
      xml(rss([item({ guid: 'a', title: 'Cut', text: 'The download stopped' })]).slice(0, 150)),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, TRUNCATED, false);
  });

  it('an entity-expansion bomb (billion laughs)', async () => {
    const bomb = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [',
      '<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`,
      ),
      ']>',
      '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>b</guid></item></channel></rss>',
    ].join('\n');
    const server = await serving(xml(bomb));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, ENTITY_REFUSED, false);
  });

  it('an external-entity (XXE) reference', async () => {
    const xxe = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
      '<rss version="2.0"><channel><title>x</title><item><title>&secret;</title><guid>x</guid><description>&secret;</description></item></channel></rss>',
    ].join('\n');
    const server = await serving(xml(xxe));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, ENTITY_REFUSED, false);
  });

  it('an entity XML does not allow', async () => {
    const server = await serving(xml(rss([item({ guid: 'e', title: 'Fish &foo; chips', text: 'Unknown entity.' })])));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, UNKNOWN_ENTITY, false);
  });

  it('an RSS feed with neither a <channel> nor items', async () => {
    const server = await serving(xml('<?xml version="1.0"?><rss version="2.0"></rss>'));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, NO_CHANNEL, false);
  });

  it('a 50 MB body (byte cap)', async () => {
    const server = await serving((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      let sent = 0;
      const pump = () => {
        while (sent < 50 && response.write(chunk)) sent++;
        if (sent < 50)
          response.once('drain', () => {
            sent++;
            pump();
          });
        else response.end();
      };
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      pump();
    });
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: ${server.url('/feed.xml')} is larger than the 10 MB limit; fix the source and run again`,
      false,
    );
  });

  it('a feed that redirects to the cloud metadata address', async () => {
    const server = await serving((_request, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      'source `faulty`: refused to fetch http://169.254.169.254/latest/meta-data/: the cloud metadata address is not a public address; ' +
        'if this source really lives there, add "169.254.169.254" to network.allowHosts in the config; fix the source and run again',
      false,
    );
  });
});

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

describe('feeds: paged APIs', () => {
  it('the same post on two pages is stored once', async () => {
    const post = (id: string) => ({
      kind: 't3',
      data: {
        name: `t3_${id}`,
        title: `Post ${id}`,
        selftext: `Fernhill ride ${id}`,
        author: 'rider',
        permalink: `/r/bikes/comments/${id}/`,
        created_utc: 1_794_900_000,
      },
    });
    const server = await serving((request, response) => {
      const after = new URL(request.url ?? '/', 'http://local').searchParams.get('after');
      const page =
        after === null
          ? { after: 't3_b', children: [post('a'), post('b')] }
          : { after: null, children: [post('b'), post('c')] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Listing', data: page }));
    });
    const outcome = await ingestTwice({ kind: 'reddit', baseUrl: server.origin });
    expect(outcome.faulty).toMatchObject({ outcome: 'new', items: 4, new: 3, duplicatesInFeed: 1 });
    expect(outcome.faultyAgain).toMatchObject({ outcome: 'new', new: 0, alreadyStored: 3 });
    expect(outcome.stored.map((signal) => signal.title).sort()).toEqual(['Post a', 'Post b', 'Post c']);
    expectOthersUnharmed(outcome);
  });

  it('a rate limit on page 2 keeps page 1, and the rerun stores page 1 no second time', async () => {
    const post = (id: string) => ({
      kind: 't3',
      data: {
        name: `t3_${id}`,
        title: `Post ${id}`,
        selftext: '',
        author: 'rider',
        permalink: `/r/bikes/comments/${id}/`,
        created_utc: 1_794_900_000,
      },
    });
    const server = await serving((request, response) => {
      const after = new URL(request.url ?? '/', 'http://local').searchParams.get('after');
      if (after !== null) {
        response.writeHead(429, { 'retry-after': '3600' }).end();
        return;
      }
      const page =
        after === null ? { after: 't3_b', children: [post('a'), post('b')] } : { after: null, children: [post('c')] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Listing', data: page }));
    });
    const outcome = await ingestTwice({ kind: 'reddit', baseUrl: server.origin });
    expect(outcome.faulty).toMatchObject({ outcome: 'failed', new: 2 });
    expect(outcome.faulty.error).toEqual({
      message:
        `source \`faulty\`: ${server.origin}/search.json?q=Fernhill&sort=new&limit=100&raw_json=1&after=t3_b is rate limited ` +
        '(HTTP 429; the server asks to wait 3600 s); the pages read so far are kept; will retry next run',
      retryable: true,
    });
    expect(outcome.faultyAgain).toMatchObject({ outcome: 'failed', new: 0, alreadyStored: 2 });
    expectOthersUnharmed(outcome);
    expect(outcome.stored.map((signal) => signal.title).sort()).toEqual(['Post a', 'Post b']);
  });
});

const VALIDATOR_ADVICE =
  'check it at https://validator.w3.org/feed/ and tell its publisher; fix the source and run again';
const TRUNCATED = `source \`faulty\`: not a readable RSS or Atom feed: the XML ends before the feed does (the feed was cut short); ${VALIDATOR_ADVICE}`;
const UNKNOWN_ENTITY =
  'source `faulty`: not a readable RSS or Atom feed: it uses an entity XML does not allow (an unknown &name;, or &#...; for a ' +
  `control character), at line 2, column 110; ${VALIDATOR_ADVICE}`;
const NO_CHANNEL = `source \`faulty\`: not a readable RSS or Atom feed: it has no <channel> element and no items; ${VALIDATOR_ADVICE}`;
const PUBLISHER_ADVICE = "tell the feed's publisher (https://validator.w3.org/feed/ shows what is wrong)";
const LINK_WITHOUT_ADDRESS =
  'source `faulty`: 1 item kept without a broken part: entry 3 has a <link> with no href and no web address as its text, ' +
  `so it has no link; ${PUBLISHER_ADVICE}`;
const CONTROL_CHARACTER_IN_MARKUP =
  'source `faulty`: 1 item kept without a broken part: entry 2 has markup that could not be read in its <content>, ' +
  `so that was read as plain text; ${PUBLISHER_ADVICE}`;
const DEEP_LITERAL_MARKUP =
  'source `faulty`: 1 item kept without a broken part: item 2 nests markup more than 256 deep in its <description>, ' +
  `so that was read as plain text; ${PUBLISHER_ADVICE}`;
const ENTITY_REFUSED =
  'source `faulty`: the feed declares its own XML entities (<!ENTITY ...>), which are refused: they are how entity-expansion ' +
  'and external-entity attacks work; ask its publisher for a plain feed; fix the source and run again';
const UNREADABLE_DATE_OUTCOME = [
  ['Kept.', 'feed'],
  ['Lost date.', 'fetch-time'],
];
