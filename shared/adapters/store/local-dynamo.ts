// Local mode's DynamoDB: dynalite, embedded in this process, listening on 127.0.0.1 on a free
// port, persisted under the data directory. The repository talks to it with the ordinary SDK client.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { LocalStoreError } from './errors';
import { ensureTable } from './table';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Takes the data directory for this process. dynalite's LevelDB allows one process at a time and,
 * when a second one tries, fails inside a request handler where nothing can catch it; so we hold
 * our own lock file with our pid, and take over a lock whose process is gone (killed, crashed).
 */
function lockDataDir(dir: string): () => void {
  const lockFile = join(dir, 'congruence.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new LocalStoreError(
          `the data directory ${dir} is in use by another congruence process (pid ${holder}); ` +
            'wait for it to finish or pass another --data-dir',
        );
      }
      if (holder === process.pid) {
        throw new LocalStoreError(`the data directory ${dir} is already open in this process`);
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new LocalStoreError(`could not lock the data directory ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts dynalite and makes sure the table exists. With no dataDir the data lives in memory and is
 * gone when closed (tests use that).
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
    unlock();
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
    unlock();
  };
  try {
    await ensureTable(client, options.tableName);
  } catch (error) {
    await close().catch(() => undefined);
    const message = (error as Error).message ?? String(error);
    throw new LocalStoreError(`could not open the local store in ${path ?? 'memory'}: ${message}`, { cause: error });
  }
  return { client, endpoint, close };
}
