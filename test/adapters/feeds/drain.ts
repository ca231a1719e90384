// Reads a connector's result to the end, as ingestion does, for tests to look at as a whole.
import type { FeedItem } from '../../../shared/domain/feed-item';
import type { ConnectorResult, Validators } from '../../../shared/domain/ports';

export interface Drained {
  items: FeedItem[];
  invalidItems: number;
  /** The language of the last batch that gave one. */
  language?: string;
  /** Items in each batch, in order. */
  batchSizes: number[];
  validators: Validators;
}

export async function drain(result: ConnectorResult): Promise<Drained> {
  if (result.status !== 'fetched') throw new Error(`expected a fetched result, got ${result.status}`);
  const drained: Drained = { items: [], invalidItems: 0, batchSizes: [], validators: {} };
  for await (const batch of result.batches) {
    drained.items.push(...batch.items);
    drained.invalidItems += batch.invalidItems;
    drained.batchSizes.push(batch.items.length);
    if (batch.language !== undefined) drained.language = batch.language;
  }
  drained.validators = result.validators();
  return drained;
}
