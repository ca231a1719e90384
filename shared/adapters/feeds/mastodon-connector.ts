// SKELETON, replaced by the real connector: the `mastodon` connector.
import type { SourceOfKind } from '../../domain/profile';
import type { SourceConnector } from '../../domain/ports';
import type { ConnectorOptions } from './connectors';
import { FeedError } from './errors';

export function createMastodonConnector(_options: ConnectorOptions): SourceConnector<SourceOfKind<'mastodon'>> {
  return {
    async read(source) {
      throw new FeedError(source.id, 'unreadable', 'not built yet', false);
    },
  };
}
