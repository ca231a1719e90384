// Picks the connector for a source by its `kind`.
import type { Source } from '../../domain/profile';
import type { SourceConnector } from '../../domain/ports';
import type { HttpLimits } from './http-get';
import { createRssConnector } from './rss-connector';

export interface ConnectorOptions {
  /** Folder that relative source paths are read from (the config file's folder). */
  baseDir: string;
  limits?: HttpLimits;
}

export function connectorRegistry(options: ConnectorOptions): (source: Source) => SourceConnector {
  const byKind: Record<Source['kind'], SourceConnector> = {
    rss: createRssConnector(options),
  };
  return (source) => byKind[source.kind];
}
