// dynalite, embedded in this process, listening on 127.0.0.1 on a free port, persisted under the data
// directory: the DynamoDB-compatible server the store's tests run the DynamoDB adapter against, and
// what local mode kept its data in before its embedded table (embedded/), which copies that data
// over once. The repository talks to it with the ordinary SDK client.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { lockDataDir } from './data-dir-lock';
import { LocalStoreError } from './errors';
import { ensureTable } from './table';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite on loopback over the LevelDB folder `path` (in memory without one), with a client
 * for it. It takes no lock and creates no table: startLocalDynamo does both.
 */
export async function startDynalite(path?: string): Promise<LocalDynamo> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(path ? { path } : {}),
  }) as Server;
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(0, '127.0.0.1', () => listening());
    });
  } catch (error) {
    throw new LocalStoreError(`could not start the local store: ${(error as Error).message}`, { cause: error });
  }
  const address = server.address();
  if (address === null || typeof address === 'string') throw new LocalStoreError('dynalite did not report a port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  const close = async () => {
    client.destroy();
    await new Promise<void>((closed) => server.close(() => closed()));
  };
  return { client, endpoint, close };
}

/**
 * Starts dynalite and makes sure the table exists. With a dataDir it holds the directory's lock and
 * keeps its data under dataDir/dynamodb; with none the data lives in memory and is gone when closed
 * (tests use that).
 */
export async function startLocalDynamo(options: { dataDir?: string; tableName: string }): Promise<LocalDynamo> {
  let path: string | undefined;
  let unlock: () => void = () => undefined;
  if (options.dataDir !== undefined) {
    const dataDir = resolve(options.dataDir);
    path = join(dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let local: LocalDynamo;
  try {
    local = await startDynalite(path);
  } catch (error) {
    unlock();
    throw error;
  }
  const close = async () => {
    await local.close();
    unlock();
  };
  try {
    await ensureTable(local.client, options.tableName);
  } catch (error) {
    await close().catch(() => undefined);
    const message = (error as Error).message ?? String(error);
    throw new LocalStoreError(`could not open the local store in ${path ?? 'memory'}: ${message}`, { cause: error });
  }
  return { client: local.client, endpoint: local.endpoint, close };
}
