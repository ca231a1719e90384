// Picks the connector for a source by its `kind`. Each connector is a small adapter that turns one
// kind of source into feed items; docs/sources.md shows each kind's config.
import type { Source, SourceKind, SourceOfKind } from '#domain/profile';
import type { SourceConnector } from '#domain/ports';
import { createAppStoreConnector } from './appstore-connector';
import { createCsvConnector } from './csv-connector';
import { createHackerNewsConnector } from './hackernews-connector';
import type { ConnectorOptions } from './connector-options';
import { createJsonFeedConnector } from './jsonfeed-connector';
import { createMastodonConnector } from './mastodon-connector';
import { createRedditConnector } from './reddit-connector';
import { createRssConnector } from './rss-connector';

export type { ConnectorOptions };

type ConnectorsByKind = { [K in SourceKind]: SourceConnector<SourceOfKind<K>> };

export function connectorRegistry(options: ConnectorOptions): (source: Source) => SourceConnector {
  const byKind: ConnectorsByKind = {
    rss: createRssConnector(options),
    jsonfeed: createJsonFeedConnector(options),
    csv: createCsvConnector(options),
    'appstore-reviews': createAppStoreConnector(options),
    reddit: createRedditConnector(options),
    mastodon: createMastodonConnector(options),
    hackernews: createHackerNewsConnector(options),
  };
  // Each connector takes only its own kind of source; the kind is what picked it.
  return (source) => byKind[source.kind] as SourceConnector<Source>;
}
