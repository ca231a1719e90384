// Each source's state in the table: one item beside the source's signal index partition, read
// consistently, since the next run decides from it whether the source has changed.
import { SourceStateSchema, type SourceState, type SourceStateRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { keys, stripKeys } from './table';

export class SourceStateItems implements SourceStateRepository {
  constructor(private readonly table: TableClient) {}

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const item = await this.table.get(keys.sourceState(this.table.brand, sourceId), { consistentRead: true });
    return item ? SourceStateSchema.parse(stripKeys(item)) : undefined;
  }

  async putSourceState(state: SourceState): Promise<void> {
    await this.table.put({ ...keys.sourceState(this.table.brand, state.sourceId), type: 'source-state', ...state });
  }
}
