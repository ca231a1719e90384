// The `rss` connector: reads a feed from a file or an http(s) URL and parses RSS 2.0, RSS 1.0 or Atom.
import type { RssSource } from '#domain/sources/rss';
import type { ConnectorResult, SourceConnector, Validators } from '#domain/ports';
import { httpLimitsOf, type ConnectorOptions } from './connector-options';
import { withInstantDates } from './dates';
import { decodeFeed } from './decode';
import { fetchDocument, oneBatch } from './document-source';
import { parseRssFeed } from './rss-parse';

export function createRssConnector(options: ConnectorOptions): SourceConnector<RssSource> {
  const limits = httpLimitsOf(options);
  return {
    async read(source, previous: Validators): Promise<ConnectorResult> {
      const document = await fetchDocument(source, previous, { baseDir: options.baseDir, limits });
      if (document.status === 'unchanged') return document;
      const feed = await parseRssFeed(source.id, decodeFeed(document.body, document.contentType));
      return {
        status: 'fetched',
        batches: oneBatch(withInstantDates(feed, source.timezone)),
        validators: () => document.validators,
      };
    },
  };
}
