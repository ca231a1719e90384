import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedditConnector } from '#adapters/feeds/reddit-connector';
import { toSignal } from '#domain/feed-item';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { sendJson, withRecordedSleeps } from '#test/support/api-testing';
import { drain, drainUntilFailure } from '#test/support/drain';
import { localServers } from '#test/support/local-server';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/connectors/reddit/${name}`, import.meta.url));
const PAGE_1 = fixture('search-page-1.json');
const PAGE_2 = fixture('search-page-2.json');
const SEARCH = '/search.json?q=Fernhill%20Bikes&sort=new&limit=100&raw_json=1';

const servers = localServers();
afterEach(() => servers.closeAll());

/** A connector whose pauses are recorded instead of waited. */
const recordingConnector = () => withRecordedSleeps(createRedditConnector);

function redditSource(
  baseUrl: string,
  search: { query?: string; subreddit?: string } = { query: 'Fernhill Bikes' },
): SourceOfKind<'reddit'> {
  return {
    id: 'reddit-mentions',
    kind: 'reddit',
    channel: 'social',
    schedule: 'daily',
    timezone: 'UTC',
    maxPages: 3,
    baseUrl,
    ...search,
  };
}

/** Page 1 of the search, then page 2 when asked for what comes after page 1. */
function twoPages(response: ServerResponse, url: string | undefined): void {
  sendJson(response, new URL(url ?? '/', 'http://local').searchParams.get('after') === 't3_1fh0c03' ? PAGE_2 : PAGE_1);
}

describe('the reddit connector', () => {
  it('maps each post to a feed item and follows `after` until Reddit has no more', async () => {
    const server = await servers.serve((request, response) => twoPages(response, request.url));
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read(redditSource(server.origin), {}));

    expect(server.requests.map((request) => request.path)).toEqual([SEARCH, `${SEARCH}&after=t3_1fh0c03`]);
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
    expect(sleeps).toEqual([10]);
    // Page 1: three posts, a comment that is skipped, and a post without a permalink that is not readable.
    expect(result.batchSizes).toEqual([3, 2]);
    expect(result.invalidItems).toBe(1);
    expect(result.validators).toEqual({});
    expect(result.language).toBeUndefined();
    expect(result.items[0]).toEqual({
      guid: 't3_1fh0c01',
      link: 'https://www.reddit.com/r/bicycling/comments/1fh0c01/fernhill_bikes_warranty_9_weeks_for_a_dropout/',
      title: 'Fernhill Bikes warranty: 9 weeks for a dropout',
      html: 'Six months on a Fernhill Ridgeback. The frame is great, but the **warranty claim** for the cracked dropout took 9 weeks & three emails.',
      author: 'u/gravel_grinder_77',
      date: '2026-01-02T10:00:00.000Z',
    });
    // A link post has no text of its own, and a deleted author is no author.
    expect(result.items[1]).toEqual({
      guid: 't3_1fh0c02',
      link: 'https://www.reddit.com/r/MTB/comments/1fh0c02/fernhill_bikes_opens_a_repair_cafe_in_leeds/',
      title: 'Fernhill Bikes opens a repair café in Leeds',
      html: '',
      date: '2026-01-02T08:00:00.000Z',
    });
    expect(result.items.map((item) => item.guid)).toEqual([
      't3_1fh0c01',
      't3_1fh0c02',
      't3_1fh0c03',
      't3_1fh0c03',
      't3_1fh0b99',
    ]);
  });

  it('gives a post seen on two pages the same signal id', async () => {
    const server = await servers.serve((request, response) => twoPages(response, request.url));
    const { connector } = recordingConnector();

    const { items } = await drain(await connector.read(redditSource(server.origin), {}));
    const context = {
      sourceId: 'reddit-mentions',
      channel: 'social' as const,
      fetchedAt: new Date('2026-01-03T00:00:00Z'),
      language: 'en',
    };

    expect(items[2]).toEqual(items[3]);
    expect(toSignal(items[2] ?? {}, context).id).toBe(toSignal(items[3] ?? {}, context).id);
  });

  it('searches within a subreddit when both query and subreddit are given', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, PAGE_2));
    const { connector } = recordingConnector();

    const result = await drain(
      await connector.read(redditSource(server.origin, { query: 'Fernhill Bikes', subreddit: 'bicycling' }), {}),
    );

    expect(server.requests.map((request) => request.path)).toEqual([
      '/r/bicycling/search.json?q=Fernhill%20Bikes&restrict_sr=1&sort=new&limit=100&raw_json=1',
    ]);
    expect(result.items).toHaveLength(2);
  });

  it('reads a subreddit’s newest posts when no query is given, from a base URL with a trailing slash', async () => {
    const server = await servers.serve((request, response) => twoPages(response, request.url));
    const { connector } = recordingConnector();

    await drain(await connector.read(redditSource(server.url('/'), { subreddit: 'bicycling' }), {}));

    expect(server.requests.map((request) => request.path)).toEqual([
      '/r/bicycling/new.json?limit=100&raw_json=1',
      '/r/bicycling/new.json?limit=100&raw_json=1&after=t3_1fh0c03',
    ]);
  });

  it('encodes the query so that it cannot add parameters of its own', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, PAGE_2));
    const { connector } = recordingConnector();

    await drain(await connector.read(redditSource(server.origin, { query: 'fernhill&sort=top #bikes' }), {}));

    expect(server.requests[0]?.path).toBe(
      '/search.json?q=fernhill%26sort%3Dtop%20%23bikes&sort=new&limit=100&raw_json=1',
    );
  });

  it('stops at maxPages even when Reddit offers more', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, PAGE_1));
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read({ ...redditSource(server.origin), maxPages: 2 }, {}));

    expect(server.requests.map((request) => request.path)).toEqual([SEARCH, `${SEARCH}&after=t3_1fh0c03`]);
    expect(result.batchSizes).toEqual([3, 3]);
    expect(sleeps).toEqual([10]);
  });

  it('reports a server error as retryable and a missing subreddit as not', async () => {
    const server = await servers.serve((request, response) =>
      sendJson(response, '{}', request.url?.startsWith('/r/') ? 404 : 500),
    );
    const { connector } = recordingConnector();

    const serverError = await feedFailure(connector.read(redditSource(server.origin), {}).then(drain));
    const notFound = await feedFailure(
      connector.read(redditSource(server.origin, { subreddit: 'nosuchsub' }), {}).then(drain),
    );

    expect(serverError).toMatchObject({ reason: 'http-status', retryable: true, sourceId: 'reddit-mentions' });
    expect(serverError.message).toBe(
      `source \`reddit-mentions\`: HTTP 500 from ${server.origin}${SEARCH}; will retry next run`,
    );
    expect(notFound).toMatchObject({ reason: 'http-status', retryable: false });
    expect(notFound.message).toContain('HTTP 404');
  });

  it('explains a 403 as a private subreddit or Reddit refusing unauthenticated access', async () => {
    const server = await servers.serve((_request, response) =>
      sendJson(response, '{"reason": "private", "error": 403}', 403),
    );
    const { connector } = recordingConnector();

    const error = await feedFailure(
      connector.read(redditSource(server.origin, { subreddit: 'fernhillstaff' }), {}).then(drain),
    );

    expect(error).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'reddit-mentions' });
    expect(error.message).toBe(
      `source \`reddit-mentions\`: Reddit refused ${server.origin}/r/fernhillstaff/new.json?limit=100&raw_json=1 (HTTP 403): ` +
        'the subreddit may be private or banned, or Reddit is refusing unauthenticated access from this network; ' +
        'check the subreddit in a browser, and read Reddit lightly; fix the source and run again',
    );
  });

  it('rejects an answer that is not JSON', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Blocked</title>');
    });
    const { connector } = recordingConnector();

    const error = await feedFailure(connector.read(redditSource(server.origin), {}).then(drain));

    expect(error).toMatchObject({ reason: 'not-json', sourceId: 'reddit-mentions' });
  });

  it('rejects JSON that is not a listing as unexpected-format', async () => {
    const server = await servers.serve((_request, response) =>
      sendJson(response, fixture('comments-thread-not-a-listing.json')),
    );
    const { connector } = recordingConnector();

    const error = await feedFailure(connector.read(redditSource(server.origin), {}).then(drain));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'reddit-mentions' });
    expect(error.message).toContain('(root): ');
  });

  it('waits out a short Retry-After and then reads the page', async () => {
    const server = await servers.serve((_request, response) =>
      server.requests.length === 1 ? sendJson(response, '{}', 429, { 'retry-after': '2' }) : sendJson(response, PAGE_2),
    );
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read(redditSource(server.origin), {}));

    expect(sleeps).toEqual([2000]);
    expect(server.requests.map((request) => request.path)).toEqual([SEARCH, SEARCH]);
    expect(result.items.map((item) => item.guid)).toEqual(['t3_1fh0c03', 't3_1fh0b99']);
  });

  it('hands over page 1 before failing as rate-limited when page 2 asks for a long wait', async () => {
    const server = await servers.serve((_request, response) =>
      server.requests.length === 1
        ? sendJson(response, PAGE_1)
        : sendJson(response, '{}', 429, { 'retry-after': '120' }),
    );
    const { connector, sleeps } = recordingConnector();

    const { batchSizes, error } = await drainUntilFailure(await connector.read(redditSource(server.origin), {}));

    expect(batchSizes).toEqual([3]);
    expect(error).toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterSeconds: 120,
      sourceId: 'reddit-mentions',
    });
    expect(sleeps).toEqual([10]);
    expect(server.requests).toHaveLength(2);
  });
});
