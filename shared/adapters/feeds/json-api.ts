// Reading a public JSON API politely: one GET under our HTTP limits, the answer checked with zod
// (a changed upstream format is a clear error naming the source, never a crash or silent empties),
// a pause between pages, and rate limits honoured: a 429 or 503 is retried after the wait the
// server asks for (Retry-After) when that wait is short, and reported as retryable when it is not.
import type { z } from 'zod';
import { FeedError } from './errors';
import { DEFAULT_HTTP_LIMITS, httpGet, type HttpLimits } from './http-get';

export interface ApiOptions {
  limits: HttpLimits;
  /** Pause before each page after the first, so a burst of pages does not hammer the upstream. */
  pageDelayMs: number;
  /** Longest Retry-After we wait for within a run; a longer one fails the source until next run. */
  maxRetryAfterSeconds: number;
  /** Times one request is retried after a 429 or 503. */
  rateLimitRetries: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_API_OPTIONS: ApiOptions = {
  limits: DEFAULT_HTTP_LIMITS,
  pageDelayMs: 1_000,
  maxRetryAfterSeconds: 30,
  rateLimitRetries: 2,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

const JSON_ACCEPT = 'application/json, application/feed+json;q=0.9, */*;q=0.1';
/** Wait for a 429 or 503 that gives no Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 5;

export interface JsonAnswer<T> {
  data: T;
  finalUrl: string;
}

/** GETs `url` and returns its JSON body checked against `schema`; throws FeedError otherwise. */
export async function getJson<T>(
  sourceId: string,
  url: string,
  schema: z.ZodType<T>,
  options: ApiOptions,
  accept: string = JSON_ACCEPT,
): Promise<JsonAnswer<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await httpGet(sourceId, url, {}, options.limits, accept);
      if (answer.status !== 'ok')
        throw new FeedError(
          sourceId,
          'http-status',
          `HTTP 304 from ${url} to a request that was not conditional`,
          true,
        );
      return { data: parseJson(sourceId, url, answer.body, schema), finalUrl: answer.finalUrl };
    } catch (error) {
      const wait = rateLimitWait(error);
      if (wait === undefined) throw error;
      if (wait > options.maxRetryAfterSeconds || attempt >= options.rateLimitRetries) {
        const { httpStatus: status, retryAfterSeconds: asked } = error as FeedError;
        const hint = asked === undefined ? 'no Retry-After given' : `the server asks to wait ${asked} s`;
        throw new FeedError(
          sourceId,
          'rate-limited',
          `${url} is rate limited (HTTP ${status}; ${hint}); the pages read so far are kept`,
          true,
          wait,
          { cause: error, httpStatus: status },
        );
      }
      await options.sleep(wait * 1000);
    }
  }
}

/** Seconds to wait before retrying, when the error is a rate limit (429, or 503 with Retry-After). */
function rateLimitWait(error: unknown): number | undefined {
  if (!(error instanceof FeedError)) return undefined;
  if (error.httpStatus === 429) return error.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS;
  if (error.httpStatus === 503 && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  return undefined;
}

export function parseJson<T>(sourceId: string, url: string, body: Uint8Array, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8').decode(body));
  } catch (error) {
    const start = new TextDecoder('utf-8').decode(body.subarray(0, 40)).replace(/\s+/g, ' ').trim();
    throw new FeedError(
      sourceId,
      'not-json',
      `the answer from ${url} is not JSON${whereJsonStops(error)} (it starts "${start}")`,
      true,
      undefined,
      {
        cause: error,
      },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new FeedError(
      sourceId,
      'unexpected-format',
      `the answer from ${url} does not have the expected format (${problems}); the upstream API may have changed`,
      false,
    );
  }
  return parsed.data;
}

/** Where JSON.parse gave up, in words (its own message stays in the error's cause); empty when it does not say. */
function whereJsonStops(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/unexpected end/i.test(message)) return ': it ends before its JSON does';
  const position = /at position (\d+)/.exec(message);
  return position ? `: it stops being JSON at character ${Number(position[1]) + 1}` : '';
}

/** Waits the polite pause before every page after the first; page 1 is asked for at once. */
export async function politePause(page: number, options: ApiOptions): Promise<void> {
  if (page > 1 && options.pageDelayMs > 0) await options.sleep(options.pageDelayMs);
}
