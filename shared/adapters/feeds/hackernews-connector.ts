// The `hackernews` connector: Hacker News stories and comments matching a search, newest first,
// from the Algolia HN Search API (https://hn.algolia.com/api, `search_by_date`), 100 hits a page.
// Each page is one batch. A signal links to the HN discussion; a story's own URL is appended to its
// text as a "Link: ..." line, because the search matches it too and a brand's domain in it counts
// as a mention of the brand.
import { z } from 'zod';
import { httpUrlOrNull, type FeedItem } from '#domain/feed-item';
import type { HackerNewsSource } from '#domain/sources/hackernews';
import type { ConnectorResult, ItemBatch, SourceConnector } from '#domain/ports';
import { apiOptionsOf, type ConnectorOptions } from './connector-options';
import { withInstantDates } from './dates';
import { getJson, politePause, type ApiOptions } from './json-api';

const HITS_PER_PAGE = 100;

/** One hit: the id and date are needed; every text field is null on one kind of hit or the other. */
const HitSchema = z.object({
  objectID: z.string().trim().min(1),
  created_at: z.string().trim().min(1),
  author: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  story_title: z.string().nullish(),
});
type Hit = z.infer<typeof HitSchema>;

const SearchPageSchema = z.object({
  hits: z.array(z.unknown()),
  page: z.number().int().min(0),
  nbPages: z.number().int().min(0),
});

export function createHackerNewsConnector(options: ConnectorOptions): SourceConnector<HackerNewsSource> {
  const api = apiOptionsOf(options);
  return {
    async read(source): Promise<ConnectorResult> {
      // Pages are read fresh every run and ingestion skips hits already stored, so no validators.
      return { status: 'fetched', batches: searchPages(source, api), validators: () => ({}) };
    },
  };
}

async function* searchPages(source: HackerNewsSource, api: ApiOptions): AsyncGenerator<ItemBatch> {
  // Algolia numbers pages from 0; politePause counts from 1.
  for (let page = 0; page < source.maxPages; page++) {
    await politePause(page + 1, api);
    const { data } = await getJson(source.id, searchPageUrl(source, page), SearchPageSchema, api);
    if (data.hits.length === 0) return;
    yield withInstantDates(hitBatch(data.hits), source.timezone);
    if (page + 1 >= data.nbPages) return;
  }
}

function searchPageUrl(source: HackerNewsSource, page: number): string {
  const base = source.baseUrl.replace(/\/+$/, '');
  const kinds = [...new Set(source.tags)];
  const params = {
    query: source.query,
    tags: kinds.length === 1 ? kinds.join('') : `(${kinds.join(',')})`,
    hitsPerPage: String(HITS_PER_PAGE),
    page: String(page),
  };
  const query = Object.entries(params).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return `${base}/api/v1/search_by_date?${query.join('&')}`;
}

function hitBatch(hits: unknown[]): ItemBatch {
  const items: FeedItem[] = [];
  let invalidItems = 0;
  for (const hit of hits) {
    const parsed = HitSchema.safeParse(hit);
    if (parsed.success) items.push(hitItem(parsed.data));
    else invalidItems++;
  }
  return { items, invalidItems };
}

function hitItem(hit: Hit): FeedItem {
  const text = hit.story_text ?? hit.comment_text ?? '';
  const storyUrl = httpUrlOrNull(hit.url);
  return {
    guid: `hn:${hit.objectID}`,
    link: `https://news.ycombinator.com/item?id=${encodeURIComponent(hit.objectID)}`,
    title: hit.title ?? (hit.story_title != null ? `Comment on: ${hit.story_title}` : undefined),
    html: storyUrl ? `${text}<p>Link: ${escapeText(storyUrl)}</p>` : text,
    author: hit.author ?? undefined,
    date: hit.created_at,
  };
}

/** The URL goes into HTML that is decoded later, so `&` must not start an entity. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
