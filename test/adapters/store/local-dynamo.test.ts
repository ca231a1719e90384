import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { LocalStoreError } from '#adapters/store/errors';
import { startLocalDynamo } from '#adapters/store/local-dynamo';
import { makeSignal } from '#test/support/signals';
import { RETAIN_DAYS } from '#test/support/retention';

const TABLE = 'congruence';

describe('the embedded local store', () => {
  it('persists signals on disk across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const signal = makeSignal({ key: 'persisted' });
    const first = await startLocalDynamo({ dataDir, tableName: TABLE });
    await new DynamoStore({ client: first.client, tableName: TABLE, brandId: 'b' }).saveNewSignals(
      [signal],
      RETAIN_DAYS,
    );
    await first.close();

    const second = await startLocalDynamo({ dataDir, tableName: TABLE });
    try {
      expect(
        await new DynamoStore({ client: second.client, tableName: TABLE, brandId: 'b' }).getSignal(signal.id),
      ).toEqual(signal);
    } finally {
      await second.close();
    }
  });

  it('listens on loopback only', async () => {
    const local = await startLocalDynamo({ tableName: TABLE });
    try {
      expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await local.close();
    }
  });

  it('refuses a data directory another live process holds, with a clear error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dataDir, 'congruence.lock'), String(sleeper.pid));
      const opening = startLocalDynamo({ dataDir, tableName: TABLE });
      await expect(opening).rejects.toThrow(LocalStoreError);
      await expect(opening).rejects.toMatchObject({ name: 'LocalStoreError', retryable: false });
      await expect(opening).rejects.toThrow(
        `the data directory ${dataDir} is in use by another congruence process (pid ${sleeper.pid}); wait for it to finish or pass another --data-dir`,
      );
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that is gone, and releases it on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((exited) => gone.on('exit', exited));
    writeFileSync(join(dataDir, 'congruence.lock'), String(gone.pid));
    const local = await startLocalDynamo({ dataDir, tableName: TABLE });
    expect(existsSync(join(dataDir, 'congruence.lock'))).toBe(true);
    await local.close();
    expect(existsSync(join(dataDir, 'congruence.lock'))).toBe(false);
  });

  it('refuses to open the same data directory twice in one process instead of crashing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const local = await startLocalDynamo({ dataDir, tableName: TABLE });
    try {
      await expect(startLocalDynamo({ dataDir, tableName: TABLE })).rejects.toThrow('is already open in this process');
    } finally {
      await local.close();
    }
  });
});
