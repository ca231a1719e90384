// A Signal is one piece of indirect evidence about the brand: a news story, a review, a social post,
// or one of the brand's own stance statements, normalised to plain text.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChannelSchema } from './profile';

const isoInstant = z.iso.datetime({ offset: false });

export const SignalSchema = z.strictObject({
  /** 32 hex characters: a hash of the source id and the item's identity (see signalId). */
  id: z.string().regex(/^[0-9a-f]{32}$/),
  sourceId: z.string().min(1),
  channel: ChannelSchema,
  /** Only http(s) links are kept; anything else becomes null. */
  url: z.url({ protocol: /^https?$/ }).nullable(),
  title: z.string(),
  /** Plain text: HTML stripped, entities decoded, whitespace normalised. */
  text: z.string(),
  author: z.string().nullable(),
  /** UTC instant, ISO 8601 with Z. */
  publishedAt: isoInstant,
  /** "feed" when the item carried a usable date; "fetch-time" when it did not and publishedAt is when it was fetched. */
  publishedAtSource: z.enum(['feed', 'fetch-time']),
  fetchedAt: isoInstant,
  /** Star rating of a review, e.g. { value: 4, best: 5 }, when the feed has one. */
  rating: z.strictObject({ value: z.number().min(0), best: z.number().positive() }).nullable(),
  /** ISO 639-1 code, lower case, e.g. "en". */
  language: z.string().regex(/^[a-z]{2}$/),
  /** The app version a review is about, when the source says (App Store reviews). */
  appVersion: z.string().max(40).optional(),
});
export type Signal = z.infer<typeof SignalSchema>;

/** What an item is known by, in order of preference: its guid, its link, or its title and date. */
export type ItemIdentity =
  | { kind: 'guid'; value: string }
  | { kind: 'link'; value: string }
  | { kind: 'title-date'; title: string; date: string }
  | { kind: 'content'; value: string };

/** Stable id of an item: the same item in the same source always gets the same id. */
export function signalId(sourceId: string, identity: ItemIdentity): string {
  const basis =
    identity.kind === 'title-date'
      ? `title-date\u0000${identity.title}\u0000${identity.date}`
      : `${identity.kind}\u0000${identity.value}`;
  return createHash('sha256').update(`${sourceId}\u0000${basis}`).digest('hex').slice(0, 32);
}
