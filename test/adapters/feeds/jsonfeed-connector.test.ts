import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFeedConnector, JSONFEED_MAX_PAGES } from '#adapters/feeds/jsonfeed-connector';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { withRecordedSleeps } from '#test/support/api-testing';
import { drain, drainUntilFailure } from '#test/support/drain';
import { localServers } from '#test/support/local-server';

const FIXTURES = fileURLToPath(new URL('../../fixtures/connectors/jsonfeed/', import.meta.url));

let sleeps: number[];
let connector: ReturnType<typeof createJsonFeedConnector>;
beforeEach(() => {
  ({ connector, sleeps } = withRecordedSleeps(createJsonFeedConnector, FIXTURES));
});

const servers = localServers();
afterEach(() => servers.closeAll());

function jsonFeedSource(location: { path: string } | { url: string }, timezone = 'UTC'): SourceOfKind<'jsonfeed'> {
  return { id: 'fernhill-journal', kind: 'jsonfeed', channel: 'stance', schedule: 'daily', timezone, ...location };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const fixture = (name: string) => readFile(join(FIXTURES, name));

/** A JSON Feed 1.1 page with one item per id, and a next_url when given. */
function feedPage(ids: string[], nextUrl?: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Fernhill Bikes Journal',
    ...(nextUrl === undefined ? {} : { next_url: nextUrl }),
    items: ids.map((id) => ({ id, url: `https://fernhillbikes.example/journal/${id}`, content_text: `Post ${id}` })),
  });
}

const JOURNAL_ITEMS = [
  {
    guid: 'https://fernhillbikes.example/journal/lifetime-repairs',
    link: 'https://fernhillbikes.example/journal/lifetime-repairs',
    title: 'Lifetime repairs, one year on',
    html: '<p>A year ago we promised to repair every Fernhill frame <strong>for life</strong>.</p>',
    author: 'Fernhill Workshop Team',
    date: '2026-11-20T09:00:00.000Z',
    language: undefined,
  },
  // A link post: external_url is the link; date_modified stands in for a missing date_published;
  // the first author with a name is the author.
  {
    guid: 'cardiff-shop-opening',
    link: 'https://news.example/2026/11/fernhill-opens-in-cardiff',
    title: 'Siop newydd yng Nghaerdydd',
    html: 'Our new Cardiff shop opens on Saturday, with a free bike check for every visitor.',
    author: 'Eleri Morgan',
    date: '2026-11-18T16:00:00.000Z',
    language: 'cy',
  },
  // null fields are absent; blank content_html gives way to the summary; without an author of its
  // own, the item has the feed's.
  {
    guid: 'tor-recall-update',
    link: 'https://fernhillbikes.example/journal/tor-recall-update',
    title: undefined,
    html: 'An update on the Tor seatpost clamp check.',
    author: 'Fernhill Bikes',
    date: '2026-11-15T12:00:00.000Z',
    language: undefined,
  },
];

