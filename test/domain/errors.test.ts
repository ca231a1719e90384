import { describe, expect, it } from 'vitest';
import { CongruenceError, EXIT } from '#domain/errors';

class SampleError extends CongruenceError {
  override readonly name = 'SampleError';
}

describe('CongruenceError', () => {
  it('is not retryable and ends the CLI with the failure code unless told otherwise', () => {
    const error = new SampleError('the store is locked by another run; wait for it to end');
    expect(error).toBeInstanceOf(Error);
    expect(error.retryable).toBe(false);
    expect(error.exitCode).toBe(EXIT.failure);
    expect(error.name).toBe('SampleError');
    expect(String(error)).toBe('SampleError: the store is locked by another run; wait for it to end');
  });

  it('carries whether a retry may help, the exit code and the cause it explains', () => {
    const cause = new Error('HTTP 503');
    const error = new SampleError('source `news`: HTTP 503; will retry next run', {
      retryable: true,
      exitCode: EXIT.sourcesFailed,
      cause,
    });
    expect(error.retryable).toBe(true);
    expect(error.exitCode).toBe(EXIT.sourcesFailed);
    expect(error.cause).toBe(cause);
  });
});
