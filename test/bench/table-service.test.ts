// The benchmark's table served to another process (bench/table-service.ts): the store's code works
// through it as through the table itself, errors keep their names (a conditional put that finds the
// item says so), and what crosses is the store's own items.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteTable, serveTable } from '#bench/table-service';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { openEmbeddedTable, type OpenedTable } from '#adapters/store/embedded/open';
import { RETAIN_DAYS } from '#test/support/retention';
import { makeSignal } from '#test/support/signals';

describe('the table served over loopback', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'congruence-table-service-'));
  let opened: OpenedTable;
  let service: Awaited<ReturnType<typeof serveTable>>;
  let store: DynamoStore;

  beforeAll(async () => {
    opened = await openEmbeddedTable({ dataDir, tableName: 'congruence' });
    service = await serveTable(opened.table);
    store = new DynamoStore({ documents: remoteTable(service.url), tableName: 'congruence', brandId: 'fernhill' });
  });
  afterAll(async () => {
    await service.close();
    opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores and reads signals through it, and keeps a conditional put’s failure', async () => {
    const signals = [makeSignal({ key: 'a' }), makeSignal({ key: 'b', rating: { value: 5, best: 5 } })];
    expect((await store.saveNewSignals(signals, RETAIN_DAYS)).inserted).toHaveLength(2);
    expect(await store.getSignals(signals.map((signal) => signal.id))).toEqual(signals);
    // stored through the service, read from the table itself: the same items
    const local = new DynamoStore({ documents: opened.table, tableName: 'congruence', brandId: 'fernhill' });
    expect(await local.getSignal(signals[1]?.id ?? '')).toEqual(signals[1]);
    const item = { pk: 'B#fernhill#TEST', sk: 'ONCE', type: 'test' };
    expect(await store.putIfNew(item)).toBe(true);
    expect(await store.putIfNew(item)).toBe(false);
  });
});
