// The record of each ingest and score run in the table: one partition per brand, sorted by start
// time, so the latest runs are one query.
import type { RunRecord, RunRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { keys, stripKeys, TABLE_KEYS } from './table';

export class RunItems implements RunRepository {
  constructor(private readonly table: TableClient) {}

  async recordRun(run: RunRecord): Promise<void> {
    await this.table.put({ ...keys.run(this.table.brand, run.startedAt, run.runId), type: 'run', ...run });
  }

  /** The most recent runs, newest first. */
  async recentRuns(limit = 10): Promise<RunRecord[]> {
    const page = await this.table.queryPage({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.run(this.table.brand, '', '').pk },
      ScanIndexForward: false,
      Limit: limit,
    });
    return (page.Items ?? []).map((item) => stripKeys(item) as unknown as RunRecord);
  }
}
