import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '#cli/local-store';
import { makeSignal } from '../support/signals';

describe('opening the local store', () => {
  it('deletes what DynamoDB’s TTL would have, since the local table has none, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-local-store-'));
    const signal = makeSignal({ key: 'aged', fetchedAt: '2026-01-01T00:00:00.000Z' });
    const first = await openLocalStore(dataDir, 'fernhill', new Date('2026-01-02T00:00:00.000Z'));
    await first.store.saveNewSignals([signal], 100);
    await first.close();

    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // The day before expiry nothing goes; 100 days after the fetch the text does.
      const dayBefore = await openLocalStore(dataDir, 'fernhill', new Date('2026-04-10T00:00:00.000Z'));
      expect(dayBefore.expiredItems).toBe(0);
      expect(await dayBefore.store.getSignal(signal.id)).toEqual(signal);
      await dayBefore.close();

      const after = await openLocalStore(dataDir, 'fernhill', new Date('2026-04-11T00:00:00.000Z'));
      expect(after.expiredItems).toBe(1);
      expect(await after.store.getSignal(signal.id)).toBeUndefined();
      await after.close();
      expect(stderr).toHaveBeenCalledWith(
        'Deleted 1 stored item(s) whose text passed the retention period (retention.signalTextDays).\n',
      );
    } finally {
      stderr.mockRestore();
    }
  });
});
