// A local table for the tests of one file, started before the file's tests and closed after them, and
// stores on it for a brand each. Every key is prefixed with the brand, so tests that take a fresh
// brand share the table without seeing each other's items. The table is dynalite in memory (the
// DynamoDB adapter against a DynamoDB-compatible server), or, with CONGRUENCE_TEST_STORE=embedded,
// local mode's embedded table on a journal in a temporary directory: the store's contract tests run
// against both (vitest.config.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import type { DocumentSender } from '#adapters/store/document-sender';
import { DynamoStore, type DynamoStoreOptions } from '#adapters/store/dynamo-store';
import { openEmbeddedTable, type OpenedTable } from '#adapters/store/embedded/open';
import { startLocalDynamo, type LocalDynamo } from '#adapters/store/local-dynamo';
import { documentClient } from '#adapters/store/table-client';

export type TestStoreEngine = 'dynalite' | 'embedded';

/** The engine the store's tests run on: CONGRUENCE_TEST_STORE, dynalite when unset. */
export function testStoreEngine(): TestStoreEngine {
  const engine = process.env.CONGRUENCE_TEST_STORE ?? 'dynalite';
  if (engine !== 'dynalite' && engine !== 'embedded')
    throw new Error(`CONGRUENCE_TEST_STORE is "${engine}"; use dynalite or embedded`);
  return engine;
}

export type TestStoreOptions = Partial<Pick<DynamoStoreOptions, 'brandId' | 'backoff' | 'now'>>;

export interface LocalTable {
  /** The table's name, as the code under test reports it in messages. */
  readonly name: string;
  readonly engine: TestStoreEngine;
  /** dynalite's client, for code that sends its own commands (dynalite only). */
  readonly client: DynamoDBClient;
  /** The http://127.0.0.1:port address, for code that makes its own client (handlers; dynalite only). */
  readonly endpoint: string;
  /** What the stores' commands go through: the document client on dynalite, or the embedded table. */
  readonly documents: DocumentSender;
  /** A brand id no other store of this table has used. */
  freshBrand(): string;
  /** A store for the brand given, or for a fresh brand; `now` and `backoff` as DynamoStore takes them. */
  store(options?: TestStoreOptions): DynamoStore;
}

interface Started {
  documents: DocumentSender;
  dynalite?: LocalDynamo;
  close(): Promise<void>;
}

async function start(engine: TestStoreEngine, name: string): Promise<Started> {
  if (engine === 'dynalite') {
    const dynalite = await startLocalDynamo({ tableName: name });
    return { documents: documentClient(dynalite.client), dynalite, close: () => dynalite.close() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'congruence-table-'));
  const opened: OpenedTable = await openEmbeddedTable({ dataDir, tableName: name });
  return {
    documents: opened.table,
    close: async () => {
      opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers the hooks that start the table before this file's (or describe block's) tests and close it after. */
export function useLocalTable(name = 'congruence', engine: TestStoreEngine = testStoreEngine()): LocalTable {
  let started: Started | undefined;
  let brands = 0;
  beforeAll(async () => {
    started = await start(engine, name);
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  const running = (): Started => {
    if (started === undefined) throw new Error('the local table is only there while the tests run');
    return started;
  };
  const dynalite = (): LocalDynamo => {
    const { dynalite } = running();
    if (dynalite === undefined)
      throw new Error('this test needs dynalite (a client or an endpoint); the embedded table runs in process');
    return dynalite;
  };
  const table: LocalTable = {
    name,
    engine,
    get client() {
      return dynalite().client;
    },
    get endpoint() {
      return dynalite().endpoint;
    },
    get documents() {
      return running().documents;
    },
    freshBrand: () => `brand-${++brands}`,
    store: ({ brandId = table.freshBrand(), ...rest } = {}) =>
      new DynamoStore({ documents: running().documents, tableName: name, brandId, ...rest }),
  };
  return table;
}
