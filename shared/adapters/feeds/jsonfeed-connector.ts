// The `jsonfeed` connector: reads a JSON Feed (https://jsonfeed.org/version/1.1, and 1.0) from a file
// or an http(s) URL. From a URL it follows the feed's `next_url` for a few pages, one batch per page.
import { resolve } from 'node:path';
import { z } from 'zod';
import type { FeedItem } from '#domain/feed-item';
import type { JsonFeedSource } from '#domain/sources/jsonfeed';
import type { ConnectorResult, ItemBatch, SourceConnector, Validators } from '#domain/ports';
import { apiOptionsOf, type ConnectorOptions } from './connector-options';
import { withInstantDates } from './dates';
import { fetchDocument } from './document-source';
import { FeedError } from './errors';
import { getJson, parseJson, politePause, type ApiOptions } from './json-api';

/** Pages read per fetch by following `next_url`, the first included; the newest items come first. */
export const JSONFEED_MAX_PAGES = 5;

const JSONFEED_ACCEPT = 'application/feed+json, application/json;q=0.9';
const VERSION_PREFIX = 'https://jsonfeed.org/version/';

// Only the fields we use; null is taken as absent, as some generators write it for empty fields.
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const AuthorSchema = z.object({ name: text });

const JsonFeedSchema = z.object({
  version: z.string(),
  language: text,
  authors: z.array(AuthorSchema).nullish(),
  author: AuthorSchema.nullish(),
  next_url: text,
  items: z.array(z.unknown()),
});

const JsonFeedItemSchema = z.object({
  // 1.1 says a string; 1.0 allowed a number, kept as its decimal text.
  id: z.union([z.string().trim().min(1), z.number().transform(String)]),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  date_published: text,
  date_modified: text,
  authors: z.array(AuthorSchema).nullish(),
  /** JSON Feed 1.0; 1.1 replaced it by `authors`. */
  author: AuthorSchema.nullish(),
  language: text,
});
type JsonFeedItem = z.infer<typeof JsonFeedItemSchema>;

export function createJsonFeedConnector(options: ConnectorOptions): SourceConnector<JsonFeedSource> {
  const api = apiOptionsOf(options);
  return {
    async read(source, previous: Validators): Promise<ConnectorResult> {
      const document = await fetchDocument(source, previous, {
        baseDir: options.baseDir,
        limits: api.limits,
        accept: JSONFEED_ACCEPT,
      });
      if (document.status === 'unchanged') return document;
      const where = source.path ? resolve(options.baseDir, source.path) : (source.url ?? '');
      const first = jsonFeedPage(source.id, where, parseJson(source.id, where, document.body, z.unknown()));
      return { status: 'fetched', batches: pages(source, first, api), validators: () => document.validators };
    },
  };
}

interface Page {
  batch: ItemBatch;
  nextUrl?: string;
}

/**
 * The first page, then, for a feed read from a URL, the pages its `next_url` leads to, at most
 * JSONFEED_MAX_PAGES in all. A file's `next_url` is ignored: it would lead off the file.
 */
async function* pages(source: JsonFeedSource, first: Page, api: ApiOptions): AsyncGenerator<ItemBatch> {
  yield withInstantDates(first.batch, source.timezone);
  if (!source.url) return;
  const read = new Set([source.url]);
  let nextUrl = nextPageUrl(first.nextUrl, source.url, read);
  for (let page = 2; page <= JSONFEED_MAX_PAGES && nextUrl; page++) {
    await politePause(page, api);
    const answer = await getJson(source.id, nextUrl, z.unknown(), api, JSONFEED_ACCEPT);
    read.add(nextUrl);
    const next = jsonFeedPage(source.id, nextUrl, answer.data);
    yield withInstantDates(next.batch, source.timezone);
    nextUrl = nextPageUrl(next.nextUrl, nextUrl, read);
  }
}

/** The next page's absolute http(s) address, or undefined when there is none or it was read already. */
function nextPageUrl(nextUrl: string | undefined, pageUrl: string, read: Set<string>): string | undefined {
  if (!nextUrl?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(nextUrl.trim(), pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return read.has(url.toString()) ? undefined : url.toString();
}

/** One page of a feed: its items (each checked on its own) and where the next page is. */
function jsonFeedPage(sourceId: string, where: string, raw: unknown): Page {
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  if (typeof version !== 'string' || !version.startsWith(VERSION_PREFIX)) {
    throw new FeedError(
      sourceId,
      'unexpected-format',
      `${where} is not a JSON Feed: its "version" is ${version === undefined ? 'missing' : JSON.stringify(version)}, ` +
        `not ${VERSION_PREFIX}1.1 or 1; check the address, or use the kind that matches the document`,
      false,
    );
  }
  const parsed = JsonFeedSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new FeedError(
      sourceId,
      'unexpected-format',
      `${where} is not a valid JSON Feed (${problems.join('; ')})`,
      false,
    );
  }
  const feed = parsed.data;
  const items: FeedItem[] = [];
  let invalidItems = 0;
  // The spec: an item without authors has the feed's.
  const feedAuthor = authorName(feed);
  for (const raw of feed.items) {
    const item = JsonFeedItemSchema.safeParse(raw);
    if (item.success) items.push(toFeedItem(item.data, feedAuthor));
    else invalidItems++;
  }
  return {
    batch: { items, invalidItems, ...(feed.language ? { language: feed.language } : {}) },
    nextUrl: feed.next_url,
  };
}

function toFeedItem(item: JsonFeedItem, feedAuthor: string | undefined): FeedItem {
  return {
    guid: item.id,
    link: firstText(item.url, item.external_url),
    title: item.title,
    html: firstText(item.content_html, item.content_text, item.summary),
    author: authorName(item) ?? feedAuthor,
    date: firstText(item.date_published, item.date_modified),
    // The feed's own language, when the item has none, comes with the batch.
    language: item.language,
  };
}

/** The first named author: 1.1's `authors`, else 1.0's `author`. */
function authorName(holder: {
  authors?: { name?: string }[] | null;
  author?: { name?: string } | null;
}): string | undefined {
  return firstText(...(holder.authors ?? []).map((author) => author.name), holder.author?.name);
}

/** The first value that is not blank. */
function firstText(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value.trim() !== '');
}
