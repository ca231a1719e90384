// Finding review bursts (rule 8, flags/review-burst.ts): at least 5 top-rated reviews within 24 hours
// whose texts are nearly the same (word-stem Jaccard similarity ≥ 0.6 with the first of them). The
// reviews are walked in time order; a review that is not yet part of a burst anchors one when enough
// later reviews of the next 24 hours are like it, and those reviews then belong to that burst.
//
// A burst is found once and kept (app/review-bursts.ts): the search runs a day at a time, each day's
// anchors with the next day's reviews, and hands the next day the reviews its bursts took there. Run
// day after day, it finds exactly the bursts one walk over all those days finds.
import { z } from 'zod';
import { ChannelSchema } from '../profile';
import { stems } from '../value-matching';
import { pickEvidence, quoteOf, ratingText } from './evidence';
import { ALIGNMENT_RULES } from './rules';
import { similarSetIndex } from './similar-sets';
import type { AlignmentSignal } from './types';

export const HOUR_MS = 3_600_000;

/** A quote of a burst, as the flag shows it, and when its text expires (epoch seconds) with its review's. */
export const BurstEvidenceSchema = z.object({
  signalId: z.string(),
  /** Untrusted text. */
  quote: z.string(),
  title: z.string(),
  sourceId: z.string(),
  channel: ChannelSchema,
  publishedAt: z.iso.datetime(),
  rating: z.string().nullable(),
  expiresAt: z.number().optional(),
});
export type BurstEvidence = z.infer<typeof BurstEvidenceSchema>;

