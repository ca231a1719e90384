// One HTTP GET under our limits: a deadline covering the whole body, a byte cap, redirects followed
// by hand (at most a few, http(s) only), a descriptive User-Agent, and conditional GET.
import { assertPublicDestination, type Resolve } from './destination-guard';
import { FeedError, systemErrorInWords } from './errors';

export interface HttpLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Hosts (names or addresses) that may be reached although they are loopback, private or
   * link-local; every other such address is refused (the SSRF guard, destination-guard.ts).
   */
  allowHosts: readonly string[];
  /** How host names are resolved for that check; the system resolver unless a test fixes it. */
  resolve?: Resolve;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Congruence/0.1 (brand-alignment monitor; feed reader)',
  allowHosts: [],
};

export interface ConditionalHeaders {
  etag?: string;
  lastModified?: string;
}

export type HttpGetResult =
  | { status: 'not-modified'; finalUrl: string }
  | {
      status: 'ok';
      finalUrl: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    };

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function httpGet(
  sourceId: string,
  url: string,
  conditional: ConditionalHeaders,
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
  /** The Accept header; feed types unless the caller reads something else (JSON, CSV). */
  accept: string = FEED_ACCEPT,
): Promise<HttpGetResult> {
  let start: URL;
  try {
    start = new URL(url);
  } catch {
    throw new FeedError(sourceId, 'bad-url', `"${url}" is not a URL; give an http:// or https:// address`, false);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') {
    throw new FeedError(sourceId, 'bad-url', `refused to fetch ${url}: only http and https are allowed`, false);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = start;
    for (let redirects = 0; ; redirects++) {
      // Every hop is checked: a public address may redirect to a private one.
      await assertPublicDestination(sourceId, current, limits.allowHosts, limits.resolve);
      const response = await request(current, conditional, limits, accept, controller.signal);
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel();
        current = nextLocation(sourceId, current, response.headers.get('location'), redirects, limits.maxRedirects);
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not-modified', finalUrl: current.toString() };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw httpStatusError(sourceId, current, response);
      }
      const body = await readCapped(sourceId, current, response, limits.maxBytes);
      return {
        status: 'ok',
        finalUrl: current.toString(),
        body,
        contentType: response.headers.get('content-type') ?? undefined,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (controller.signal.aborted) {
      throw new FeedError(
        sourceId,
        'timeout',
        `no complete answer from ${url} within ${limits.timeoutMs / 1000} s`,
        true,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = systemErrorInWords(cause?.code, cause?.message ?? (error as Error).message);
    throw new FeedError(sourceId, 'network', `could not reach ${url}: ${detail}`, true, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function request(
  url: URL,
  conditional: ConditionalHeaders,
  limits: HttpLimits,
  accept: string,
  signal: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = { 'user-agent': limits.userAgent, accept };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return fetch(url, { redirect: 'manual', signal, headers });
}

function nextLocation(
  sourceId: string,
  from: URL,
  location: string | null,
  redirectsSoFar: number,
  maxRedirects: number,
): URL {
  if (!location) {
    throw new FeedError(sourceId, 'bad-redirect', `redirect from ${from.toString()} without a Location header`, true);
  }
  if (redirectsSoFar >= maxRedirects) {
    throw new FeedError(
      sourceId,
      'too-many-redirects',
      `more than ${maxRedirects} redirects starting at ${from.toString()}; point the source at the final address`,
      false,
    );
  }
  const next = new URL(location, from);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FeedError(
      sourceId,
      'bad-redirect',
      `${from.toString()} redirects to a non-http address (${next.protocol})`,
      false,
    );
  }
  return next;
}

function httpStatusError(sourceId: string, url: URL, response: Response): FeedError {
  const retryable =
    response.status === 408 || response.status === 425 || response.status === 429 || response.status >= 500;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const wait = retryAfterSeconds !== undefined ? ` (the server asks to wait ${retryAfterSeconds} s)` : '';
  return new FeedError(
    sourceId,
    'http-status',
    `HTTP ${response.status} from ${url.toString()}${wait}`,
    retryable,
    retryAfterSeconds,
    { httpStatus: response.status },
  );
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  // An HTTP date names its day and month ("Wed, 21 Oct 2026 07:28:00 GMT"); "-5" or "1.5" are junk.
  if (!/[a-z]{3}/i.test(header)) return undefined;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now.getTime()) / 1000)) : undefined;
}

async function readCapped(sourceId: string, url: URL, response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes && !response.headers.get('content-encoding')) {
    await response.body?.cancel();
    throw tooLarge(sourceId, url, maxBytes);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(sourceId, url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(sourceId: string, url: URL, maxBytes: number): FeedError {
  return new FeedError(
    sourceId,
    'too-large',
    `${url.toString()} is larger than the ${formatBytes(maxBytes)} limit`,
    false,
  );
}

/** 10485760 -> "10 MB", 307200 -> "300 KB", 512 -> "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
