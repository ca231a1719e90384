// Awaits a promise that must reject with a FeedError, and returns that error for assertions.
import { expect } from 'vitest';
import { FeedError } from '#adapters/feeds/errors';

export async function feedFailure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}
