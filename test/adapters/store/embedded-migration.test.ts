// A data directory an earlier version kept in dynalite (<data dir>/dynamodb): the first opening copies
// every item into the embedded table and says so, once; the old folder is left as it was; a copy cut
// short is made again whole.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { journalPath, openEmbeddedTable } from '#adapters/store/embedded/open';
import { startLocalDynamo } from '#adapters/store/local-dynamo';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';
import { openLocalStore } from '#cli/local-store';
import { RETAIN_DAYS } from '#test/support/retention';
import { makeSignal } from '#test/support/signals';

const BRAND = 'fernhill';
const signals = Array.from({ length: 40 }, (_, n) =>
  makeSignal({ key: `earlier-${n}`, publishedAt: new Date(Date.UTC(2026, 10, 2 + (n % 20), 9)).toISOString() }),
);

/** A data directory as the earlier version left it: its table in dynalite, under dynamodb/. */
async function earlierDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'congruence-earlier-'));
  const dynalite = await startLocalDynamo({ dataDir, tableName: DEFAULT_TABLE_NAME });
  try {
    const store = new DynamoStore({ client: dynalite.client, tableName: DEFAULT_TABLE_NAME, brandId: BRAND });
    await store.saveNewSignals(signals, RETAIN_DAYS);
    await store.putSourceState({
      sourceId: 'shop-reviews',
      validators: { etag: '"v1"' },
      lastCheckedAt: '2026-11-23T10:00:00.000Z',
      lastOutcome: 'new',
      consecutiveFailures: 0,
    });
  } finally {
    await dynalite.close();
  }
  return dataDir;
}

const NOW = new Date('2026-11-30T00:00:00.000Z');
const NOVEMBER = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('a data directory kept in dynalite by an earlier version', () => {
  it('is copied into the embedded table on the first opening, said once, and the old folder kept', async () => {
    const dataDir = await earlierDataDir();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const first = await openLocalStore(dataDir, BRAND, NOW);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(stderr).toHaveBeenCalledWith(
        `Copied ${signals.length * 2 + 1} item(s) from the earlier local store (dynalite, ${join(dataDir, 'dynamodb')}) ` +
          `into ${journalPath(dataDir, DEFAULT_TABLE_NAME)}; the old folder is kept as it was: delete it once you no longer need it.\n`,
      );
      const byId = (list: typeof signals) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await first.store.signalsBetween(NOVEMBER))).toEqual(byId(signals));
      expect(await first.store.getSourceState('shop-reviews')).toMatchObject({ validators: { etag: '"v1"' } });
      expect(await first.store.saveNewSignals(signals, RETAIN_DAYS)).toMatchObject({ inserted: [] });
      await first.close();

      const second = await openLocalStore(dataDir, BRAND, NOW);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(await second.store.signalsBySource('shop-reviews')).toHaveLength(signals.length);
      await second.close();
    } finally {
      stderr.mockRestore();
    }
    // the earlier store is still there, whole (LevelDB rewrites its own files when opened)
    const earlier = await startLocalDynamo({ dataDir, tableName: DEFAULT_TABLE_NAME });
    try {
      const store = new DynamoStore({ client: earlier.client, tableName: DEFAULT_TABLE_NAME, brandId: BRAND });
      expect(await store.signalsBySource('shop-reviews')).toHaveLength(signals.length);
    } finally {
      await earlier.close();
    }
  });

  it('is copied again, whole, when the copy before was cut short', async () => {
    const dataDir = await earlierDataDir();
    // what a process killed while copying leaves: a partial copy beside no journal
    const journal = journalPath(dataDir, DEFAULT_TABLE_NAME);
    mkdirSync(join(dataDir, 'store'), { recursive: true });
    writeFileSync(`${journal}.copying`, 'a partial copy\n["p","B#fernhill#SIG#x","SIG');

    const opened = await openEmbeddedTable({ dataDir, tableName: DEFAULT_TABLE_NAME });
    expect(opened.copied).toEqual({ from: join(dataDir, 'dynamodb'), items: signals.length * 2 + 1 });
    expect(opened.table.stats().items).toBe(signals.length * 2 + 1);
    expect(existsSync(`${journal}.copying`)).toBe(false);
    opened.close();
  });

  it('with no table in it (a run that stored nothing) gives an empty table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-earlier-'));
    await (await startLocalDynamo({ dataDir, tableName: 'another-table' })).close();
    const opened = await openEmbeddedTable({ dataDir, tableName: DEFAULT_TABLE_NAME });
    expect(opened.copied).toEqual({ from: join(dataDir, 'dynamodb'), items: 0 });
    expect(opened.table.stats().items).toBe(0);
    opened.close();
  });
});
