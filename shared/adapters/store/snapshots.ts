// The weekly snapshots in the table: one partition per brand, sorted by ISO week, so the latest
// week before another is one query of one item.
import type { SnapshotRepository } from '#domain/ports';
import { WeeklySnapshotSchema, type WeeklySnapshot } from '#domain/snapshot';
import type { TableClient } from './table-client';
import { keys, stripKeys, TABLE_KEYS } from './table';

export class SnapshotItems implements SnapshotRepository {
  constructor(private readonly table: TableClient) {}

  /** Stores (or replaces) the snapshot of a week: the latest digest run for a week wins. */
  async putSnapshot(snapshot: WeeklySnapshot): Promise<void> {
    await this.table.put({ ...keys.snapshot(this.table.brand, snapshot.week), type: 'snapshot', ...snapshot });
  }

  /** The most recent snapshot of a week before `week`, if any. */
  async snapshotBefore(week: string): Promise<WeeklySnapshot | undefined> {
    const page = await this.table.queryPage({
      KeyConditionExpression: '#pk = :pk AND #sk < :week',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
      ExpressionAttributeValues: { ':pk': keys.snapshot(this.table.brand, week).pk, ':week': week },
      ScanIndexForward: false,
      Limit: 1,
    });
    const [item] = page.Items ?? [];
    return item ? WeeklySnapshotSchema.parse(stripKeys(item)) : undefined;
  }

  /** Snapshots of all weeks, oldest first. */
  async snapshots(): Promise<WeeklySnapshot[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.snapshot(this.table.brand, '').pk },
    });
    return items.map((item) => WeeklySnapshotSchema.parse(stripKeys(item)));
  }
}
