// Reads public posts from a Mastodon instance through its REST API, without signing in: a hashtag's
// timeline (GET /api/v1/timelines/tag/:hashtag) or an account's own posts (GET /api/v1/accounts/lookup,
// then GET /api/v1/accounts/:id/statuses), as documented at https://docs.joinmastodon.org/methods/.
// One batch per page of up to 40 statuses, newest first, paging back with max_id until a page is
// empty or maxPages is reached.
import { z } from 'zod';
import type { FeedItem } from '#domain/feed-item';
import type { ItemBatch, SourceConnector } from '#domain/ports';
import type { MastodonSource } from '#domain/sources/mastodon';
import { apiOptionsOf, type ConnectorOptions } from './connector-options';
import { withInstantDates } from './dates';
import { FeedError } from './errors';
import { getJson, politePause, type ApiOptions } from './json-api';

const AccountSchema = z.object({ id: z.string().min(1) });

/** A page is a list of statuses; each needs its id, the cursor for the next page. */
const PageSchema = z.array(z.looseObject({ id: z.string().min(1) }));

const StatusSchema = z.object({
  /** The ActivityPub id: the status's stable identity across instances. */
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  account: z.object({ acct: z.string().min(1) }),
  reblog: z.unknown(),
});
type Status = z.infer<typeof StatusSchema>;

export function createMastodonConnector(options: ConnectorOptions): SourceConnector<MastodonSource> {
  const api = apiOptionsOf(options);
  return {
    async read(source) {
      const instance = source.instance.replace(/\/+$/, '');
      // An unknown account fails the read itself, before any page.
      const firstPage = await firstPageUrl(source, instance, api);
      // Paged timelines have no validators worth keeping; ingestion skips posts it already holds.
      return { status: 'fetched', batches: statusPages(source, instance, firstPage, api), validators: () => ({}) };
    },
  };
}

async function* statusPages(
  source: MastodonSource,
  instance: string,
  firstPage: string,
  api: ApiOptions,
): AsyncIterable<ItemBatch> {
  let maxId: string | undefined;
  for (let page = 1; page <= source.maxPages; page++) {
    await politePause(page, api);
    const url = maxId === undefined ? firstPage : `${firstPage}&max_id=${encodeURIComponent(maxId)}`;
    const statuses = await getPublic(source, instance, url, PageSchema, api);
    const last = statuses.at(-1);
    if (last === undefined) return;
    yield withInstantDates(statusBatch(statuses), source.timezone);
    maxId = last.id;
  }
}

/** The hashtag's timeline, or the account's statuses once its handle is looked up. */
async function firstPageUrl(source: MastodonSource, instance: string, api: ApiOptions): Promise<string> {
  if (source.hashtag !== undefined)
    return `${instance}/api/v1/timelines/tag/${encodeURIComponent(source.hashtag)}?limit=40`;
  const id = await accountId(source, instance, source.account?.replace(/^@/, '') ?? '', api);
  return `${instance}/api/v1/accounts/${encodeURIComponent(id)}/statuses?limit=40&exclude_replies=false&exclude_reblogs=true`;
}

async function accountId(source: MastodonSource, instance: string, acct: string, api: ApiOptions): Promise<string> {
  const url = `${instance}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`;
  try {
    return (await getPublic(source, instance, url, AccountSchema, api)).id;
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw error;
    throw new FeedError(
      source.id,
      'not-found',
      `the account @${acct} was not found on ${instance} (HTTP 404 from ${url}); check the handle, ` +
        `and give an account on another server as name@server`,
      false,
      undefined,
      { cause: error },
    );
  }
}

/** GETs an API answer, telling an instance that refuses visitors apart from other failures. */
async function getPublic<T>(
  source: MastodonSource,
  instance: string,
  url: string,
  schema: z.ZodType<T>,
  api: ApiOptions,
): Promise<T> {
  try {
    return (await getJson(source.id, url, schema, api)).data;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status !== 401 && status !== 403) throw error;
    throw new FeedError(
      source.id,
      'http-status',
      `${instance} does not allow public timeline access without signing in (HTTP ${status} from ${url}); ` +
        `read the hashtag or account through an instance that does`,
      false,
      undefined,
      { cause: error },
    );
  }
}

function httpStatusOf(error: unknown): number | undefined {
  return error instanceof FeedError && error.reason === 'http-status' ? error.httpStatus : undefined;
}

function statusBatch(statuses: unknown[]): ItemBatch {
  const items: FeedItem[] = [];
  let invalidItems = 0;
  for (const raw of statuses) {
    const status = StatusSchema.safeParse(raw);
    if (!status.success) invalidItems++;
    // A boost is someone else's post, shared; it is read where it was posted, if at all.
    else if (status.data.reblog === null || status.data.reblog === undefined) items.push(feedItemOf(status.data));
  }
  return { items, invalidItems };
}

function feedItemOf(status: Status): FeedItem {
  return {
    guid: status.uri,
    link: status.url ?? status.uri,
    // Posts have no title; a content warning is the closest thing to one.
    title: status.spoiler_text ?? '',
    html: status.content,
    author: `@${status.account.acct}`,
    date: status.created_at,
    ...(status.language ? { language: status.language } : {}),
  };
}
