// The store's adapters on their own, one per port over a table client: what a caller that needs one
// port gets when it takes that adapter instead of the whole DynamoStore, against dynalite and against
// the embedded table (vitest.config.ts).
import { saveScored } from '#test/support/saved-scores';
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { ProfileItem } from '#adapters/store/profile';
import { ScoreItems } from '#adapters/store/scores';
import { SignalItems } from '#adapters/store/signals';
import { TableClient } from '#adapters/store/table-client';
import type { SignalScore } from '#domain/signal-score';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '#test/support/profile';
import { RETAIN_DAYS, TEXT_EXPIRES_AT } from '#test/support/retention';
import { makeSignal } from '#test/support/signals';

describe('adapters sharing one table client', () => {
  const TABLE = 'congruence-port-adapters';
  const local = useLocalTable(TABLE);

  it('keep one key scheme: what the adapters write, DynamoStore reads, and the other way round', async () => {
    const table = new TableClient({ documents: local.documents, tableName: TABLE, brandId: 'adapters' });
    const store = new DynamoStore({ documents: local.documents, tableName: TABLE, brandId: 'adapters' });
    const signal = makeSignal({ key: 'shared' });
    const score: SignalScore = {
      status: 'skipped',
      signalId: signal.id,
      analyzer: 'local@1',
      sourceId: signal.sourceId,
      channel: signal.channel,
      publishedAt: signal.publishedAt,
      scoredAt: '2026-11-23T09:00:00.000Z',
      reason: 'not about the brand',
    };
    const profile = makeProfile([{ id: 'news', kind: 'rss', url: 'https://news.example/feed', channel: 'news' }]);

    await new SignalItems(table).saveNewSignals([signal], RETAIN_DAYS);
    await saveScored(new ScoreItems(table), [score], [], () => TEXT_EXPIRES_AT);
    await store.putProfile(profile, '2026-11-23T08:00:00.000Z');

    expect(await store.getSignal(signal.id)).toEqual(signal);
    expect(await store.scoredSignalIds([signal.id], 'local@1')).toEqual(new Set([signal.id]));
    expect(
      await store.scoresBetween({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, 'local@1'),
    ).toEqual([score]);
    expect(await new ProfileItem(table).getProfile()).toEqual(profile);
  });
});
