// Reads a whole document for a file-like source (rss, jsonfeed, csv from a URL): from a file beside
// the config or an http(s) URL, with conditional GET, and a content hash so an unchanged file or a
// server without conditional GET costs no parsing.
import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ItemBatch, Validators } from '#domain/ports';
import { FeedError, systemErrorInWords } from './errors';
import { formatBytes, httpGet, type HttpLimits } from './http-get';

export interface DocumentLocation {
  id: string;
  url?: string;
  path?: string;
}

export type FetchedDocument =
  | { status: 'unchanged'; validators: Validators }
  | { status: 'fetched'; body: Uint8Array; contentType?: string; validators: Validators };

export async function fetchDocument(
  source: DocumentLocation,
  previous: Validators,
  options: { baseDir: string; limits: HttpLimits; accept?: string },
): Promise<FetchedDocument> {
  const fetched = source.path
    ? await readFile(source.id, resolve(options.baseDir, source.path), options.limits.maxBytes)
    : await httpGet(source.id, source.url ?? '', previous, options.limits, options.accept);
  if (fetched.status === 'not-modified') return { status: 'unchanged', validators: previous };
  const contentHash = createHash('sha256').update(fetched.body).digest('hex');
  const validators: Validators = {
    etag: fetched.etag ?? previous.etag,
    lastModified: fetched.lastModified ?? previous.lastModified,
    contentHash,
  };
  // A server without conditional GET, or an unchanged file, sends the same bytes again.
  if (previous.contentHash === contentHash) return { status: 'unchanged', validators };
  return { status: 'fetched', body: fetched.body, contentType: fetched.contentType, validators };
}

/** A whole document's items as the one batch they are. */
export async function* oneBatch(batch: ItemBatch): AsyncIterable<ItemBatch> {
  yield batch;
}

async function readFile(
  sourceId: string,
  path: string,
  maxBytes: number,
): Promise<{ status: 'ok'; body: Uint8Array; contentType?: undefined; etag?: undefined; lastModified?: undefined }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(sourceId, path, error);
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

/** The error for a source file that cannot be opened: missing, or unreadable. */
export function fileError(sourceId: string, path: string, error: unknown): FeedError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FeedError(sourceId, 'not-found', `file not found: ${path}`, false);
  return new FeedError(
    sourceId,
    'unreadable',
    `cannot read ${path}: ${systemErrorInWords(code, (error as Error).message)}`,
    false,
  );
}
