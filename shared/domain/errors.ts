// The base of every error Congruence raises on purpose, and the exit codes of the `congruence`
// command. An error says in its message what went wrong and what to do; its fields say what the
// code around it needs to know without parsing the message: whether trying again later may help
// (a 503, a throttled call) or something must change first (the config, a file), and which exit
// code the CLI ends with when the error ends a command. Each area keeps its own errors in one
// `errors.ts` beside its code, each a subclass of `CongruenceError`.

/** The `congruence` command's exit codes (documented in the README). */
export const EXIT = {
  /** Everything asked for was done. */
  ok: 0,
  /** The run finished, but one or more sources failed; the others were processed and stored. */
  sourcesFailed: 1,
  /** The digest was written to files, but sending it (--send) failed. */
  notSent: 1,
  /** The config file is invalid; nothing was run. */
  invalidConfig: 2,
  /** Unknown command or option. */
  usage: 3,
  /** The run could not proceed (local store unavailable, unexpected error); nothing partial was recorded as done. */
  failure: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CongruenceErrorOptions {
  /** Whether trying again later may succeed without any change. @default false */
  retryable?: boolean;
  /** The CLI's exit code when this error ends a command. @default EXIT.failure */
  exitCode?: ExitCode;
  /** The error this one explains. */
  cause?: unknown;
}

/**
 * The base of Congruence's errors. A subclass names itself with a class field,
 * `override readonly name = 'FeedError';`, the one idiom for `name`: a field survives the Lambda
 * bundles' minification, which renames classes.
 */
export abstract class CongruenceError extends Error {
  /** Whether trying again later may succeed (a 503, a throttled call) rather than needing a change first. */
  readonly retryable: boolean;
  /** The exit code of the `congruence` command when this error ends it. */
  readonly exitCode: ExitCode;

  constructor(message: string, options: CongruenceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}
