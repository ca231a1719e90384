// SKELETON, replaced by the real connector: the `csv` connector.
import type { SourceOfKind } from '../../domain/profile';
import type { SourceConnector } from '../../domain/ports';
import type { ConnectorOptions } from './connectors';
import { FeedError } from './errors';

export function createCsvConnector(_options: ConnectorOptions): SourceConnector<SourceOfKind<'csv'>> {
  return {
    async read(source) {
      throw new FeedError(source.id, 'unreadable', 'not built yet', false);
    },
  };
}
