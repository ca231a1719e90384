// httpGet against local servers: what it sends, redirects, limits, validators and failures, and the
// addresses it must not fetch.
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { feedFailure } from '#test/support/feed-error';
import { DEFAULT_HTTP_LIMITS, formatBytes, httpGet } from '#adapters/feeds/http-get';
import { ALLOW_LOOPBACK, closedPort, localServers } from '#test/support/local-server';

const LOOPBACK_LIMITS = { ...DEFAULT_HTTP_LIMITS, allowHosts: ALLOW_LOOPBACK };

const SOURCE = 'trail-reviews';
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Trailside</title></channel></rss>';

const servers = localServers();
afterEach(() => servers.closeAll());

function text(body: Uint8Array): string {
  return Buffer.from(body).toString('utf8');
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location }).end();
}

describe('httpGet', () => {
  it('returns the body with its content type, ETag and Last-Modified on a 200', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Tue, 10 Nov 2026 09:00:00 GMT',
      });
      response.end(FEED);
    });

    const result = await httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS);

    expect(result).toEqual({
      status: 'ok',
      finalUrl: server.url('/feed.xml'),
      body: expect.any(Uint8Array),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Tue, 10 Nov 2026 09:00:00 GMT',
    });
    expect(result.status === 'ok' && text(result.body)).toBe(FEED);
  });

  it('leaves the validators undefined when the server sends none', async () => {
    const server = await servers.serve((_request, response) => response.end(FEED));

    const result = await httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS);

    expect(result).toMatchObject({ status: 'ok', etag: undefined, lastModified: undefined });
  });

  it('identifies itself with a User-Agent starting with "Congruence/" and asks for feed types', async () => {
    const server = await servers.serve((_request, response) => response.end(FEED));

    await httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS);

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
    expect(server.requests[0]?.headers.accept).toContain('application/rss+xml');
  });

  it('sends no conditional headers when it has no validators', async () => {
    const server = await servers.serve((_request, response) => response.end(FEED));

    await httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS);

    expect(server.requests[0]?.headers).not.toHaveProperty('if-none-match');
    expect(server.requests[0]?.headers).not.toHaveProperty('if-modified-since');
  });

  it('sends the stored ETag and Last-Modified and reports a 304 as not-modified', async () => {
    const server = await servers.serve((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
      else response.end(FEED);
    });

    const result = await httpGet(
      SOURCE,
      server.url('/feed.xml'),
      { etag: '"v1"', lastModified: 'Tue, 10 Nov 2026 09:00:00 GMT' },
      LOOPBACK_LIMITS,
    );

    expect(result).toEqual({ status: 'not-modified', finalUrl: server.url('/feed.xml') });
    expect(server.requests[0]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Tue, 10 Nov 2026 09:00:00 GMT');
  });

  describe('redirects', () => {
    // /hop/N redirects to hop N-1 (relative Location, a different redirect status each time); /hop/0 is the feed.
    const STATUSES = [301, 302, 303, 307, 308];
    async function hops() {
      return servers.serve((request, response) => {
        const n = Number(/^\/hop\/(\d+)$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
        if (n === 0) response.end(FEED);
        else if (n > 0) redirect(response, STATUSES[n % STATUSES.length] ?? 302, `${n - 1}`);
        else response.writeHead(404).end();
      });
    }

    it('follows one redirect with a relative Location and reports the final URL', async () => {
      const server = await servers.serve((request, response) => {
        if (request.url === '/old/feed') redirect(response, 301, '../new/feed.xml');
        else if (request.url === '/new/feed.xml') response.end(FEED);
        else response.writeHead(404).end();
      });

      const result = await httpGet(SOURCE, server.url('/old/feed'), {}, LOOPBACK_LIMITS);

      expect(result.status).toBe('ok');
      expect(result.finalUrl).toBe(server.url('/new/feed.xml'));
      expect(result.status === 'ok' && text(result.body)).toBe(FEED);
    });

    it('follows five redirects in a row', async () => {
      const server = await hops();

      const result = await httpGet(SOURCE, server.url('/hop/5'), {}, LOOPBACK_LIMITS);

      expect(result.status).toBe('ok');
      expect(result.finalUrl).toBe(server.url('/hop/0'));
      expect(server.requests.map((request) => request.path)).toEqual([
        '/hop/5',
        '/hop/4',
        '/hop/3',
        '/hop/2',
        '/hop/1',
        '/hop/0',
      ]);
    });

    it('gives up at the sixth redirect with too-many-redirects, not retryable', async () => {
      const server = await hops();

      const error = await feedFailure(httpGet(SOURCE, server.url('/hop/6'), {}, LOOPBACK_LIMITS));

      expect(error.reason).toBe('too-many-redirects');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(`\`${SOURCE}\``);
      // The sixth redirect is not followed.
      expect(server.requests.map((request) => request.path)).not.toContain('/hop/0');
      expect(server.requests).toHaveLength(6);
    });

    it('honours a lower maxRedirects from the limits', async () => {
      const server = await hops();

      const error = await feedFailure(
        httpGet(SOURCE, server.url('/hop/2'), {}, { ...LOOPBACK_LIMITS, maxRedirects: 1 }),
      );

      expect(error.reason).toBe('too-many-redirects');
      expect(server.requests).toHaveLength(2);
    });

    it.each(['file:///etc/passwd', 'ftp://127.0.0.1/feed.xml'])(
      'refuses a redirect to %s with bad-redirect, not retryable',
      async (location) => {
        const server = await servers.serve((_request, response) => redirect(response, 302, location));

        const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS));

        expect(error.reason).toBe('bad-redirect');
        expect(error.retryable).toBe(false);
        expect(server.requests).toHaveLength(1);
      },
    );

    it('reports a redirect without a Location header as bad-redirect', async () => {
      const server = await servers.serve((_request, response) => response.writeHead(302).end());

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS));

      expect(error.reason).toBe('bad-redirect');
    });
  });

  describe('HTTP errors', () => {
    it('reports a 404 as http-status, not retryable, naming the status, the URL and the source', async () => {
      const server = await servers.serve((_request, response) => response.writeHead(404).end('gone'));
      const url = server.url('/missing.xml');

      const error = await feedFailure(httpGet(SOURCE, url, {}, LOOPBACK_LIMITS));

      expect(error.reason).toBe('http-status');
      expect(error.retryable).toBe(false);
      expect(error.retryAfterSeconds).toBeUndefined();
      expect(error.sourceId).toBe(SOURCE);
      expect(error.message).toContain('HTTP 404');
      expect(error.message).toContain(url);
      expect(error.message).toContain('`trail-reviews`');
    });

    it('reports a 503 with Retry-After: 120 as retryable and says how long to wait', async () => {
      const server = await servers.serve((_request, response) =>
        response.writeHead(503, { 'retry-after': '120' }).end(),
      );

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS));

      expect(error.reason).toBe('http-status');
      expect(error.retryable).toBe(true);
      expect(error.retryAfterSeconds).toBe(120);
      expect(error.message).toContain('HTTP 503');
      expect(error.message).toMatch(/wait 120 s/);
    });

    it('reports a 429 as retryable', async () => {
      const server = await servers.serve((_request, response) => response.writeHead(429).end());

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS));

      expect(error.reason).toBe('http-status');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('HTTP 429');
    });
  });

  it('reports a refused connection as network, retryable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;

    const error = await feedFailure(httpGet(SOURCE, url, {}, LOOPBACK_LIMITS));

    expect(error.reason).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(url);
    expect(error.message).toContain('ECONNREFUSED');
  });

  describe('the deadline', () => {
    it('times out when the server sends the headers and then stalls the body', async () => {
      let stalled: ServerResponse | undefined;
      const server = await servers.serve((_request, response) => {
        stalled = response;
        response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '10000' });
        response.write('<?xml version="1.0"?><rss version="2.0">');
      });
      const started = Date.now();

      try {
        const error = await feedFailure(
          httpGet(SOURCE, server.url('/slow.xml'), {}, { ...LOOPBACK_LIMITS, timeoutMs: 300 }),
        );

        expect(error.reason).toBe('timeout');
        expect(error.retryable).toBe(true);
        expect(error.message).toContain(server.url('/slow.xml'));
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        stalled?.destroy();
      }
    });

    it('times out when the server never answers at all', async () => {
      const server = await servers.serve(() => {
        // Never respond; closeAll destroys the socket.
      });

      const error = await feedFailure(
        httpGet(SOURCE, server.url('/feed.xml'), {}, { ...LOOPBACK_LIMITS, timeoutMs: 300 }),
      );

      expect(error.reason).toBe('timeout');
      expect(error.retryable).toBe(true);
    });
  });

  describe('the byte cap', () => {
    const limits = { ...LOOPBACK_LIMITS, maxBytes: 1000 };

    it('accepts a body of exactly maxBytes', async () => {
      const server = await servers.serve((_request, response) => response.end('x'.repeat(1000)));

      const result = await httpGet(SOURCE, server.url('/feed.xml'), {}, limits);

      expect(result.status === 'ok' && result.body.byteLength).toBe(1000);
    });

    it('refuses a body whose Content-Length is over maxBytes as too-large, not retryable', async () => {
      const server = await servers.serve((_request, response) => {
        response.writeHead(200, { 'content-length': '1001' });
        response.end('x'.repeat(1001));
      });

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, limits));

      expect(error.reason).toBe('too-large');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(server.url('/feed.xml'));
    });

    it('refuses on the declared Content-Length alone, without waiting for the body', async () => {
      let stalled: ServerResponse | undefined;
      const server = await servers.serve((_request, response) => {
        stalled = response;
        response.writeHead(200, { 'content-length': '50000000' });
        response.write('<rss>');
      });

      try {
        const error = await feedFailure(httpGet(SOURCE, server.url('/huge.xml'), {}, { ...limits, timeoutMs: 5_000 }));

        // Reading the stalled body would end in 'timeout'; the header check answers first.
        expect(error.reason).toBe('too-large');
      } finally {
        stalled?.destroy();
      }
    });

    it('stops reading a chunked body without Content-Length once it passes maxBytes', async () => {
      const server = await servers.serve((_request, response) => {
        response.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 6; i++) response.write('x'.repeat(400));
        response.end();
      });

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, limits));

      expect(error.reason).toBe('too-large');
      expect(error.retryable).toBe(false);
    });

    it('states a limit under 1 MB truthfully in the too-large message', async () => {
      const server = await servers.serve((_request, response) => response.end('x'.repeat(1001)));

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, limits));

      expect(error.reason).toBe('too-large');
      expect(error.message).toContain(`is larger than the ${formatBytes(limits.maxBytes)} limit`);
      expect(error.message).not.toMatch(/\b0 MB\b/);
    });

    it('counts the decompressed bytes of a gzip body against maxBytes', async () => {
      const bomb = gzipSync(Buffer.alloc(200_000, 0x20));
      expect(bomb.byteLength).toBeLessThan(1000);
      const server = await servers.serve((_request, response) => {
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) });
        response.end(bomb);
      });

      const error = await feedFailure(httpGet(SOURCE, server.url('/feed.xml'), {}, limits));

      expect(error.reason).toBe('too-large');
    });
  });

  it('decompresses a gzip-encoded body', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      response.end(gzipSync(FEED));
    });

    const result = await httpGet(SOURCE, server.url('/feed.xml'), {}, LOOPBACK_LIMITS);

    expect(result.status === 'ok' && text(result.body)).toBe(FEED);
  });
});

describe('httpGet on an address it must not fetch', () => {
  it('refuses a non-http scheme or a non-URL before any request, as a config problem', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://feeds.example/x.xml', 'not a url']) {
      const error = await feedFailure(httpGet(SOURCE, url, {}, LOOPBACK_LIMITS));
      expect(error.reason).toBe('bad-url');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(
        /^source `trail-reviews`: .*(only http and https|not a URL).*; fix the source and run again$/,
      );
    }
  });
});
