import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHackerNewsConnector } from '#adapters/feeds/hackernews-connector';
import type { FeedItem } from '#domain/feed-item';
import { plainText } from '#domain/plain-text';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { sendJson, withRecordedSleeps } from '#test/support/api-testing';
import { drain, drainUntilFailure } from '#test/support/drain';
import { localServers, type LocalServer } from '#test/support/local-server';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/connectors/hackernews/${name}`, import.meta.url));
const PAGE_0 = fixture('page-0-stories-and-comments.json');
const PAGE_1 = fixture('page-1-overlap.json');
const PAGE_2 = fixture('page-2-last.json');
const NO_HITS = fixture('no-hits.json');

const servers = localServers();
afterEach(() => servers.closeAll());

/** A connector whose pauses are recorded instead of waited. */
const setup = () => withRecordedSleeps(createHackerNewsConnector);

function source(server: LocalServer, overrides: Partial<SourceOfKind<'hackernews'>> = {}): SourceOfKind<'hackernews'> {
  return {
    id: 'hn-mentions',
    kind: 'hackernews',
    channel: 'social',
    schedule: 'every 6 hours',
    timezone: 'UTC',
    query: 'Fernhill Bikes',
    tags: ['story', 'comment'],
    maxPages: 3,
    baseUrl: server.origin,
    ...overrides,
  };
}

const searchPath = (page: number, tags = '(story%2Ccomment)', query = 'Fernhill%20Bikes') =>
  `/api/v1/search_by_date?query=${query}&tags=${tags}&hitsPerPage=100&page=${page}`;

/** Serves the bodies by the `page` query parameter; other pages get no hits. */
function pages(bodies: Record<number, Buffer | ((response: ServerResponse) => void)>) {
  return servers.serve((request, response) => {
    const page = Number(new URL(request.url ?? '', 'http://x').searchParams.get('page'));
    const body = bodies[page] ?? NO_HITS;
    if (typeof body === 'function') return body(response);
    sendJson(response, body);
  });
}

const PAGE_0_ITEMS: FeedItem[] = [
  {
    guid: 'hn:48000003',
    link: 'https://news.ycombinator.com/item?id=48000003',
    title: 'Fernhill Bikes publishes its frame repair manuals under CC BY',
    html: '<p>Link: https://fernhill-bikes.example/blog/repair-manuals?lang=en&amp;format=pdf</p>',
    author: 'spokewrench',
    date: '2026-02-14T16:20:05.000Z',
  },
  {
    guid: 'hn:48000002',
    link: 'https://news.ycombinator.com/item?id=48000002',
    title: 'Comment on: Ask HN: Which bike brands actually honour lifetime warranties?',
    html: 'I sent my Fernhill frame back after 6 years &amp; they fixed it for free. <p>No questions asked.',
    author: 'trailfox',
    date: '2026-02-14T15:48:30.000Z',
  },
  {
    guid: 'hn:48000001',
    link: 'https://news.ycombinator.com/item?id=48000001',
    title: 'Ask HN: Which bike brands actually honour lifetime warranties?',
    html: 'Thinking of a Fernhill or a <i>Brookvale</i>. Does anyone have warranty stories?',
    author: 'quietcadence',
    date: '2026-02-14T15:02:17.000Z',
  },
];

describe('the hackernews connector', () => {
  it('maps stories and comments, links each to its HN discussion, and counts a hit without an id as invalid', async () => {
    const server = await pages({ 0: PAGE_0 });
    const { connector } = setup();

    const result = await drain(await connector.read(source(server, { maxPages: 1 }), {}));

    expect(result.items).toEqual(PAGE_0_ITEMS);
    expect(plainText(result.items[0]?.html)).toBe(
      'Link: https://fernhill-bikes.example/blog/repair-manuals?lang=en&format=pdf',
    );
    expect(result.invalidItems).toBe(1);
    expect(result.validators).toEqual({});
    expect(result.language).toBeUndefined();
    expect(server.requests.map((request) => request.path)).toEqual([searchPath(0)]);
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
  });

  it('follows the page number until the last page Algolia reports, one batch per page, pausing before each later page', async () => {
    const server = await pages({ 0: PAGE_0, 1: PAGE_1, 2: PAGE_2 });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server, { maxPages: 10 }), {}));

    expect(result.batchSizes).toEqual([3, 2, 1]);
    expect(server.requests.map((request) => request.path)).toEqual([searchPath(0), searchPath(1), searchPath(2)]);
    expect(sleeps).toEqual([10, 10]);
  });

  it('stops at maxPages even when Algolia has more', async () => {
    const server = await pages({ 0: PAGE_0, 1: PAGE_1, 2: PAGE_2 });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server, { maxPages: 2 }), {}));

    expect(result.batchSizes).toEqual([3, 2]);
    expect(server.requests.map((request) => request.path)).toEqual([searchPath(0), searchPath(1)]);
    expect(sleeps).toEqual([10]);
  });

  it('gives a hit that shifts onto the next page the same guid, so it is stored once', async () => {
    const server = await pages({ 0: PAGE_0, 1: PAGE_1 });

    const result = await drain(await setup().connector.read(source(server, { maxPages: 2 }), {}));

    const guids = result.items.map((item) => item.guid);
    expect(guids).toEqual(['hn:48000003', 'hn:48000002', 'hn:48000001', 'hn:48000002', 'hn:47990007']);
    expect(result.items[3]).toEqual(result.items[1]);
  });

  it('leaves out a story URL that is not http(s), gives an empty text to a hit without one, and stops at a page without hits', async () => {
    const server = await pages({ 0: PAGE_2 });

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result.items).toEqual([
      {
        guid: 'hn:47900000',
        link: 'https://news.ycombinator.com/item?id=47900000',
        title: 'Fernhill Bikes opens a repair workshop in Leeds',
        html: '',
        author: 'brakepad',
        date: '2026-02-10T20:00:00.000Z',
      },
    ]);
    // This page says it is page 2 of 3, but the next page asked for (1) has no hits: nothing more to read.
    expect(server.requests.map((request) => request.path)).toEqual([searchPath(0), searchPath(1)]);
  });

  it('searches stories only or comments only when one tag is given, with the query encoded', async () => {
    const server = await pages({});
    const { connector } = setup();

    await drain(await connector.read(source(server, { tags: ['story'], query: 'Fernhill & "Brookvale"' }), {}));
    await drain(await connector.read(source(server, { tags: ['comment'] }), {}));

    expect(server.requests.map((request) => request.path)).toEqual([
      searchPath(0, 'story', 'Fernhill%20%26%20%22Brookvale%22'),
      searchPath(0, 'comment'),
    ]);
  });

  it('reads nothing, without error, when nothing matches', async () => {
    const server = await pages({});

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result).toMatchObject({ items: [], invalidItems: 0, batchSizes: [] });
    expect(server.requests).toHaveLength(1);
  });

  it('reports HTTP 500 as retryable and HTTP 404 as not, naming the source and the address', async () => {
    const failing = await pages({ 0: (response) => void response.writeHead(500).end() });
    const missing = await pages({ 0: (response) => void response.writeHead(404).end() });

    const serverError = await feedFailure(setup().connector.read(source(failing), {}).then(drain));
    const notFound = await feedFailure(setup().connector.read(source(missing), {}).then(drain));

    expect(serverError).toMatchObject({ sourceId: 'hn-mentions', reason: 'http-status', retryable: true });
    expect(serverError.message).toBe(
      `source \`hn-mentions\`: HTTP 500 from ${failing.url(searchPath(0))}; will retry next run`,
    );
    expect(notFound).toMatchObject({ sourceId: 'hn-mentions', reason: 'http-status', retryable: false });
    expect(notFound.message).toContain('HTTP 404');
  });

  it('rejects an answer that is not JSON', async () => {
    const server = await pages({ 0: Buffer.from('Bad Gateway') });

    const error = await feedFailure(setup().connector.read(source(server), {}).then(drain));

    expect(error).toMatchObject({ sourceId: 'hn-mentions', reason: 'not-json' });
  });

  it('rejects JSON without hits or page counts as unexpected-format', async () => {
    const server = await pages({ 0: Buffer.from('{"results":[{"hits":[]}]}') });

    const error = await feedFailure(setup().connector.read(source(server), {}).then(drain));

    expect(error).toMatchObject({ sourceId: 'hn-mentions', reason: 'unexpected-format', retryable: false });
    expect(error.message).toContain('hits:');
    expect(error.message).toContain('nbPages:');
  });

  it('waits out a short Retry-After on HTTP 429 and then reads the page', async () => {
    let attempts = 0;
    const server = await pages({
      0: (response) => {
        attempts++;
        if (attempts === 1) return void response.writeHead(429, { 'retry-after': '2' }).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(PAGE_0);
      },
    });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server, { maxPages: 1 }), {}));

    expect(result.items).toEqual(PAGE_0_ITEMS);
    expect(server.requests.map((request) => request.path)).toEqual([searchPath(0), searchPath(0)]);
    expect(sleeps).toEqual([2000]);
  });

  it('hands over page 0 before failing as rate-limited when page 1 asks for a long wait', async () => {
    const server = await pages({
      0: PAGE_0,
      1: (response) => void response.writeHead(429, { 'retry-after': '3600' }).end(),
    });
    const { connector, sleeps } = setup();

    const { batchSizes, error } = await drainUntilFailure(await connector.read(source(server), {}));

    expect(batchSizes).toEqual([3]);
    expect(error).toMatchObject({
      sourceId: 'hn-mentions',
      reason: 'rate-limited',
      retryable: true,
      retryAfterSeconds: 3600,
    });
    expect(error.message).toContain(server.url(searchPath(1)));
    expect(sleeps).toEqual([10]);
  });
});

describe('the hackernews connector reading dates', () => {
  it('reads a date without a zone in the source’s time zone and counts one it cannot read', async () => {
    const hit = (objectID: string, created_at: string) => ({
      objectID,
      created_at,
      title: `Story ${objectID}`,
      story_text: 'Fernhill Bikes',
    });
    const server = await pages({
      0: Buffer.from(
        JSON.stringify({ hits: [hit('1', '2026-02-14T16:20:05'), hit('2', 'just now')], page: 0, nbPages: 1 }),
      ),
    });

    const result = await drain(await setup().connector.read(source(server, { timezone: 'Asia/Tokyo' }), {}));

    expect(result.items.map((item) => [item.guid, item.date])).toEqual([
      ['hn:1', '2026-02-14T07:20:05.000Z'],
      ['hn:2', undefined],
    ]);
    expect(result.unreadableDates).toBe(1);
  });
});
