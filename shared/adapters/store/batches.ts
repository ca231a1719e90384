// Batch writes and reads of the table, with what the SDK does not do itself: retrying the items and
// keys DynamoDB leaves unprocessed, with exponential backoff, and a StoreError that says what to do
// when throttling outlasts every retry.
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { backoffDelay, type BackoffPolicy } from '../retry';
import type { DocumentSender } from './document-sender';
import { StoreError } from './errors';
import type { Item, Key } from './table';

/** The table a batch goes to, and how long to keep trying. */
export interface BatchTarget {
  readonly doc: DocumentSender;
  readonly tableName: string;
  readonly backoff: BackoffPolicy;
}

const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** One of each key, the last one given winning: DynamoDB rejects a batch that names a key twice. */
export function uniqueByKey<T extends Key>(items: T[]): T[] {
  return [...new Map(items.map((item) => [`${item.pk}\u0000${item.sk}`, item])).values()];
}

/** Sends put and delete requests in batches of 25, each batch until DynamoDB has processed all of it. */
export async function batchWrite(target: BatchTarget, requests: Item[]): Promise<void> {
  const { doc, tableName } = target;
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    await untilProcessed(target, 'write', requests.slice(start, start + BATCH_WRITE_LIMIT), async (pending) => {
      const answer = await throttleAware(tableName, 'write', () =>
        doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })),
      );
      return (answer.UnprocessedItems?.[tableName] ?? []) as Item[];
    });
  }
}

/** Reads items by key (each key once) in batches of 100, of all attributes or only `projection`'s. */
export async function batchGet(target: BatchTarget, keyList: Key[], projection?: string[]): Promise<Item[]> {
  const { doc, tableName } = target;
  const found: Item[] = [];
  for (let start = 0; start < keyList.length; start += BATCH_GET_LIMIT) {
    await untilProcessed(target, 'read', keyList.slice(start, start + BATCH_GET_LIMIT), async (pending) => {
      const keysAndProjection = projection
        ? {
            Keys: pending,
            ProjectionExpression: projection.map((_, index) => `#p${index}`).join(', '),
            ExpressionAttributeNames: Object.fromEntries(projection.map((name, index) => [`#p${index}`, name])),
          }
        : { Keys: pending };
      const answer = await throttleAware(tableName, 'read', () =>
        doc.send(new BatchGetCommand({ RequestItems: { [tableName]: keysAndProjection } })),
      );
      found.push(...((answer.Responses?.[tableName] ?? []) as Item[]));
      return (answer.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    });
  }
  return found;
}

/**
 * Sends one batch, then what DynamoDB left unprocessed of it, with growing backoff, until nothing is
 * left; `send` answers what is left. Past the last attempt, a StoreError says what to do.
 */
async function untilProcessed<T>(
  target: BatchTarget,
  what: 'read' | 'write',
  batch: T[],
  send: (pending: T[]) => Promise<T[]>,
): Promise<void> {
  const { tableName, backoff } = target;
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > backoff.maxAttempts) {
      throw new StoreError(
        `DynamoDB left ${pending.length} ${what}(s) unprocessed after ${backoff.maxAttempts} attempts ` +
          `(table ${tableName} is throttled); ${what === 'write' ? 'nothing was lost, ' : ''}run again later`,
        { retryable: true },
      );
    }
    if (attempt > 1) await backoff.sleep(backoffDelay(backoff, attempt - 1));
    pending = await send(pending);
  }
}

/**
 * Runs a batch call, turning throttling that outlasted the SDK's own retries into a StoreError
 * that says nothing was lost (the caller's state has not moved on, so the next run redoes it).
 */
export async function throttleAware<T>(tableName: string, what: 'read' | 'write', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const name = (error as Error).name;
    if (!THROTTLING_ERRORS.has(name)) throw error;
    throw new StoreError(
      `DynamoDB throttled the ${what}s to table ${tableName} (${name}, after the SDK's retries); nothing was lost, run again later`,
      { retryable: true, cause: error },
    );
  }
}
