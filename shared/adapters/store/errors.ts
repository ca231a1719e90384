// The store's errors: a call to the table failing (DynamoDB in AWS, dynalite in local mode), and
// local mode's embedded table failing to open. Each message says what happened and what to do.
import { CongruenceError } from '#domain/errors';

/**
 * A call to the table failed. Throttling that outlasted the retries is thrown as retryable: nothing
 * was lost and the next run redoes the work. The rest are not: they are mistakes in what the store
 * was asked to do, and asking again would fail again.
 */
export class StoreError extends CongruenceError {
  override readonly name = 'StoreError';
}

/**
 * Local mode's store could not be opened: its data directory is locked by another process or
 * already open in this one, dynalite did not start, or the table on disk could not be read. None is
 * retryable: the other process has to end, another --data-dir be given, or the data be repaired.
 */
export class LocalStoreError extends CongruenceError {
  override readonly name = 'LocalStoreError';
}
