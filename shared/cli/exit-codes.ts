// The `congruence` command's exit codes (documented in the README).
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
