// Typed errors for reading a source; every message says which source, what went wrong and what
// happens next, so the CLI and the logs can print it as it is.

export type FeedErrorReason =
  | 'bad-url'
  | 'http-status'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'not-found'
  | 'unreadable'
  | 'not-a-feed'
  | 'not-json'
  | 'unexpected-format'
  | 'rate-limited'
  | 'blocked-address';

export class FeedError extends Error {
  constructor(
    readonly sourceId: string,
    readonly reason: FeedErrorReason,
    detail: string,
    /** True when trying again later may succeed (5xx, timeouts, 429); false when the config or the feed must change. */
    readonly retryable: boolean,
    /** Seconds the upstream asked us to wait (Retry-After), when it did. */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown; httpStatus?: number },
  ) {
    super(`source \`${sourceId}\`: ${detail}; ${retryable ? 'will retry next run' : 'fix the source and run again'}`, options);
    this.name = 'FeedError';
    this.httpStatus = options?.httpStatus;
  }

  /** The HTTP status that caused the error, when one did. */
  readonly httpStatus?: number;
}
