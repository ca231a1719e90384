// The review bursts in the table: one partition per analyzer, sorted by UTC day. A day's record
// (where its search left it) sorts just before the bursts anchored on it, so the days a digest reads
// and their bursts are one query. docs/table-design.md has the items.
import {
  type BurstDay,
  BurstDaySchema,
  type ReviewBurst,
  ReviewBurstSchema,
  withLiveEvidence,
} from '#domain/alignment/index';
import type { ReviewBurstRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { type Item, type Key, keys, stripKeys, TABLE_KEYS, TTL_ATTRIBUTE } from './table';

export class ReviewBurstItems implements ReviewBurstRepository {
  constructor(private readonly table: TableClient) {}

  async burstDays(analyzer: string, first: string, last: string): Promise<{ days: BurstDay[]; bursts: ReviewBurst[] }> {
    const nowSeconds = this.table.nowSeconds();
    const days: BurstDay[] = [];
    const bursts: ReviewBurst[] = [];
    await this.table.queryAll(
      {
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: {
          ':pk': keys.burstDay(this.table.brand, analyzer, first).pk,
          ':first': keys.burstDay(this.table.brand, analyzer, first).sk,
          // a day's bursts sort after its record: "DAY#<day>#B#..." < "DAY#<day>#~"
          ':last': `${keys.burstDay(this.table.brand, analyzer, last).sk}#~`,
        },
      },
      (item) => {
        if (item.type === 'burst-day') days.push(BurstDaySchema.parse(stripKeys(item)));
        else if (item.type === 'review-burst') {
          const live = withLiveEvidence(ReviewBurstSchema.parse(stripKeys(item)), nowSeconds);
          if (live !== undefined) bursts.push(live);
        }
        return undefined;
      },
    );
    return { days, bursts };
  }

  async putBurstDay(analyzer: string, day: BurstDay, bursts: readonly ReviewBurst[], expiresAt: number): Promise<void> {
    const { brand } = this.table;
    const items = bursts.map((burst): Item & Key => ({
      ...keys.reviewBurst(brand, analyzer, day.day, burst.firstAt, burst.anchorId),
      type: 'review-burst',
      ...burst,
      [TTL_ATTRIBUTE]: Math.max(expiresAt, ...burst.evidence.map((each) => each.expiresAt ?? expiresAt)),
    }));
    const kept = new Set(items.map((item) => item.sk));
    const dayKey = keys.burstDay(brand, analyzer, day.day);
    const stale = await this.table.queryAll<Key>(
      {
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :bursts)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': dayKey.pk, ':bursts': `${dayKey.sk}#B#` },
        ProjectionExpression: '#pk, #sk',
      },
      (item) => (kept.has(item.sk as string) ? undefined : { pk: item.pk as string, sk: item.sk as string }),
    );
    await this.table.batchDelete(stale);
    await this.table.batchPut(items);
    await this.table.put({ ...dayKey, type: 'burst-day', ...day, [TTL_ATTRIBUTE]: expiresAt });
  }
}