describe('the jsonfeed connector on a file', () => {
  it('maps every item field exactly, gives the feed language with the batch, and counts unreadable items', async () => {
    const result = await drain(await connector.read(jsonFeedSource({ path: 'fernhill-journal.json' }), {}));

    expect(result.items).toEqual(JOURNAL_ITEMS);
    // No id, an empty id, and a date that is a number rather than a string.
    expect(result.invalidItems).toBe(3);
    expect(result.language).toBe('en-GB');
    expect(result.batchSizes).toEqual([3]);
    expect(result.validators).toEqual({
      etag: undefined,
      lastModified: undefined,
      contentHash: sha256(await fixture('fernhill-journal.json')),
    });
  });

  it('reads JSON Feed 1.0: a numeric id as text, the single author, and ignores next_url', async () => {
    const result = await drain(await connector.read(jsonFeedSource({ path: 'fernhill-1.0.json' }), {}));

    expect(result.items).toEqual([
      {
        guid: '4021',
        link: 'https://fernhillbikes.example/help/status/4021',
        title: 'Warranty claims now answered within two days',
        html: '<p>We added two people to the warranty desk.</p>',
        author: 'Fernhill Service Desk',
        date: '2026-11-10T08:00:00.000Z',
        language: undefined,
      },
    ]);
    expect(result.language).toBeUndefined();
    expect(result.batchSizes).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('reports the same file as unchanged by its content hash', async () => {
    const first = await drain(await connector.read(jsonFeedSource({ path: 'fernhill-journal.json' }), {}));

    const second = await connector.read(jsonFeedSource({ path: 'fernhill-journal.json' }), first.validators);

    expect(second).toEqual({ status: 'unchanged', validators: first.validators });
  });

  it('says a JSON document without a JSON Feed version is not a JSON Feed', async () => {
    const error = await feedFailure(connector.read(jsonFeedSource({ path: 'not-a-jsonfeed.json' }), {}));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'fernhill-journal' });
    expect(error.message).toBe(
      `source \`fernhill-journal\`: ${join(FIXTURES, 'not-a-jsonfeed.json')} is not a JSON Feed: its "version" is missing, ` +
        'not https://jsonfeed.org/version/1.1 or 1; check the address, or use the kind that matches the document; ' +
        'fix the source and run again',
    );
  });

  it('names the field when a JSON Feed has the wrong shape', async () => {
    const error = await feedFailure(connector.read(jsonFeedSource({ path: 'items-not-a-list.json' }), {}));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false });
    expect(error.message).toContain(`${join(FIXTURES, 'items-not-a-list.json')} is not a valid JSON Feed (items: `);
  });

  it('reports a file that is not JSON as not-json', async () => {
    const error = await feedFailure(connector.read(jsonFeedSource({ path: 'not-json.json' }), {}));

    expect(error).toMatchObject({ reason: 'not-json' });
    expect(error.message).toContain('it starts "<!doctype html> <html><head><title>Fernh"');
  });

  it('reports a missing file as not-found, not retryable', async () => {
    const error = await feedFailure(connector.read(jsonFeedSource({ path: 'no-such-feed.json' }), {}));

    expect(error).toMatchObject({ reason: 'not-found', retryable: false, sourceId: 'fernhill-journal' });
  });
});

