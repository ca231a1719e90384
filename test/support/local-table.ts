// A local DynamoDB table for the tests of one file: dynalite in memory, started before the file's
// tests and closed after them, and stores on it for a brand each. Every key is prefixed with the
// brand, so tests that take a fresh brand share the table without seeing each other's items.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DynamoStore, type DynamoStoreOptions } from '#adapters/store/dynamo-store';
import { startLocalDynamo, type LocalDynamo } from '#adapters/store/local-dynamo';

export interface LocalTable {
  /** The table's name, as the code under test reports it in messages. */
  readonly name: string;
  readonly client: DynamoDBClient;
  /** The http://127.0.0.1:port address, for code that makes its own client (handlers). */
  readonly endpoint: string;
  /** A brand id no other store of this table has used. */
  freshBrand(): string;
  /** A store for the brand given, or for a fresh brand; `now` and `backoff` as DynamoStore takes them. */
  store(options?: Partial<Omit<DynamoStoreOptions, 'client' | 'tableName'>>): DynamoStore;
}

/** Registers the hooks that start the table before this file's (or describe block's) tests and close it after. */
export function useLocalTable(name = 'congruence'): LocalTable {
  let local: LocalDynamo | undefined;
  let brands = 0;
  beforeAll(async () => {
    local = await startLocalDynamo({ tableName: name });
  });
  afterAll(async () => {
    await local?.close();
    local = undefined;
  });
  const started = (): LocalDynamo => {
    if (local === undefined) throw new Error('the local table is only there while the tests run');
    return local;
  };
  const table: LocalTable = {
    name,
    get client() {
      return started().client;
    },
    get endpoint() {
      return started().endpoint;
    },
    freshBrand: () => `brand-${++brands}`,
    store: ({ brandId = table.freshBrand(), ...rest } = {}) =>
      new DynamoStore({ client: started().client, tableName: name, brandId, ...rest }),
  };
  return table;
}
