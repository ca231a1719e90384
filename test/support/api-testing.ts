// Plumbing for the tests of connectors that read a JSON API: API options whose pauses are recorded
// rather than waited, and a JSON answer written on a local server's response.
import type { ServerResponse } from 'node:http';
import type { ConnectorOptions } from '#adapters/feeds/connectors';
import type { ApiOptions } from '#adapters/feeds/json-api';
import { ALLOW_LOOPBACK } from './local-server';

/** API options with a 10 ms pause between pages, each pause recorded in `sleeps` instead of waited. */
export function recordingApi(): { api: Pick<ApiOptions, 'pageDelayMs' | 'sleep'>; sleeps: number[] } {
  const sleeps: number[] = [];
  return { api: { pageDelayMs: 10, sleep: async (ms) => void sleeps.push(ms) }, sleeps };
}

/** A connector made with `recordingApi()`, and the pauses it records. */
export function withRecordedSleeps<C>(
  create: (options: ConnectorOptions) => C,
  baseDir = '.',
): { connector: C; sleeps: number[] } {
  const { api, sleeps } = recordingApi();
  return { connector: create({ baseDir, api, allowHosts: ALLOW_LOOPBACK }), sleeps };
}

/** Answers with a JSON body: status 200 unless given, any extra headers added. */
export function sendJson(
  response: ServerResponse,
  body: Buffer | string,
  status = 200,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(body);
}