describe('the jsonfeed connector on a URL', () => {
  it('reads the feed with a JSON Feed Accept header and our User-Agent', async () => {
    const body = await fixture('fernhill-journal.json');
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/feed+json', etag: '"journal-12"' });
      response.end(body);
    });

    const result = await drain(await connector.read(jsonFeedSource({ url: server.url('/journal/feed.json') }), {}));

    expect(result.items).toEqual(JOURNAL_ITEMS);
    expect(result.invalidItems).toBe(3);
    expect(result.language).toBe('en-GB');
    expect(result.validators).toEqual({ etag: '"journal-12"', lastModified: undefined, contentHash: sha256(body) });
    expect(server.requests.map((request) => request.path)).toEqual(['/journal/feed.json']);
    expect(server.requests[0]?.headers.accept).toBe('application/feed+json, application/json;q=0.9');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
  });

  it('reports 304 to the stored ETag, and the same bytes, as unchanged without reading further pages', async () => {
    const server = await servers.serve((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"' });
      response.end(feedPage(['a'], server.url('/feed.json?page=2')));
    });
    const source = jsonFeedSource({ url: server.url('/feed.json') });

    const first = await drain(await connector.read(source, {}));
    const second = await connector.read(source, first.validators);
    const third = await connector.read(source, { contentHash: first.validators.contentHash });

    expect(second).toEqual({ status: 'unchanged', validators: first.validators });
    expect(third).toEqual({
      status: 'unchanged',
      validators: expect.objectContaining({ contentHash: first.validators.contentHash }),
    });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/feed.json',
      '/feed.json?page=2',
      '/feed.json',
      '/feed.json',
    ]);
  });

  it('follows next_url, absolute or relative, one batch per page, pausing between pages, until there is none', async () => {
    const server = await servers.serve((request, response) => {
      const pages: Record<string, string> = {
        '/feed.json': feedPage(['p1-a', 'p1-b'], server.url('/feed.json?page=2')),
        '/feed.json?page=2': feedPage(['p2-a', 'p2-b'], '/feed.json?page=3'),
        '/feed.json?page=3': feedPage(['p3-a']),
      };
      response.end(pages[request.url ?? '']);
    });

    const result = await drain(await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(result.batchSizes).toEqual([2, 2, 1]);
    expect(result.items.map((item) => item.guid)).toEqual(['p1-a', 'p1-b', 'p2-a', 'p2-b', 'p3-a']);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/feed.json',
      '/feed.json?page=2',
      '/feed.json?page=3',
    ]);
    expect(server.requests.every((request) => request.headers['user-agent']?.startsWith('Congruence/'))).toBe(true);
    expect(sleeps).toEqual([10, 10]);
  });

  it(`reads at most ${JSONFEED_MAX_PAGES} pages of a feed that always has a next page`, async () => {
    const server = await servers.serve((request, response) => {
      const page = Number(new URL(request.url ?? '', server.origin).searchParams.get('page') ?? '1');
      response.end(feedPage([`item-${page}`], server.url(`/feed.json?page=${page + 1}`)));
    });

    const result = await drain(await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(JSONFEED_MAX_PAGES).toBe(5);
    expect(result.items.map((item) => item.guid)).toEqual(['item-1', 'item-2', 'item-3', 'item-4', 'item-5']);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/feed.json',
      '/feed.json?page=2',
      '/feed.json?page=3',
      '/feed.json?page=4',
      '/feed.json?page=5',
    ]);
    expect(sleeps).toEqual([10, 10, 10, 10]);
  });

  it('stops when next_url leads back to a page already read, or is not http(s)', async () => {
    const server = await servers.serve((request, response) => {
      if (request.url === '/feed.json') response.end(feedPage(['a'], '/feed.json?page=2'));
      else if (request.url === '/feed.json?page=2') response.end(feedPage(['b'], server.url('/feed.json')));
      else response.end(feedPage(['c'], 'javascript:alert(1)'));
    });

    const looping = await drain(await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));
    const oddNext = await drain(await connector.read(jsonFeedSource({ url: server.url('/other.json') }), {}));

    expect(looping.items.map((item) => item.guid)).toEqual(['a', 'b']);
    expect(oddNext.items.map((item) => item.guid)).toEqual(['c']);
    expect(server.requests.map((request) => request.path)).toEqual(['/feed.json', '/feed.json?page=2', '/other.json']);
  });

  it('gives the same item on two pages the same guid', async () => {
    const server = await servers.serve((request, response) => {
      if (request.url === '/feed.json') response.end(feedPage(['new', 'shifted'], '/feed.json?page=2'));
      else response.end(feedPage(['shifted', 'old']));
    });

    const result = await drain(await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(result.items.map((item) => item.guid)).toEqual(['new', 'shifted', 'shifted', 'old']);
    expect(result.items[1]).toEqual(result.items[2]);
  });

  it('passes a server error on as retryable and a 404 as not retryable, naming the source', async () => {
    const server = await servers.serve((request, response) =>
      response.writeHead(request.url === '/gone.json' ? 404 : 500).end(),
    );

    const failing = await feedFailure(connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));
    const gone = await feedFailure(connector.read(jsonFeedSource({ url: server.url('/gone.json') }), {}));

    expect(failing).toMatchObject({ reason: 'http-status', retryable: true, sourceId: 'fernhill-journal' });
    expect(failing.message).toContain(`HTTP 500 from ${server.url('/feed.json')}`);
    expect(gone).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'fernhill-journal' });
  });

  it('reports a body that is not JSON as not-json', async () => {
    const server = await servers.serve((_request, response) => response.end('<html><body>Maintenance</body></html>'));

    const error = await feedFailure(connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(error).toMatchObject({ reason: 'not-json', sourceId: 'fernhill-journal' });
    expect(error.message).toContain(`the answer from ${server.url('/feed.json')} is not JSON`);
  });

  it.each([
    ['an HTML page', '<html><body>Maintenance</body></html>', ' (it starts "<html><body>Maintenance</body></html>")'],
    [
      'JSON cut short',
      '{"version": "https://jsonfeed.org/version/1.1", "items": [',
      ': it ends before its JSON does (it starts "{"version": "https://jsonfeed.org/versio")',
    ],
    [
      'JSON with a missing colon',
      '{"version" "1.1"}',
      ': it stops being JSON at character 12 (it starts "{"version" "1.1"}")',
    ],
  ])('says in words why %s is not JSON, never the parser’s own text', async (_what, body, why) => {
    const server = await servers.serve((_request, response) => response.end(body));

    const error = await feedFailure(connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(error.message).toBe(
      `source \`fernhill-journal\`: the answer from ${server.url('/feed.json')} is not JSON${why}; will retry next run`,
    );
  });

  it('reports JSON that is not a JSON Feed as unexpected-format', async () => {
    const server = await servers.serve((_request, response) =>
      response.end(JSON.stringify({ version: '1.1', items: [] })),
    );

    const error = await feedFailure(connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false });
    expect(error.message).toContain(
      `${server.url('/feed.json')} is not a JSON Feed: its "version" is "1.1", not https://jsonfeed.org/version/1.1 or 1`,
    );
  });

  it('keeps page 1 when page 2 has the wrong shape, and names page 2', async () => {
    const server = await servers.serve((request, response) => {
      if (request.url === '/feed.json') response.end(feedPage(['a'], '/feed.json?page=2'));
      else response.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: 'none' }));
    });
    const result = await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {});

    const { batches, error } = await drainUntilFailure(result);

    expect(batches.map((batch) => batch.items.map((item) => item.guid))).toEqual([['a']]);
    expect(error).toMatchObject({ reason: 'unexpected-format' });
    expect((error as Error).message).toContain(`${server.url('/feed.json?page=2')} is not a valid JSON Feed (items: `);
  });

  it('waits the Retry-After of a 429 on page 2 and reads on', async () => {
    let limited = false;
    const server = await servers.serve((request, response) => {
      if (request.url === '/feed.json') return void response.end(feedPage(['a'], '/feed.json?page=2'));
      if (!limited) {
        limited = true;
        return void response.writeHead(429, { 'retry-after': '2' }).end();
      }
      response.end(feedPage(['b']));
    });

    const result = await drain(await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {}));

    expect(result.items.map((item) => item.guid)).toEqual(['a', 'b']);
    expect(sleeps).toEqual([10, 2000]);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/feed.json',
      '/feed.json?page=2',
      '/feed.json?page=2',
    ]);
  });

  it('hands over page 1 before failing as rate-limited, retryable, when page 2 asks for a long wait', async () => {
    const server = await servers.serve((request, response) => {
      if (request.url === '/feed.json') return void response.end(feedPage(['a', 'b'], '/feed.json?page=2'));
      response.writeHead(429, { 'retry-after': '3600' }).end();
    });
    const result = await connector.read(jsonFeedSource({ url: server.url('/feed.json') }), {});

    const { batches, error } = await drainUntilFailure(result);

    expect(batches.map((batch) => batch.items.map((item) => item.guid))).toEqual([['a', 'b']]);
    expect(error).toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterSeconds: 3600,
      sourceId: 'fernhill-journal',
    });
    expect(sleeps).toEqual([10]);
  });
});

describe('the jsonfeed connector reading dates', () => {
  it('reads a date without a zone in the source’s time zone and counts one it cannot read', async () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { id: 'a', content_text: 'Zone-less', date_published: '2026-01-15T09:30:00' },
        { id: 'b', content_text: 'With offset', date_published: '2026-01-15T09:30:00+05:30' },
        { id: 'c', content_text: 'Unreadable', date_published: 'mid-January' },
      ],
    });
    const server = await servers.serve((_request, response) => response.end(body));

    const result = await drain(
      await connector.read(jsonFeedSource({ url: server.url('/feed.json') }, 'Europe/Paris'), {}),
    );

    expect(result.items.map((item) => [item.guid, item.date])).toEqual([
      ['a', '2026-01-15T08:30:00.000Z'],
      ['b', '2026-01-15T04:00:00.000Z'],
      ['c', undefined],
    ]);
    expect(result.unreadableDates).toBe(1);
  });
});
