import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMastodonConnector } from '#adapters/feeds/mastodon-connector';
import { toSignal } from '#domain/feed-item';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { sendJson, withRecordedSleeps } from '#test/support/api-testing';
import { drain, drainUntilFailure } from '#test/support/drain';
import { localServers } from '#test/support/local-server';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/connectors/mastodon/${name}`, import.meta.url));
const TAG_PAGE_1 = fixture('tag-page-1.json');
const TAG_PAGE_2 = fixture('tag-page-2.json');
const TAG = '/api/v1/timelines/tag/FernhillBikes?limit=40';
const STATUSES = '/api/v1/accounts/109000000000000001/statuses?limit=40&exclude_replies=false&exclude_reblogs=true';

const servers = localServers();
afterEach(() => servers.closeAll());

/** A connector whose pauses are recorded instead of waited. */
const recordingConnector = () => withRecordedSleeps(createMastodonConnector);

function mastodonSource(
  instance: string,
  follow: { hashtag?: string; account?: string } = { hashtag: 'FernhillBikes' },
  timezone = 'UTC',
): SourceOfKind<'mastodon'> {
  return {
    id: 'fediverse',
    kind: 'mastodon',
    channel: 'social',
    schedule: 'daily',
    timezone,
    maxPages: 5,
    instance,
    ...follow,
  };
}

/** The tag timeline: page 1, page 2 older than page 1's last status, then nothing older. */
function tagTimeline(response: ServerResponse, url: string | undefined): void {
  const maxId = new URL(url ?? '/', 'http://local').searchParams.get('max_id');
  sendJson(response, maxId === null ? TAG_PAGE_1 : maxId === '113700000000000001' ? TAG_PAGE_2 : '[]');
}

describe('the mastodon connector on a hashtag', () => {
  it('maps each status to a feed item and pages back with max_id until a page is empty', async () => {
    const server = await servers.serve((request, response) => tagTimeline(response, request.url));
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read(mastodonSource(server.origin), {}));

    expect(server.requests.map((request) => request.path)).toEqual([
      TAG,
      `${TAG}&max_id=113700000000000001`,
      `${TAG}&max_id=113699000000000009`,
    ]);
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
    expect(sleeps).toEqual([10, 10]);
    // Page 1: two posts, a boost that is skipped, and a status without its account that is not readable.
    expect(result.batchSizes).toEqual([2, 2]);
    expect(result.invalidItems).toBe(1);
    expect(result.validators).toEqual({});
    expect(result.items[0]).toEqual({
      guid: 'https://velo.example/users/trailrider/statuses/113700000000000004',
      link: 'https://velo.example/@trailrider/113700000000000004',
      title: '',
      html:
        '<p>Picked up my <a href="https://social.example/tags/FernhillBikes" class="mention hashtag" rel="tag">#<span>FernhillBikes</span></a>' +
        ' Ridgeback today &amp; the fit session was spot on.</p>',
      author: '@trailrider@velo.example',
      date: '2026-01-02T09:30:00.000Z',
      language: 'en',
    });
    // A content warning stands in for the title; without a url the link is the uri.
    expect(result.items[1]).toEqual({
      guid: 'https://social.example/users/kettenblatt/statuses/113700000000000003',
      link: 'https://social.example/users/kettenblatt/statuses/113700000000000003',
      title: 'Fernhill Bikes warranty rant',
      html:
        '<p>Neun Wochen für einen Garantiefall. Wirklich, <a href="https://social.example/tags/FernhillBikes" class="mention hashtag"' +
        ' rel="tag">#<span>FernhillBikes</span></a>?</p>',
      author: '@kettenblatt',
      date: '2026-01-02T08:00:00.000Z',
      language: 'de',
    });
    expect(result.items.map((item) => item.guid)).toEqual([
      'https://velo.example/users/trailrider/statuses/113700000000000004',
      'https://social.example/users/kettenblatt/statuses/113700000000000003',
      'https://velo.example/users/trailrider/statuses/113700000000000004',
      'https://social.example/users/cargo_carla/statuses/113699000000000009',
    ]);
  });

  it('gives a status seen on two pages the same signal id', async () => {
    const server = await servers.serve((request, response) => tagTimeline(response, request.url));
    const { connector } = recordingConnector();

    const { items } = await drain(await connector.read(mastodonSource(server.origin), {}));
    const context = {
      sourceId: 'fediverse',
      channel: 'social' as const,
      fetchedAt: new Date('2026-01-03T00:00:00Z'),
      language: 'en',
    };

    expect(items[2]).toEqual(items[0]);
    expect(toSignal(items[2] ?? {}, context).id).toBe(toSignal(items[0] ?? {}, context).id);
  });

  it('stops at maxPages even when older statuses remain', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, TAG_PAGE_1));
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read({ ...mastodonSource(server.origin), maxPages: 2 }, {}));

    expect(server.requests.map((request) => request.path)).toEqual([TAG, `${TAG}&max_id=113700000000000001`]);
    expect(result.batchSizes).toEqual([2, 2]);
    expect(sleeps).toEqual([10]);
  });

  it('encodes a non-ASCII hashtag and drops a trailing slash from the instance', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, '[]'));
    const { connector } = recordingConnector();

    const result = await drain(await connector.read(mastodonSource(server.url('/'), { hashtag: 'Fahrradstraße' }), {}));

    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v1/timelines/tag/Fahrradstra%C3%9Fe?limit=40',
    ]);
    expect(result.items).toEqual([]);
  });

  it.each([401, 403])(
    'explains an HTTP %i as an instance that does not show its timelines to visitors',
    async (status) => {
      const server = await servers.serve((_request, response) =>
        sendJson(response, '{"error":"This method requires an authenticated user"}', status),
      );
      const { connector } = recordingConnector();

      const error = await feedFailure(connector.read(mastodonSource(server.origin), {}).then(drain));

      expect(error).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'fediverse' });
      expect(error.message).toBe(
        `source \`fediverse\`: ${server.origin} does not allow public timeline access without signing in ` +
          `(HTTP ${status} from ${server.origin}${TAG}); read the hashtag or account through an instance that does; ` +
          'fix the source and run again',
      );
    },
  );

  it('reports a server error as retryable and a missing endpoint as not', async () => {
    let status = 500;
    const server = await servers.serve((_request, response) => sendJson(response, '{}', status));
    const { connector } = recordingConnector();

    const serverError = await feedFailure(connector.read(mastodonSource(server.origin), {}).then(drain));
    status = 404;
    const notFound = await feedFailure(connector.read(mastodonSource(server.origin), {}).then(drain));

    expect(serverError).toMatchObject({ reason: 'http-status', retryable: true, sourceId: 'fediverse' });
    expect(serverError.message).toBe(`source \`fediverse\`: HTTP 500 from ${server.origin}${TAG}; will retry next run`);
    expect(notFound).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'fediverse' });
  });

  it('rejects an answer that is not JSON', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Welcome to Mastodon</title>');
    });
    const { connector } = recordingConnector();

    const error = await feedFailure(connector.read(mastodonSource(server.origin), {}).then(drain));

    expect(error).toMatchObject({ reason: 'not-json', sourceId: 'fediverse' });
  });

  it('rejects JSON that is not a list of statuses as unexpected-format', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, '{"statuses":[]}'));
    const { connector } = recordingConnector();

    const error = await feedFailure(connector.read(mastodonSource(server.origin), {}).then(drain));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'fediverse' });
    expect(error.message).toContain('(root): ');
  });

  it('waits out a short Retry-After and then reads the page', async () => {
    const server = await servers.serve((_request, response) =>
      server.requests.length === 1
        ? sendJson(response, '{}', 429, { 'retry-after': '2' })
        : sendJson(response, server.requests.length === 2 ? TAG_PAGE_2 : '[]'),
    );
    const { connector, sleeps } = recordingConnector();

    const result = await drain(await connector.read(mastodonSource(server.origin), {}));

    expect(sleeps).toEqual([2000, 10]);
    expect(server.requests.map((request) => request.path)).toEqual([TAG, TAG, `${TAG}&max_id=113699000000000009`]);
    expect(result.batchSizes).toEqual([2]);
  });

  it('hands over page 1 before failing as rate-limited when page 2 asks for a long wait', async () => {
    const server = await servers.serve((_request, response) =>
      server.requests.length === 1
        ? sendJson(response, TAG_PAGE_1)
        : sendJson(response, '{}', 429, { 'retry-after': '120' }),
    );
    const { connector, sleeps } = recordingConnector();

    const { batchSizes, error } = await drainUntilFailure(await connector.read(mastodonSource(server.origin), {}));

    expect(batchSizes).toEqual([2]);
    expect(error).toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterSeconds: 120,
      sourceId: 'fediverse',
    });
    expect(sleeps).toEqual([10]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('the mastodon connector on an account', () => {
  it('looks the handle up, then reads the account’s own posts without boosts', async () => {
    const server = await servers.serve((request, response) => {
      if (request.url?.startsWith('/api/v1/accounts/lookup')) return sendJson(response, fixture('account-lookup.json'));
      sendJson(response, request.url === STATUSES ? fixture('account-statuses.json') : '[]');
    });
    const { connector } = recordingConnector();

    const result = await drain(await connector.read(mastodonSource(server.origin, { account: '@fernhill' }), {}));

    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v1/accounts/lookup?acct=fernhill',
      STATUSES,
      `${STATUSES}&max_id=113690000000000001`,
    ]);
    expect(result.items).toEqual([
      {
        guid: 'https://social.example/users/fernhill/statuses/113690000000000001',
        link: 'https://social.example/@fernhill/113690000000000001',
        title: '',
        html: '<p>Our repair café in Leeds opens on Saturday. Bring a bike, leave with it fixed.</p>',
        author: '@fernhill',
        date: '2026-01-01T18:00:00.000Z',
        language: 'en',
      },
    ]);
  });

  it('fails the read, not retryable, when the instance does not know the account', async () => {
    const server = await servers.serve((_request, response) => sendJson(response, '{"error":"Record not found"}', 404));
    const { connector } = recordingConnector();

    const error = await feedFailure(
      connector.read(mastodonSource(server.origin, { account: 'fernhill@fernhill.example' }), {}),
    );

    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v1/accounts/lookup?acct=fernhill%40fernhill.example',
    ]);
    expect(error).toMatchObject({ reason: 'not-found', retryable: false, sourceId: 'fediverse' });
    expect(error.message).toBe(
      `source \`fediverse\`: the account @fernhill@fernhill.example was not found on ${server.origin} ` +
        `(HTTP 404 from ${server.origin}/api/v1/accounts/lookup?acct=fernhill%40fernhill.example); check the handle, ` +
        'and give an account on another server as name@server; fix the source and run again',
    );
  });
});

describe('the mastodon connector reading dates', () => {
  it('reads a date without a zone in the source’s time zone and counts one it cannot read', async () => {
    const status = (id: string, created_at: string) => ({
      id,
      uri: `https://social.example/users/ana/statuses/${id}`,
      url: null,
      created_at,
      content: `<p>Post ${id} about Fernhill</p>`,
      account: { acct: 'ana' },
      reblog: null,
    });
    const server = await servers.serve((request, response) =>
      sendJson(
        response,
        request.url?.includes('max_id')
          ? '[]'
          : JSON.stringify([status('2', '2026-01-02T09:30:00'), status('1', 'earlier')]),
      ),
    );

    const result = await drain(
      await recordingConnector().connector.read(mastodonSource(server.origin, undefined, 'Europe/Berlin'), {}),
    );

    expect(result.items.map((item) => [item.guid, item.date])).toEqual([
      ['https://social.example/users/ana/statuses/2', '2026-01-02T08:30:00.000Z'],
      ['https://social.example/users/ana/statuses/1', undefined],
    ]);
    expect(result.unreadableDates).toBe(1);
  });
});
