import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '#adapters/feeds/errors';
import { createRssConnector } from '#adapters/feeds/rss-connector';
import type { SourceOfKind } from '#domain/profile';
import { drain } from '#test/support/drain';
import { ALLOW_LOOPBACK, localServers } from '#test/support/local-server';

const FIXTURES = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));
const connector = createRssConnector({ baseDir: FIXTURES, allowHosts: ALLOW_LOOPBACK });

const servers = localServers();
afterEach(() => servers.closeAll());

function pathSource(path: string): SourceOfKind<'rss'> {
  return { id: 'trail-reviews', kind: 'rss', path, channel: 'review', schedule: 'daily', timezone: 'UTC' };
}

function urlSource(url: string): SourceOfKind<'rss'> {
  return { id: 'newsroom', kind: 'rss', url, channel: 'news', schedule: 'daily', timezone: 'UTC' };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('the rss connector on a file', () => {
  it('reads a path relative to baseDir and returns its items and a content hash', async () => {
    const bytes = await readFile(new URL('../../fixtures/feeds/rss2-html-and-gaps.xml', import.meta.url));

    const result = await drain(await connector.read(pathSource('rss2-html-and-gaps.xml'), {}));

    expect(result.items).toHaveLength(7);
    expect(result.items[0]?.guid).toBe('review-1');
    expect(result.language).toBe('en-GB');
    expect(result.invalidItems).toBe(0);
    expect(result.validators).toEqual({ etag: undefined, lastModified: undefined, contentHash: sha256(bytes) });
  });

  it('reports the same file as unchanged when given the validators it returned', async () => {
    const first = await drain(await connector.read(pathSource('atom-newsroom.atom'), {}));

    const second = await connector.read(pathSource('atom-newsroom.atom'), first.validators);

    expect(second).toEqual({ status: 'unchanged', validators: first.validators });
  });

  it('fetches a different file again even with the validators of another one', async () => {
    const first = await drain(await connector.read(pathSource('atom-newsroom.atom'), {}));

    const second = await drain(await connector.read(pathSource('rss1-social.rdf'), first.validators));

    expect(second.items).toHaveLength(2);
    expect(second.validators.contentHash).not.toBe(first.validators.contentHash);
  });

  it('reports a missing file as not-found, not retryable', async () => {
    const error = await connector.read(pathSource('no-such-feed.xml'), {}).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ reason: 'not-found', retryable: false, sourceId: 'trail-reviews' });
    expect((error as FeedError).message).toContain('no-such-feed.xml');
  });

  it('rejects a file that is not a feed as not-a-feed', async () => {
    await expect(connector.read(pathSource('html-page-not-a-feed.html'), {})).rejects.toMatchObject({
      reason: 'not-a-feed',
    });
  });
});

describe('the rss connector on a URL', () => {
  const FEED = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title>' +
      '<item><guid>n-1</guid><title>Repairs for life</title></item></channel></rss>',
    'utf8',
  );

  it('sends the stored ETag and reports 304 as unchanged', async () => {
    const server = await servers.serve((request, response) => {
      if (request.headers['if-none-match'] === '"feed-v1"') return void response.writeHead(304).end();
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"feed-v1"',
        'last-modified': 'Tue, 10 Nov 2026 09:00:00 GMT',
      });
      response.end(FEED);
    });
    const source = urlSource(server.url('/feed.xml'));

    const first = await drain(await connector.read(source, {}));
    const second = await connector.read(source, first.validators);

    expect(first.items.map((item) => item.title)).toEqual(['Repairs for life']);
    expect(first.validators).toEqual({
      etag: '"feed-v1"',
      lastModified: 'Tue, 10 Nov 2026 09:00:00 GMT',
      contentHash: sha256(FEED),
    });
    expect(second).toEqual({ status: 'unchanged', validators: first.validators });
    expect(server.requests[0]?.headers).not.toHaveProperty('if-none-match');
    expect(server.requests[1]?.headers['if-none-match']).toBe('"feed-v1"');
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Tue, 10 Nov 2026 09:00:00 GMT');
  });

  it('reports the same bytes from a server that ignores conditional GET as unchanged, by content hash', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"changes-every-time"' });
      response.end(FEED);
    });
    const source = urlSource(server.url('/feed.xml'));

    const first = await drain(await connector.read(source, {}));
    const second = await connector.read(source, first.validators);

    expect(server.requests).toHaveLength(2);
    expect(second).toEqual({ status: 'unchanged', validators: expect.objectContaining({ contentHash: sha256(FEED) }) });
  });

  it('fetches again when the server sends different bytes', async () => {
    let version = 1;
    const server = await servers.serve((_request, response) => {
      response.end(
        `<rss version="2.0"><channel><title>News</title><item><guid>v${version}</guid></item></channel></rss>`,
      );
    });
    const source = urlSource(server.url('/feed.xml'));

    const first = await drain(await connector.read(source, {}));
    version = 2;
    const second = await drain(await connector.read(source, first.validators));

    expect(second.items.map((item) => item.guid)).toEqual(['v2']);
    expect(second.validators.contentHash).not.toBe(first.validators.contentHash);
  });

  it('decodes the body with the charset from the Content-Type header', async () => {
    const latin1 = Buffer.from(
      '<rss version="2.0"><channel><title>x</title><item><title>Café</title></item></channel></rss>',
      'latin1',
    );
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=ISO-8859-1' });
      response.end(latin1);
    });

    const result = await drain(await connector.read(urlSource(server.url('/feed.xml')), {}));

    expect(result.items[0]?.title).toBe('Café');
  });

  it('passes HTTP failures on as FeedErrors', async () => {
    const server = await servers.serve((_request, response) => response.writeHead(500).end());

    await expect(connector.read(urlSource(server.url('/feed.xml')), {})).rejects.toMatchObject({
      reason: 'http-status',
      retryable: true,
      sourceId: 'newsroom',
    });
  });
});

describe('the rss connector reading dates', () => {
  it('hands dates on as UTC instants and counts an item whose date cannot be read', async () => {
    const server = await servers.serve((_request, response) =>
      response.end(
        '<rss version="2.0"><channel><title>News</title>' +
          '<item><guid>a</guid><title>Dated</title><pubDate>Mon, 02 Nov 2026 09:15:00 +0100</pubDate></item>' +
          '<item><guid>b</guid><title>Undatable</title><pubDate>soon</pubDate></item>' +
          '</channel></rss>',
      ),
    );

    const result = await drain(await connector.read(urlSource(server.url('/feed.xml')), {}));

    expect(result.items.map((item) => [item.guid, item.date])).toEqual([
      ['a', '2026-11-02T08:15:00.000Z'],
      ['b', undefined],
    ]);
    expect(result.unreadableDates).toBe(1);
  });
});
