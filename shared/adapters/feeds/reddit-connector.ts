// Reads Reddit posts from Reddit's public JSON listings: the `.json` form of a search (across Reddit
// or within a subreddit) or of a subreddit's newest posts (https://www.reddit.com/dev/api, "listings":
// `{ kind: 'Listing', data: { after, children: [{ kind: 't3', data: post }] } }`). One batch per page
// of up to 100 posts, newest first, following `after` until Reddit has no more or maxPages is reached.
import { z } from 'zod';
import type { FeedItem } from '#domain/feed-item';
import type { ItemBatch, SourceConnector } from '#domain/ports';
import type { RedditSource } from '#domain/sources/reddit';
import { apiOptionsOf, type ConnectorOptions } from './connector-options';
import { FeedError } from './errors';
import { getJson, politePause, type ApiOptions } from './json-api';

/** Links always point at the public site, whatever API address (mirror, test server) was read. */
const REDDIT_SITE = 'https://www.reddit.com';

const ListingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

const PostSchema = z.object({
  /** The fullname, e.g. "t3_1abcde": Reddit's own stable id of the post. */
  name: z.string().min(1),
  title: z.string(),
  selftext: z.string().nullish(),
  author: z.string().nullish(),
  // A path on the site; anything else could turn the link into another host (`@evil.example/...`).
  permalink: z.string().startsWith('/'),
  created_utc: z.number(),
});
type Post = z.infer<typeof PostSchema>;

export function createRedditConnector(options: ConnectorOptions): SourceConnector<RedditSource> {
  const api = apiOptionsOf(options);
  return {
    async read(source) {
      // Paged search results have no validators worth keeping; ingestion skips posts it already holds.
      return { status: 'fetched', batches: postPages(source, api), validators: () => ({}) };
    },
  };
}

async function* postPages(source: RedditSource, api: ApiOptions): AsyncIterable<ItemBatch> {
  const firstPage = firstPageUrl(source);
  let after: string | undefined;
  for (let page = 1; page <= source.maxPages; page++) {
    await politePause(page, api);
    const url = after === undefined ? firstPage : `${firstPage}&after=${encodeURIComponent(after)}`;
    const listing = await getListing(source, url, api);
    yield postBatch(listing.data.children);
    if (!listing.data.after) return;
    after = listing.data.after;
  }
}

/** The search (everywhere or within a subreddit) or the subreddit's newest posts. */
function firstPageUrl(source: RedditSource): string {
  const base = source.baseUrl.replace(/\/+$/, '');
  const subreddit = source.subreddit === undefined ? undefined : `${base}/r/${encodeURIComponent(source.subreddit)}`;
  if (source.query === undefined) return `${subreddit ?? base}/new.json?limit=100&raw_json=1`;
  const q = encodeURIComponent(source.query);
  return subreddit === undefined
    ? `${base}/search.json?q=${q}&sort=new&limit=100&raw_json=1`
    : `${subreddit}/search.json?q=${q}&restrict_sr=1&sort=new&limit=100&raw_json=1`;
}

async function getListing(source: RedditSource, url: string, api: ApiOptions): Promise<z.infer<typeof ListingSchema>> {
  try {
    return (await getJson(source.id, url, ListingSchema, api)).data;
  } catch (error) {
    // Reddit answers 403 both for private or banned subreddits and when it refuses unauthenticated clients.
    if (error instanceof FeedError && error.reason === 'http-status' && error.httpStatus === 403) {
      throw new FeedError(
        source.id,
        'http-status',
        `Reddit refused ${url} (HTTP 403): the subreddit may be private or banned, or Reddit is refusing ` +
          `unauthenticated access from this network; check the subreddit in a browser, and read Reddit lightly`,
        false,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

function postBatch(children: { kind: string; data: unknown }[]): ItemBatch {
  const items: FeedItem[] = [];
  let invalidItems = 0;
  for (const child of children) {
    // Listings may mix in other things (comments t1, accounts t2, ...); only posts are wanted.
    if (child.kind !== 't3') continue;
    const post = PostSchema.safeParse(child.data);
    if (post.success) items.push(feedItemOf(post.data));
    else invalidItems++;
  }
  return { items, invalidItems };
}

function feedItemOf(post: Post): FeedItem {
  const date = new Date(post.created_utc * 1000);
  return {
    guid: post.name,
    link: `${REDDIT_SITE}${post.permalink}`,
    title: post.title,
    html: post.selftext ?? '',
    ...(post.author && post.author !== '[deleted]' ? { author: `u/${post.author}` } : {}),
    ...(Number.isFinite(date.getTime()) ? { date: date.toISOString() } : {}),
  };
}
