// The `rss` connector: reads a feed from a file or an http(s) URL and parses RSS 2.0, RSS 1.0 or Atom.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Source } from '../../domain/profile';
import type { ConnectorResult, SourceConnector, Validators } from '../../domain/ports';
import { decodeFeed } from './decode';
import { FeedError } from './errors';
import { DEFAULT_HTTP_LIMITS, formatBytes, httpGet, type HttpLimits } from './http-get';
import { parseRssFeed } from './rss-parse';

export interface RssConnectorOptions {
  /** Folder that relative `path` sources are read from (the config file's folder). */
  baseDir: string;
  limits?: HttpLimits;
}

export function createRssConnector(options: RssConnectorOptions): SourceConnector {
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  return {
    async read(source: Source, previous: Validators): Promise<ConnectorResult> {
      const fetched = source.path
        ? await readFile(source.id, resolve(options.baseDir, source.path), limits.maxBytes)
        : await httpGet(source.id, source.url ?? '', previous, limits);
      if (fetched.status === 'not-modified') return { status: 'unchanged', validators: previous };
      const contentHash = createHash('sha256').update(fetched.body).digest('hex');
      const validators: Validators = {
        etag: fetched.etag ?? previous.etag,
        lastModified: fetched.lastModified ?? previous.lastModified,
        contentHash,
      };
      // A server without conditional GET, or an unchanged file, sends the same bytes again.
      if (previous.contentHash === contentHash) return { status: 'unchanged', validators };
      const feed = await parseRssFeed(source.id, decodeFeed(fetched.body, fetched.contentType));
      return { status: 'fetched', validators, ...feed };
    },
  };
}

async function readFile(
  sourceId: string,
  path: string,
  maxBytes: number,
): Promise<{ status: 'ok'; body: Uint8Array; contentType?: undefined; etag?: undefined; lastModified?: undefined }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FeedError(sourceId, 'not-found', `file not found: ${path}`, false);
    throw new FeedError(sourceId, 'unreadable', `cannot read ${path} (${code ?? (error as Error).message})`, false);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new FeedError(sourceId, 'too-large', `${path} is larger than the ${formatBytes(maxBytes)} limit`, false);
    }
    return { status: 'ok', body: await handle.readFile() };
  } finally {
    await handle.close();
  }
}
