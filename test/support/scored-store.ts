// A store holding a profile's sources, ingested and then scored with the local analyzer before the
// file's tests run: the realistic starting point of the digest and delivery tests.
import { beforeAll } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import { connectorRegistry } from '#adapters/feeds/connectors';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { ingest } from '#app/ingest';
import { score } from '#app/score';
import type { Analyzer } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { useLocalTable, type LocalTable } from './local-table';

export interface ScoredStore {
  table: LocalTable;
  /** The local analyzer that scored the store. */
  analyzer: Analyzer;
  /** The profile's brand's store, once the file's tests run. */
  store(): DynamoStore;
}

/**
 * Registers the hooks that ingest `profile`'s sources (files read from `baseDir`) into a local table
 * and score them, and returns the store. Hooks the file registers after this run after the scoring.
 */
export function useScoredStore(profile: Profile, options: { baseDir: string; tableName?: string }): ScoredStore {
  const table = useLocalTable(options.tableName);
  const analyzer = createLocalAnalyzer();
  let store: DynamoStore | undefined;
  beforeAll(async () => {
    const brandStore = table.store({ brandId: profile.brand.id });
    await ingest(profile, { store: brandStore, connectorFor: connectorRegistry({ baseDir: options.baseDir }) });
    await score(profile, { store: brandStore, analyzer });
    store = brandStore;
  });
  return {
    table,
    analyzer,
    store: () => {
      if (store === undefined) throw new Error('the scored store is only there while the tests run');
      return store;
    },
  };
}
