import { describe, expect, it } from 'vitest';
import { LocalStoreError, StoreError } from '#adapters/store/errors';
import { CongruenceError, EXIT } from '#domain/errors';

describe("the store's errors", () => {
  it('are Congruence errors that name themselves and end the CLI with the failure code', () => {
    for (const error of [new StoreError('a store failure'), new LocalStoreError('a local store failure')]) {
      expect(error).toBeInstanceOf(CongruenceError);
      expect(error.exitCode).toBe(EXIT.failure);
    }
    expect(new StoreError('x').name).toBe('StoreError');
    expect(new LocalStoreError('x').name).toBe('LocalStoreError');
  });

  it('are retryable only when thrown as such: throttling is, a locked or unreadable local store is not', () => {
    const cause = new Error('ThrottlingException');
    const throttled = new StoreError('DynamoDB throttled the writes; run again later', { retryable: true, cause });
    expect(throttled.retryable).toBe(true);
    expect(throttled.cause).toBe(cause);
    expect(new StoreError('no text expiry given for signal s').retryable).toBe(false);
    expect(new LocalStoreError('the data directory d is in use by another congruence process').retryable).toBe(false);
  });
});
