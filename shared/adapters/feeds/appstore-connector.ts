// The `appstore-reviews` connector: an app's customer reviews from Apple's public customer-reviews
// feed in its JSON form (the iTunes RSS generator's "customerreviews" feed,
// {baseUrl}/{country}/rss/customerreviews/page={n}/id={appId}/sortby=mostrecent/json), newest first,
// 50 reviews a page and at most 10 pages. Each page is one batch.
import { z } from 'zod';
import { httpUrlOrNull, type FeedItem } from '#domain/feed-item';
import type { AppStoreSource } from '#domain/sources/appstore-reviews';
import type { ConnectorResult, ItemBatch, SourceConnector } from '#domain/ports';
import { apiOptionsOf, type ConnectorOptions } from './connector-options';
import { withInstantDates } from './dates';
import { getJson, politePause, type ApiOptions } from './json-api';

const Label = z.object({ label: z.string() });

const ReviewLink = z.object({ attributes: z.object({ href: z.string().optional() }).optional() });

/** One review entry: only the fields we map. The id, rating and text are needed; the rest may be missing. */
const ReviewEntrySchema = z.object({
  id: z.object({ label: z.string().trim().min(1) }),
  'im:rating': z.object({
    label: z
      .string()
      .trim()
      .regex(/^[1-5]$/)
      .transform(Number),
  }),
  content: Label,
  title: Label.optional(),
  author: z.object({ name: Label.optional() }).optional(),
  updated: Label.optional(),
  'im:version': Label.optional(),
  // One link object as documented; an array is tolerated in case a review ever carries several.
  link: z.union([ReviewLink, z.array(ReviewLink)]).optional(),
});
type ReviewEntry = z.infer<typeof ReviewEntrySchema>;

/** A page: `entry` is an array, a lone object when the page has one entry, or absent when it has none. */
const ReviewsPageSchema = z.object({
  feed: z.object({
    entry: z.union([z.array(z.unknown()), z.looseObject({})]).optional(),
  }),
});

export function createAppStoreConnector(options: ConnectorOptions): SourceConnector<AppStoreSource> {
  const api = apiOptionsOf(options);
  return {
    async read(source): Promise<ConnectorResult> {
      // Pages are read fresh every run and ingestion skips reviews already stored, so no validators.
      return { status: 'fetched', batches: reviewPages(source, api), validators: () => ({}) };
    },
  };
}

async function* reviewPages(source: AppStoreSource, api: ApiOptions): AsyncGenerator<ItemBatch> {
  for (let page = 1; page <= source.maxPages; page++) {
    await politePause(page, api);
    const { data } = await getJson(source.id, reviewsPageUrl(source, page), ReviewsPageSchema, api);
    const entries = entriesOf(data.feed.entry).filter((entry) => !isAppEntry(entry));
    // Past the last review Apple answers with a feed that has no entries.
    if (entries.length === 0) return;
    yield withInstantDates(reviewBatch(source, entries), source.timezone);
  }
}

function reviewsPageUrl(source: AppStoreSource, page: number): string {
  const base = source.baseUrl.replace(/\/+$/, '');
  const appId = encodeURIComponent(String(source.appId));
  return `${base}/${encodeURIComponent(source.country)}/rss/customerreviews/page=${page}/id=${appId}/sortby=mostrecent/json`;
}

function entriesOf(entry: unknown[] | Record<string, unknown> | undefined): unknown[] {
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** Older versions of the feed put the app itself first on page 1: an entry without a rating is no review. */
function isAppEntry(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && !('im:rating' in entry);
}

function reviewBatch(source: AppStoreSource, entries: unknown[]): ItemBatch {
  const items: FeedItem[] = [];
  let invalidItems = 0;
  for (const entry of entries) {
    const parsed = ReviewEntrySchema.safeParse(entry);
    if (parsed.success) items.push(reviewItem(source, parsed.data));
    else invalidItems++;
  }
  return { items, invalidItems };
}

function reviewItem(source: AppStoreSource, review: ReviewEntry): FeedItem {
  return {
    guid: `appstore:${source.appId}:${review.id.label}`,
    link: reviewLink(review) ?? `https://apps.apple.com/${source.country}/app/id${source.appId}`,
    title: review.title?.label,
    html: review.content.label,
    author: review.author?.name?.label,
    date: review.updated?.label,
    rating: { value: review['im:rating'].label, best: 5 },
    appVersion: review['im:version']?.label,
  };
}

function reviewLink(review: ReviewEntry): string | undefined {
  const links = Array.isArray(review.link) ? review.link : review.link ? [review.link] : [];
  return links.map((link) => link.attributes?.href?.trim()).find((href) => httpUrlOrNull(href) !== null);
}
