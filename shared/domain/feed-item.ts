// What every connector hands over: a feed item in neutral form (still raw HTML and raw dates), and
// the pure rules that turn it into a Signal.
import { z } from 'zod';
import { ChannelSchema, type Channel } from './profile';
import { normaliseWhitespace, plainText } from './plain-text';
import { signalId, SignalSchema, type ItemIdentity, type Signal } from './signal';

export const FeedItemSchema = z.object({
  guid: z.string().optional(),
  link: z.string().optional(),
  title: z.string().optional(),
  /** HTML or plain text; HTML is stripped when the signal is made. */
  html: z.string().optional(),
  author: z.string().optional(),
  /** The date: as the feed wrote it when it leaves a parser, as a UTC instant once its connector has read it (dates.ts). */
  date: z.string().optional(),
  rating: z.strictObject({ value: z.number().min(0), best: z.number().positive() }).optional(),
  language: z.string().optional(),
  /** The item's own channel when the source mixes them (a CSV export with a channel column). */
  channel: ChannelSchema.optional(),
  /** The version of the app a review is about (App Store reviews). */
  appVersion: z.string().optional(),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

export interface SignalContext {
  sourceId: string;
  channel: Channel;
  fetchedAt: Date;
  /** Language when neither the item nor the feed says, e.g. the source's or the brand's. */
  language: string;
}

/** Items dated further ahead than this are treated as undated (a clock or feed error, not the future). */
export const FUTURE_DATE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * The longest text kept of one item: far beyond any review or post, and within DynamoDB's 400 KB
 * item limit even if every character takes four bytes. Analyzers read much less (Comprehend 5 KB).
 */
export const MAX_TEXT_CHARS = 50_000;
export const MAX_TITLE_CHARS = 1_000;
const CUT_MARK = ' […]';

/** The text, or its beginning up to the last word break within `max` characters, marked as cut. */
export function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - CUT_MARK.length;
  const head = text.slice(0, room);
  const lastBreak = head.search(/\s\S*$/);
  return `${(lastBreak > room * 0.9 ? head.slice(0, lastBreak) : head).trimEnd()}${CUT_MARK}`;
}

export function toSignal(item: FeedItem, context: SignalContext): Signal {
  const title = capped(plainText(item.title), MAX_TITLE_CHARS);
  const text = capped(plainText(item.html), MAX_TEXT_CHARS);
  const link = item.link?.trim();
  const published = parseFeedDate(item.date, context.fetchedAt);
  const identity = identityOf(item, title, text, published);
  return SignalSchema.parse({
    id: signalId(context.sourceId, identity),
    sourceId: context.sourceId,
    channel: item.channel ?? context.channel,
    url: httpUrlOrNull(link),
    title,
    text,
    author: item.author ? normaliseWhitespace(item.author) || null : null,
    publishedAt: (published ?? context.fetchedAt).toISOString(),
    publishedAtSource: published ? 'feed' : 'fetch-time',
    fetchedAt: context.fetchedAt.toISOString(),
    rating: item.rating ?? null,
    language: languageOf(item.language) ?? languageOf(context.language) ?? 'en',
    ...(item.appVersion?.trim() ? { appVersion: normaliseWhitespace(item.appVersion).slice(0, 40) } : {}),
  });
}

function identityOf(item: FeedItem, title: string, text: string, published: Date | undefined): ItemIdentity {
  const guid = item.guid?.trim();
  if (guid) return { kind: 'guid', value: guid };
  const link = item.link?.trim();
  if (link) return { kind: 'link', value: link };
  // An undated, unlinked item is known by its title and its raw date text (stable across fetches),
  // or by its content when it has no title either.
  if (title) return { kind: 'title-date', title, date: published?.toISOString() ?? item.date?.trim() ?? '' };
  return { kind: 'content', value: text };
}

/** The feed's date as a Date, or undefined when it is missing, unreadable or implausibly in the future. */
export function parseFeedDate(raw: string | undefined, fetchedAt: Date): Date | undefined {
  if (!raw?.trim()) return undefined;
  const date = new Date(raw.trim());
  const time = date.getTime();
  if (!Number.isFinite(time)) return undefined;
  if (time > fetchedAt.getTime() + FUTURE_DATE_TOLERANCE_MS) return undefined;
  return date;
}

/** The link as the URL parser writes it, when it is an http(s) one; null otherwise. */
export function httpUrlOrNull(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** "en-GB" -> "en"; undefined when it is not a language code. */
export function languageOf(code: string | undefined): string | undefined {
  const match = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(code?.trim() ?? '');
  return match?.[1]?.toLowerCase();
}
