import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStoreConnector } from '#adapters/feeds/appstore-connector';
import type { FeedItem } from '#domain/feed-item';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { withRecordedSleeps } from '#test/support/api-testing';
import { drain, drainUntilFailure } from '#test/support/drain';
import { localServers, type LocalServer } from '#test/support/local-server';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/connectors/appstore-reviews/${name}`, import.meta.url));
const PAGE_1 = fixture('page-1-app-entry-first.json');
const PAGE_ONE_REVIEW = fixture('page-2-one-review.json');
const PAGE_EMPTY = fixture('page-empty.json');

const servers = localServers();
afterEach(() => servers.closeAll());

/** A connector whose pauses are recorded instead of waited. */
const setup = () => withRecordedSleeps(createAppStoreConnector);

function source(
  server: LocalServer,
  overrides: Partial<SourceOfKind<'appstore-reviews'>> = {},
): SourceOfKind<'appstore-reviews'> {
  return {
    id: 'ride-app',
    kind: 'appstore-reviews',
    channel: 'review',
    schedule: 'daily',
    timezone: 'UTC',
    appId: '1490000001',
    country: 'gb',
    maxPages: 10,
    baseUrl: server.origin,
    ...overrides,
  };
}

const pagePath = (page: number, country = 'gb', appId = '1490000001') =>
  `/${country}/rss/customerreviews/page=${page}/id=${appId}/sortby=mostrecent/json`;

/** Serves the bodies by page number (page=N in the path); later pages get the empty feed. */
function pages(bodies: Record<number, Buffer | ((response: ServerResponse) => void)>) {
  return servers.serve((request, response) => {
    const page = Number(/\/page=(\d+)\//.exec(request.url ?? '')?.[1]);
    const body = bodies[page] ?? PAGE_EMPTY;
    if (typeof body === 'function') return body(response);
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(body);
  });
}

const STORE_PAGE = 'https://apps.apple.com/gb/app/id1490000001';

const PAGE_1_REVIEWS: FeedItem[] = [
  {
    guid: 'appstore:1490000001:11800000001',
    link: 'https://itunes.apple.com/gb/review?id=1490000001&type=Purple%20Software',
    title: 'Repair booking just works',
    html: 'Booked a <b>free</b> frame check in two taps & got a slot the same week.',
    author: 'gravel_goat',
    date: '2026-02-14T15:31:07.000Z',
    rating: { value: 5, best: 5 },
    appVersion: '3.4.1',
  },
  {
    guid: 'appstore:1490000001:11800000002',
    link: STORE_PAGE,
    title: 'Warranty claim lost after update',
    html: 'The app forgot my registered frame after the update, so my lifetime warranty claim vanished.',
    author: 'CommuterKat',
    date: '2026-02-14T02:02:44.000Z',
    rating: { value: 2, best: 5 },
    appVersion: '3.4.0',
  },
  {
    guid: 'appstore:1490000001:11800000003',
    link: STORE_PAGE,
    title: 'Good route planner',
    html: 'Routes are great, the recycled packaging tracker less so.',
    author: 'hill-repeats',
    date: '2026-02-12T14:15:00.000Z',
    rating: { value: 4, best: 5 },
    appVersion: '3.4.0',
  },
];

describe('the appstore-reviews connector', () => {
  it('maps each review, skips the app entry, counts an entry without an id as invalid, and stops at an empty page', async () => {
    const server = await pages({ 1: PAGE_1 });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server), {}));

    expect(result.items).toEqual(PAGE_1_REVIEWS);
    expect(result.invalidItems).toBe(1);
    expect(result.batchSizes).toEqual([3]);
    expect(result.validators).toEqual({});
    expect(result.language).toBeUndefined();
    expect(server.requests.map((request) => request.path)).toEqual([pagePath(1), pagePath(2)]);
    expect(server.requests.every((request) => request.method === 'GET')).toBe(true);
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
    expect(sleeps).toEqual([10]);
  });

  it('reads a page whose single review is an object rather than an array', async () => {
    const server = await pages({ 1: PAGE_ONE_REVIEW });

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result.items).toEqual([
      {
        guid: 'appstore:1490000001:11800000005',
        link: 'https://itunes.apple.com/gb/review?id=1490000001&type=Purple%20Software',
        title: 'Crashes on launch',
        html: 'Crashes every time I open the service history.',
        author: 'tandem_tom',
        date: '2026-02-01T19:40:19.000Z',
        rating: { value: 1, best: 5 },
        appVersion: '3.3.8',
      },
    ]);
    expect(result.invalidItems).toBe(0);
  });

  it('pages through the storefront and app id given, one batch per page, pausing before each later page, up to maxPages', async () => {
    const server = await pages({ 1: PAGE_1, 2: PAGE_ONE_REVIEW, 3: PAGE_ONE_REVIEW, 4: PAGE_ONE_REVIEW });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server, { appId: 1490000001, maxPages: 3 }), {}));

    expect(result.batchSizes).toEqual([3, 1, 1]);
    expect(server.requests.map((request) => request.path)).toEqual([pagePath(1), pagePath(2), pagePath(3)]);
    expect(sleeps).toEqual([10, 10]);
  });

  it('asks the storefront of the country given and links reviews without a link to that storefront', async () => {
    const server = await pages({ 1: PAGE_1 });

    const result = await drain(await setup().connector.read(source(server, { country: 'de' }), {}));

    expect(server.requests[0]?.path).toBe(pagePath(1, 'de'));
    expect(result.items.map((item) => item.link)).toEqual([
      'https://itunes.apple.com/gb/review?id=1490000001&type=Purple%20Software',
      'https://apps.apple.com/de/app/id1490000001',
      'https://apps.apple.com/de/app/id1490000001',
    ]);
  });

  it('gives the same review the same guid when it moves from page 1 to page 2', async () => {
    const server = await pages({ 1: PAGE_1, 2: PAGE_1 });

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result.batchSizes).toEqual([3, 3]);
    expect(result.items.slice(3).map((item) => item.guid)).toEqual(result.items.slice(0, 3).map((item) => item.guid));
  });

  it('reads nothing, without error, from an app with no reviews', async () => {
    const server = await pages({});

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result).toMatchObject({ items: [], invalidItems: 0, batchSizes: [] });
    expect(server.requests).toHaveLength(1);
  });

  it('reports HTTP 500 as retryable and HTTP 404 as not, naming the source and the address', async () => {
    const failing = await pages({ 1: (response) => void response.writeHead(500).end() });
    const missing = await pages({ 1: (response) => void response.writeHead(404).end() });

    const serverError = await feedFailure(setup().connector.read(source(failing), {}).then(drain));
    const notFound = await feedFailure(setup().connector.read(source(missing), {}).then(drain));

    expect(serverError).toMatchObject({ sourceId: 'ride-app', reason: 'http-status', retryable: true });
    expect(serverError.message).toBe(
      `source \`ride-app\`: HTTP 500 from ${failing.url(pagePath(1))}; will retry next run`,
    );
    expect(notFound).toMatchObject({ sourceId: 'ride-app', reason: 'http-status', retryable: false });
    expect(notFound.message).toContain('HTTP 404');
  });

  it('rejects an answer that is not JSON', async () => {
    const server = await pages({ 1: Buffer.from('<html><body>Service unavailable</body></html>') });

    const error = await feedFailure(setup().connector.read(source(server), {}).then(drain));

    expect(error).toMatchObject({ sourceId: 'ride-app', reason: 'not-json' });
  });

  it('rejects JSON without a feed, or with entries that are neither a list nor an object, as unexpected-format', async () => {
    const noFeed = await pages({ 1: Buffer.from('{"reviews":[]}') });
    const badEntry = await pages({ 1: Buffer.from('{"feed":{"entry":"none"}}') });

    const missing = await feedFailure(setup().connector.read(source(noFeed), {}).then(drain));
    const wrong = await feedFailure(setup().connector.read(source(badEntry), {}).then(drain));

    expect(missing).toMatchObject({ sourceId: 'ride-app', reason: 'unexpected-format', retryable: false });
    expect(missing.message).toContain('feed:');
    expect(wrong).toMatchObject({ reason: 'unexpected-format' });
    expect(wrong.message).toContain('feed.entry');
  });

  it('counts entries with a malformed rating as invalid and keeps the rest of the page', async () => {
    const page = JSON.parse(PAGE_1.toString('utf8')) as { feed: { entry: Array<Record<string, unknown>> } };
    page.feed.entry[1] = { ...page.feed.entry[1], 'im:rating': { label: 'five' } };
    const server = await pages({ 1: Buffer.from(JSON.stringify(page)) });

    const result = await drain(await setup().connector.read(source(server), {}));

    expect(result.items.map((item) => item.guid)).toEqual([
      'appstore:1490000001:11800000002',
      'appstore:1490000001:11800000003',
    ]);
    expect(result.invalidItems).toBe(2);
  });

  it('waits out a short Retry-After on HTTP 429 and then reads the page', async () => {
    let attempts = 0;
    const server = await pages({
      1: (response) => {
        attempts++;
        if (attempts === 1) return void response.writeHead(429, { 'retry-after': '2' }).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(PAGE_1);
      },
    });
    const { connector, sleeps } = setup();

    const result = await drain(await connector.read(source(server), {}));

    expect(result.items).toEqual(PAGE_1_REVIEWS);
    expect(server.requests.map((request) => request.path)).toEqual([pagePath(1), pagePath(1), pagePath(2)]);
    expect(sleeps).toEqual([2000, 10]);
  });

  it('hands over page 1 before failing as rate-limited when page 2 asks for a long wait', async () => {
    const server = await pages({
      1: PAGE_1,
      2: (response) => void response.writeHead(429, { 'retry-after': '120' }).end(),
    });
    const { connector, sleeps } = setup();

    const { batchSizes, error } = await drainUntilFailure(await connector.read(source(server), {}));

    expect(batchSizes).toEqual([3]);
    expect(error).toMatchObject({
      sourceId: 'ride-app',
      reason: 'rate-limited',
      retryable: true,
      retryAfterSeconds: 120,
    });
    expect(error.message).toContain(server.url(pagePath(2)));
    expect(sleeps).toEqual([10]);
  });
});

describe('the appstore-reviews connector reading dates', () => {
  const review = (id: string, updated: string) => ({
    id: { label: id },
    'im:rating': { label: '4' },
    content: { label: `Review ${id} of the Fernhill ride app.` },
    updated: { label: updated },
  });

  it('reads a date without a zone in the source’s time zone and counts one it cannot read', async () => {
    const page = Buffer.from(
      JSON.stringify({ feed: { entry: [review('1', '2026-02-14T08:31:07'), review('2', 'Feb the 14th')] } }),
    );
    const server = await pages({ 1: page });

    const result = await drain(
      await setup().connector.read(source(server, { timezone: 'America/Los_Angeles', maxPages: 1 }), {}),
    );

    expect(result.items.map((item) => [item.guid, item.date])).toEqual([
      ['appstore:1490000001:1', '2026-02-14T16:31:07.000Z'],
      ['appstore:1490000001:2', undefined],
    ]);
    expect(result.unreadableDates).toBe(1);
  });
});
