// The csv connector on a URL: the file fetched from a local server, with the limits and failures of
// any fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { feedFailure } from '#test/support/feed-error';
import { drain } from '#test/support/drain';
import { localServers } from '#test/support/local-server';
import { connector, SURVEY_COLUMNS, csvSource, sha256, fixture } from './csv-harness';

const servers = localServers();
afterEach(() => servers.closeAll());

describe('the csv connector on a URL', () => {
  it('reads the export, sends a CSV Accept header and our User-Agent, and returns its validators', async () => {
    const body = await fixture('reviews.csv');
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag: '"export-7"' });
      response.end(body);
    });
    const source = csvSource({ url: server.url('/exports/reviews.csv?format=csv') });

    const result = await drain(await connector.read(source, {}));

    expect(result.items.map((item) => item.guid)).toEqual([
      'csv:FH-1001',
      'csv:FH-1002',
      'csv:FH-1003',
      'csv:FH-1004',
      'csv:FH-1007',
      'csv:FH-1009',
    ]);
    expect(result.invalidItems).toBe(3);
    expect(result.validators).toEqual({ etag: '"export-7"', lastModified: undefined, contentHash: sha256(body) });
    expect(server.requests.map((request) => request.path)).toEqual(['/exports/reviews.csv?format=csv']);
    expect(server.requests[0]?.headers.accept).toBe('text/csv, text/plain;q=0.9, */*;q=0.1');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
  });

  it('reports the same bytes as unchanged by content hash', async () => {
    const body = await fixture('survey-semicolon.csv');
    const server = await servers.serve((_request, response) => response.end(body));
    const source = csvSource({ url: server.url('/survey.csv') }, { delimiter: ';', columns: SURVEY_COLUMNS });

    const first = await drain(await connector.read(source, {}));
    const second = await connector.read(source, first.validators);

    expect(second).toEqual({ status: 'unchanged', validators: expect.objectContaining({ contentHash: sha256(body) }) });
  });

  it('decodes the body with the charset the server names', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv; charset=windows-1252' });
      response.end(Buffer.from('id,body\nW-1,Caf\xe9 stop on the \x93Tor\x94 ride\n', 'latin1'));
    });
    const source = csvSource({ url: server.url('/export.csv') }, { columns: { id: 'id', text: 'body' } });

    const result = await drain(await connector.read(source, {}));

    expect(result.items[0]?.html).toBe('Café stop on the “Tor” ride');
  });

  it('passes a server error on as retryable and a 404 as not retryable, naming the source', async () => {
    const server = await servers.serve((request, response) =>
      response.writeHead(request.url === '/gone.csv' ? 404 : 500).end(),
    );

    const failing = await feedFailure(connector.read(csvSource({ url: server.url('/export.csv') }), {}));
    const gone = await feedFailure(connector.read(csvSource({ url: server.url('/gone.csv') }), {}));

    expect(failing).toMatchObject({ reason: 'http-status', retryable: true, sourceId: 'shop-reviews' });
    expect(failing.message).toContain(`HTTP 500 from ${server.url('/export.csv')}`);
    expect(gone).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'shop-reviews' });
  });

  it('reports a rate limit as retryable with the wait the server asks for', async () => {
    const server = await servers.serve((_request, response) => response.writeHead(429, { 'retry-after': '120' }).end());

    const error = await feedFailure(connector.read(csvSource({ url: server.url('/export.csv') }), {}));

    expect(error).toMatchObject({ reason: 'http-status', retryable: true, retryAfterSeconds: 120 });
    expect(error.message).toContain('HTTP 429');
  });

  it('reports a malformed body with its line', async () => {
    const body = await fixture('unclosed-quote.csv');
    const server = await servers.serve((_request, response) => response.end(body));
    const source = csvSource({ url: server.url('/export.csv') }, { columns: SURVEY_COLUMNS });

    const error = await feedFailure(drain(await connector.read(source, {})));

    expect(error).toMatchObject({ reason: 'unreadable', retryable: false });
    expect(error.message).toContain(
      `${server.url('/export.csv')} is not valid CSV: a quoted field in the row after line 2 is never closed`,
    );
  });
});
