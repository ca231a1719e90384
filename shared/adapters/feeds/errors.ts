// Typed errors for reading a source; every message says which source, what went wrong and what
// happens next, so the CLI and the logs can print it as it is.
import { CongruenceError } from '#domain/errors';

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

export class FeedError extends CongruenceError {
  override readonly name = 'FeedError';
  /** The HTTP status that caused the error, when one did. */
  readonly httpStatus?: number;

  constructor(
    readonly sourceId: string,
    readonly reason: FeedErrorReason,
    detail: string,
    /** True when trying again later may succeed (5xx, timeouts, 429); false when the config or the feed must change. */
    retryable: boolean,
    /** Seconds the upstream asked us to wait (Retry-After), when it did. */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown; httpStatus?: number },
  ) {
    super(`source \`${sourceId}\`: ${detail}; ${retryable ? 'will retry next run' : 'fix the source and run again'}`, {
      retryable,
      cause: options?.cause,
    });
    this.httpStatus = options?.httpStatus;
  }
}

/**
 * A feed whose structure cannot hold items at all; its message says why, in words. The feed must
 * change before reading it again can succeed.
 */
export class FeedStructureError extends CongruenceError {
  override readonly name = 'FeedStructureError';
}

// Node's network and file error codes, in words a person can act on; the code stays beside them.
const SYSTEM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the server refused the connection (nothing listens there, or a firewall says no)',
  ECONNRESET: 'the connection was cut before the answer was complete',
  ENOTFOUND: 'its host name does not exist (check the spelling of the url)',
  EAI_AGAIN: 'its host name could not be looked up just now (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the network cannot reach that host',
  ENETUNREACH: 'this machine has no route to that network',
  EPIPE: 'the connection was cut before the answer was complete',
  UND_ERR_SOCKET: 'the connection was cut before the answer was complete',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain holds a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  EMFILE: 'too many files are open on this machine just now',
};

/** "the server refused the connection (… ) (ECONNREFUSED)" for a known code; the code or message as it is otherwise. */
export function systemErrorInWords(code: string | undefined, message: string): string {
  if (code === undefined) return message;
  const words = SYSTEM_ERRORS[code];
  return words === undefined ? code : `${words} (${code})`;
}
