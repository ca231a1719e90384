// Keeping the review bursts found, a UTC day at a time, so that a digest reads the bursts of its
// weeks instead of comparing every top-rated review of them (56,000 at 100,000 signals a week).
//
// A day's bursts are those anchored on it; their reviews may run into the next day. The search of a
// day reads that day's and the next day's top-rated reviews and begins with the reviews of the day
// that the day before's bursts took, so that searching day after day finds exactly what one walk
// over all the days finds (domain/alignment/review-bursts.ts). Each day's record keeps what its
// search began with: the scored top-rated reviews of the day and of the next, as the weekly rollups
// count them, and what the day before handed it. A day is searched again only when one of those has
// changed: new reviews scored on it or the next day, or a day before that found other bursts.
import {
  ALIGNMENT_RULES,
  type BurstDay,
  findReviewBursts,
  isTopRatedReview,
  type ReviewBurst,
} from '#domain/alignment/index';
import { DAY_MS, utcDayAfter, utcDayOf, utcDaysBetween, utcDayStart } from '#domain/alignment/review-bursts';
import { fromCompetitorsSource } from '#domain/entities';
import { isoWeekOf, isoWeekRange, isoWeeksFromTo } from '#domain/iso-week';
import type { ReviewBurstRepository, RollupRepository, SignalRepository } from '#domain/ports';
import type { Profile } from '#domain/profile';
import { textExpiresAt } from '#domain/retention';
import { type Rollup, WEEK_TOTALS } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { stems } from '#domain/value-matching';

/** What keeping the review bursts needs of the store. */
export interface ReviewBurstStore
  extends ReviewBurstRepository,
    Pick<SignalRepository, 'signalsBetween'>,
    Pick<RollupRepository, 'rollupsOf'> {}

export interface ReviewBurstsFound {
  /** The bursts anchored on the UTC days of the range, oldest first (some may begin before it or after it on those days). */
  bursts: ReviewBurst[];
  /** UTC days of the range. */
  days: number;
  /** Of those, the days searched now: new, or changed since they were searched. */
  searched: number;
  /** Top-rated reviews read to search them. */
  reviewsRead: number;
}

/**
 * The review bursts anchored on the UTC days that [from, to) (epoch ms) touches: the days searched
 * before and unchanged since are read as they were kept, the others searched now and kept.
 */
export async function reviewBurstsBetween(
  store: ReviewBurstStore,
  profile: Profile,
  analyzer: string,
  range: { from: number; to: number },
  now: Date,
  /** Weekly rollups already read (the digest's): the totals of the weeks they hold are not read again. */
  rollups: readonly Rollup[] = [],
): Promise<ReviewBurstsFound> {
  const days = utcDaysBetween(range.from, range.to);
  const found: ReviewBurstsFound = { bursts: [], days: days.length, searched: 0, reviewsRead: 0 };
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return found;

  const countOf = await topRatedCounts(store, profile, analyzer, { first, last: utcDayAfter(last) }, rollups);
  const dayBefore = utcDayAfter(first, -1);
  const kept = await store.burstDays(analyzer, dayBefore, last);
  const keptDays = new Map(kept.days.map((day) => [day.day, day]));
  const keptBursts = new Map<string, ReviewBurst[]>();
  for (const burst of kept.bursts) {
    const day = utcDayOf(burst.firstAt);
    const ofDay = keptBursts.get(day) ?? [];
    ofDay.push(burst);
    keptBursts.set(day, ofDay);
  }

  // the top-rated reviews of a day are read once, and held (with their stems) while the day and the
  // one before it are searched
  const read = new Map<string, Signal[]>();
  const stemsById = new Map<string, string[]>();
  const stemsOf = (review: Signal): string[] => {
    let words = stemsById.get(review.id);
    if (words === undefined) {
      words = [...new Set(stems(review.text))];
      stemsById.set(review.id, words);
    }
    return words;
  };
  const forget = (day: string): void => {
    for (const review of read.get(day) ?? []) stemsById.delete(review.id);
    read.delete(day);
  };
  // a competitor's reviews (from a source about it) are not the brand's to burst
  const isTheirs = fromCompetitorsSource(profile);
  const isBrandsTopRatedReview = (signal: Signal) => isTopRatedReview(signal) && !isTheirs(signal);
  const reviewsOf = async (day: string): Promise<Signal[]> => {
    let reviews = read.get(day);
    if (reviews === undefined) {
      const start = utcDayStart(day);
      reviews = await store.signalsBetween(
        { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() },
        'review',
        isBrandsTopRatedReview,
      );
      read.set(day, reviews);
      found.reviewsRead += reviews.length;
    }
    return reviews;
  };

  let taken = keptDays.get(dayBefore)?.takenNext ?? [];
  for (const day of days) {
    const next = utcDayAfter(day);
    const counts: BurstDay['counts'] = [countOf(day), countOf(next)];
    const takenBefore = [...taken].sort().join(' ');
    const before = keptDays.get(day);
    if (before !== undefined && isUnchanged(before, counts, takenBefore)) {
      found.bursts.push(...(keptBursts.get(day) ?? []));
      taken = before.takenNext;
      forget(day);
      continue;
    }
    const reviews = [...(await reviewsOf(day)), ...(await reviewsOf(next))];
    const search = findReviewBursts(reviews, {
      from: utcDayStart(day),
      to: utcDayStart(next),
      taken: new Set(taken),
      stemsOf,
      textExpiresAt: (signal) => textExpiresAt(signal.fetchedAt, profile.retention.signalTextDays),
    });
    const takenNext = search.taken
      .filter((review) => review.time >= utcDayStart(next))
      .map((review) => review.id)
      .sort();
    const record: BurstDay = { day, counts, takenBefore, takenNext, searchedAt: now.toISOString() };
    await store.putBurstDay(analyzer, record, search.bursts, dayExpiry(read.get(day) ?? [], profile, now));
    found.bursts.push(...search.bursts);
    found.searched++;
    taken = takenNext;
    forget(day);
  }
  return found;
}

