// Reads a connector's result to the end, as ingestion does, for tests to look at as a whole; or,
// for a result that fails part-way, up to the failure.
import type { FeedError } from '#adapters/feeds/errors';
import type { FeedItem } from '#domain/feed-item';
import type { ConnectorResult, ItemBatch, SourceWarning, Validators } from '#domain/ports';
import { feedFailure } from '#test/support/feed-error';

export interface Drained {
  items: FeedItem[];
  invalidItems: number;
  /** The language of the last batch that gave one. */
  language?: string;
  /** Items in each batch, in order. */
  batchSizes: number[];
  /** Dates the batches said they could not read. */
  unreadableDates: number;
  /** The warnings of every batch, in order. */
  warnings: SourceWarning[];
  validators: Validators;
}

export async function drain(result: ConnectorResult): Promise<Drained> {
  if (result.status !== 'fetched') throw new Error(`expected a fetched result, got ${result.status}`);
  const drained: Drained = {
    items: [],
    invalidItems: 0,
    batchSizes: [],
    unreadableDates: 0,
    warnings: [],
    validators: {},
  };
  for await (const batch of result.batches) {
    drained.items.push(...batch.items);
    drained.invalidItems += batch.invalidItems;
    drained.batchSizes.push(batch.items.length);
    drained.unreadableDates += batch.unreadableDates ?? 0;
    drained.warnings.push(...(batch.warnings ?? []));
    if (batch.language !== undefined) drained.language = batch.language;
  }
  drained.validators = result.validators();
  return drained;
}

export interface DrainedUntilFailure {
  /** The batches handed over before the failure, in order. */
  batches: ItemBatch[];
  /** Items in each of those batches. */
  batchSizes: number[];
  error: FeedError;
}

/** Reads batches until the result fails with a FeedError, and returns what was handed over before and the error. */
export async function drainUntilFailure(result: ConnectorResult): Promise<DrainedUntilFailure> {
  if (result.status !== 'fetched') throw new Error(`expected a fetched result, got ${result.status}`);
  const batches: ItemBatch[] = [];
  const error = await feedFailure(
    (async () => {
      for await (const batch of result.batches) batches.push(batch);
      throw new Error('expected the batches to fail part-way');
    })(),
  );
  return { batches, batchSizes: batches.map((batch) => batch.items.length), error };
}
