// Local mode's DynamoDB: dynalite, embedded in this process, listening on 127.0.0.1 on a free
// port, persisted under the data directory. The repository talks to it with the ordinary SDK client.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from './table';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  close(): Promise<void>;
}

export class LocalStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalStoreError';
  }
}

/**
 * Starts dynalite and makes sure the table exists. With no dataDir the data lives in memory and is
 * gone when closed (tests use that).
 */
export async function startLocalDynamo(options: { dataDir?: string; tableName: string }): Promise<LocalDynamo> {
  let path: string | undefined;
  if (options.dataDir !== undefined) {
    path = join(resolve(options.dataDir), 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) }) as Server;
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => listening());
  });
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
  try {
    await ensureTable(client, options.tableName);
  } catch (error) {
    await close().catch(() => undefined);
    const message = (error as Error).message ?? String(error);
    if (/lock/i.test(message)) {
      throw new LocalStoreError(
        `the data directory ${path} is in use by another congruence process; wait for it to finish or pass another --data-dir`,
        { cause: error },
      );
    }
    throw new LocalStoreError(`could not open the local store in ${path ?? 'memory'}: ${message}`, { cause: error });
  }
  return { client, endpoint, close };
}