function isUnchanged(before: BurstDay, counts: BurstDay['counts'], takenBefore: string): boolean {
  return (
    counts[0] !== null &&
    counts[1] !== null &&
    before.counts[0] === counts[0] &&
    before.counts[1] === counts[1] &&
    before.takenBefore === takenBefore
  );
}

/**
 * When a day's record may go (epoch seconds): once the text of its last review has expired, there is
 * nothing left to search; a day without reviews is kept as long as a digest looks back.
 */
function dayExpiry(reviews: readonly Signal[], profile: Profile, now: Date): number {
  const lookBack = Math.floor(now.getTime() / 1000) + (ALIGNMENT_RULES.reputationWeeks + 1) * 7 * 86_400;
  return Math.max(
    lookBack,
    ...reviews.map((review) => textExpiresAt(review.fetchedAt, profile.retention.signalTextDays)),
  );
}

/**
 * The scored top-rated reviews of each UTC day from `days.first` to `days.last`, as the weeks' rollups count
 * them: null for every day when a rollup of those weeks was written before they were counted.
 */
async function topRatedCounts(
  store: Pick<RollupRepository, 'rollupsOf'>,
  profile: Profile,
  analyzer: string,
  days: { first: string; last: string },
  known: readonly Rollup[],
): Promise<(day: string) => number | null> {
  const zone = profile.digest.timezone;
  const weeks = isoWeeksFromTo(
    isoWeekOf(new Date(utcDayStart(days.first)), zone),
    isoWeekOf(new Date(utcDayStart(days.last) + DAY_MS - 1), zone),
    zone,
  );
  const held = known.filter((rollup) => rollup.subject === WEEK_TOTALS && weeks.includes(rollup.week));
  const missing = weeks.filter((week) => !held.some((rollup) => rollup.week === week));
  const totals = missing.length === 0 ? held : [...held, ...(await store.rollupsOf(analyzer, missing, [WEEK_TOTALS]))];
  if (totals.some((rollup) => rollup.topRatedReviews === undefined)) return () => null;
  const counts = new Map<string, number>();
  for (const rollup of totals)
    for (const [day, count] of Object.entries(rollup.topRatedReviews ?? {}))
      counts.set(day, (counts.get(day) ?? 0) + count);
  return (day) => counts.get(day) ?? 0;
}

/**
 * Searches the days of these ISO weeks (digest.timezone), and the day before them, whose bursts
 * changed: what local scoring does once a run is done, so that the digest reads the bursts as found.
 */
export async function searchWeeksForReviewBursts(
  store: ReviewBurstStore,
  profile: Profile,
  analyzer: string,
  weeks: readonly string[],
  now: Date,
): Promise<ReviewBurstsFound | undefined> {
  const sorted = [...weeks].sort();
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  if (first === undefined || last === undefined) return undefined;
  const zone = profile.digest.timezone;
  // a day's bursts reach into the next: the day before the first week is searched again when that week changed
  const from = Date.parse(isoWeekRange(first, zone).from) - DAY_MS;
  return reviewBurstsBetween(store, profile, analyzer, { from, to: Date.parse(isoWeekRange(last, zone).to) }, now);
}