/** A burst as found: what its flag says, without the words its flag is written in. */
export const ReviewBurstSchema = z.object({
  /** The review that anchors it: the first. */
  anchorId: z.string(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
  /** Its reviews, the anchor included. */
  reviews: z.number().int().min(1),
  /** Where they were posted (source ids), in order of first appearance. */
  sources: z.array(z.string()),
  /** The mean similarity of the others with the anchor. */
  meanSimilarity: z.number(),
  /** The top of their rating scale, e.g. 5. */
  best: z.number(),
  evidence: z.array(BurstEvidenceSchema),
});
export type ReviewBurst = z.infer<typeof ReviewBurstSchema>;

/** Whether a signal can be part of a review burst: a review with the best rating its scale has. */
export function isTopRatedReview(signal: Pick<AlignmentSignal, 'channel' | 'rating'>): boolean {
  return signal.channel === 'review' && signal.rating !== null && signal.rating.value >= signal.rating.best;
}

export interface BurstSearch<S extends AlignmentSignal = AlignmentSignal> {
  /** Bursts anchored in [from, to) (epoch ms) are found; their reviews may run up to 24 hours past `to`. */
  from: number;
  to: number;
  /** Reviews (by id) already in a burst anchored earlier: they anchor none and join none. */
  taken?: ReadonlySet<string>;
  /** When a review's text expires (epoch seconds): its quote expires with it. */
  textExpiresAt?: (signal: S) => number | undefined;
  /** A review's word stems, when the caller keeps them across searches (stems of its text otherwise). */
  stemsOf?: (signal: S) => Iterable<string>;
}

export interface BurstsFound {
  bursts: ReviewBurst[];
  /** The reviews the bursts hold, with when each was published (epoch ms). */
  taken: Array<{ id: string; time: number }>;
}

interface Review<S extends AlignmentSignal = AlignmentSignal> {
  signal: S;
  time: number;
}

/**
 * The bursts anchored in [from, to) among `reviews`, in time order. Pass every top-rated review of
 * [from, to + 24 h) (others are passed over): a review outside it can neither anchor nor join.
 */
export function findReviewBursts<S extends AlignmentSignal>(reviews: Iterable<S>, search: BurstSearch<S>): BurstsFound {
  const windowMs = ALIGNMENT_RULES.burstWindowHours * HOUR_MS;
  const listed: Array<Review<S>> = [];
  for (const signal of reviews) {
    if (!isTopRatedReview(signal)) continue;
    const time = Date.parse(signal.publishedAt);
    if (time < search.from || time >= search.to + windowMs) continue;
    listed.push({ signal, time });
  }
  listed.sort((a, b) => a.time - b.time || a.signal.id.localeCompare(b.signal.id));

  // the index keeps the words as numbers: the stems of tens of thousands of reviews are not held as text
  const index = similarSetIndex(
    listed.map((review) => ({
      time: review.time,
      words: search.stemsOf?.(review.signal) ?? stems(review.signal.text),
    })),
    ALIGNMENT_RULES.burstMinSimilarity,
  );
  if (search.taken !== undefined && search.taken.size > 0)
    listed.forEach((review, position) => {
      if (search.taken?.has(review.signal.id)) index.forget(position);
    });

  const found: BurstsFound = { bursts: [], taken: [] };
  for (let first = 0; first < listed.length; first++) {
    const anchor = listed[first] as Review<S>;
    if (anchor.time >= search.to) break;
    // a review in an earlier burst anchors none of its own
    if (index.isForgotten(first)) continue;
    const burst = [first];
    const similarities: number[] = [];
    for (const { index: next, similarity } of index.similarAfter(first, windowMs)) {
      burst.push(next);
      similarities.push(similarity);
    }
    if (burst.length < ALIGNMENT_RULES.burstMinReviews) continue;
    for (const member of burst) index.forget(member);
    const members = burst.map((position) => listed[position] as Review<S>);
    for (const member of members) found.taken.push({ id: member.signal.id, time: member.time });
    found.bursts.push(burstOf(members, similarities, search.textExpiresAt));
  }
  return found;
}

function burstOf<S extends AlignmentSignal>(
  members: ReadonlyArray<Review<S>>,
  similarities: readonly number[],
  textExpiresAt: BurstSearch<S>['textExpiresAt'],
): ReviewBurst {
  const anchor = members[0] as Review<S>;
  const last = members[members.length - 1] as Review<S>;
  const expiries = new Map(members.map((member) => [member.signal.id, textExpiresAt?.(member.signal)]));
  const evidence = pickEvidence(
    members.map((member) => ({
      signalId: member.signal.id,
      quote: quoteOf(member.signal.text),
      title: member.signal.title,
      sourceId: member.signal.sourceId,
      channel: member.signal.channel,
      publishedAt: member.signal.publishedAt,
      rating: ratingText(member.signal.rating),
      time: member.time,
      strength: 1,
    })),
  );
  return {
    anchorId: anchor.signal.id,
    firstAt: anchor.signal.publishedAt,
    lastAt: last.signal.publishedAt,
    reviews: members.length,
    sources: [...new Set(members.map((member) => member.signal.sourceId))],
    meanSimilarity: similarities.reduce((sum, each) => sum + each, 0) / similarities.length,
    best: anchor.signal.rating?.best ?? 5,
    evidence: evidence.map((each) => {
      const expiresAt = expiries.get(each.signalId);
      return {
        signalId: each.signalId,
        quote: each.quote,
        title: each.title,
        sourceId: each.sourceId,
        channel: each.channel,
        publishedAt: each.publishedAt,
        rating: each.rating,
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      };
    }),
  };
}

/** A burst without the quotes whose text has expired by `nowSeconds`; none when no quote is left. */
export function withLiveEvidence(burst: ReviewBurst, nowSeconds: number): ReviewBurst | undefined {
  const evidence = burst.evidence.filter((each) => each.expiresAt === undefined || each.expiresAt > nowSeconds);
  return evidence.length === 0 ? undefined : { ...burst, evidence };
}

export const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) an instant falls on: bursts are searched a UTC day at a time. */
export function utcDayOf(instant: string | number): string {
  return new Date(typeof instant === 'number' ? instant : Date.parse(instant)).toISOString().slice(0, 10);
}

/** When a UTC day begins (epoch ms). */
export function utcDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The UTC day `days` after (or before, when negative) another. */
export function utcDayAfter(day: string, days = 1): string {
  return utcDayOf(utcDayStart(day) + days * DAY_MS);
}

/** The UTC days from the one holding `from` to the one holding the instant just before `to` (epoch ms). */
export function utcDaysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  if (to <= from) return days;
  const last = utcDayOf(to - 1);
  for (let day = utcDayOf(from); day <= last; day = utcDayAfter(day)) days.push(day);
  return days;
}

/**
 * Where the search for bursts left a UTC day (app/review-bursts.ts): what it started from, so that a
 * later search knows whether the day's bursts still hold, and what it hands the next day.
 */
export const BurstDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * The scored top-rated reviews of the day and of the next, as the weeks' rollups counted them when
   * it was searched; null where they were not counted (rollups from before counts were kept).
   */
  counts: z.tuple([z.number().int().nullable(), z.number().int().nullable()]),
  /** The reviews of the day that the day before's bursts took (sorted ids, joined): what the search began with. */
  takenBefore: z.string(),
  /** The reviews of the next day that this day's bursts took: the next day's search begins with them. */
  takenNext: z.array(z.string()),
  searchedAt: z.iso.datetime(),
});
export type BurstDay = z.infer<typeof BurstDaySchema>;
