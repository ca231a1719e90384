// The store's errors: a call to the table failing (DynamoDB in AWS, dynalite or the embedded table in
// local mode), a request the embedded table refuses or does not implement, and local mode's store
// failing to open. Each message says what happened and what to do.
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
 * already open in this one, the table on disk could not be read (a damaged journal, an earlier
 * store that could not be copied), or dynalite did not start. None is retryable: the other process
 * has to end, another --data-dir be given, or the data be repaired as the message says.
 */
export class LocalStoreError extends CongruenceError {
  override readonly name = 'LocalStoreError';
}

/**
 * The embedded table was asked for something DynamoDB refuses too (a missing or empty key, a batch
 * naming a key twice, an item over 400 KB, a value the expression does not define). It carries
 * DynamoDB's name for it, ValidationException, so code that tells DynamoDB's errors apart by name
 * reads it the same. A mistake in the request: asking again fails again.
 */
export class TableValidationError extends CongruenceError {
  override readonly name = 'ValidationException';
}

/**
 * The embedded table was sent something it does not implement: an expression shape, an option or a
 * kind of value outside the part of DynamoDB the store's adapters use. It refuses rather than answer
 * differently from DynamoDB; the message names what to add to it (shared/adapters/store/embedded/).
 */
export class UnsupportedRequestError extends CongruenceError {
  override readonly name = 'UnsupportedRequestError';
}
