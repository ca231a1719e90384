// SKELETON, replaced by the real connector: the `appstore-reviews` connector.
import type { SourceOfKind } from '../../domain/profile';
import type { SourceConnector } from '../../domain/ports';
import type { ConnectorOptions } from './connectors';
import { FeedError } from './errors';

export function createAppStoreConnector(_options: ConnectorOptions): SourceConnector<SourceOfKind<'appstore-reviews'>> {
  return {
    async read(source) {
      throw new FeedError(source.id, 'unreadable', 'not built yet', false);
    },
  };
}
