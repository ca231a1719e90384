// Finding review bursts a UTC day at a time, each day handing the next the reviews its bursts took,
// finds exactly what one walk over all the days finds: what lets the digest read bursts kept as found.
import { describe, expect, it } from 'vitest';
import { type AlignmentSignal, findReviewBursts, type ReviewBurst, withLiveEvidence } from '#domain/alignment/index';
import { utcDayAfter, utcDaysBetween, utcDayStart } from '#domain/alignment/review-bursts';
import { signal } from './builders';

const DAY_MS = 86_400_000;

/** A small deterministic generator (mulberry32), so the reviews are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = [
  'bike',
  'shop',
  'service',
  'repair',
  'friendly',
  'staff',
  'quick',
  'brilliant',
  'gears',
  'brakes',
  'wheel',
  'saddle',
  'helmet',
  'price',
  'advice',
  'mechanic',
  'delivery',
  'frame',
  'ride',
  'commute',
  'lovely',
  'team',
  'tyre',
  'chain',
  'pedal',
  'fitting',
  'store',
  'online',
  'order',
  'recommend',
];

function review(id: number, time: number, text: string, stars = 5): AlignmentSignal {
  return signal({
    publishedAt: new Date(time).toISOString(),
    text,
    title: `Review ${id}`,
    rating: { value: stars, best: 5 },
    sourceId: id % 3 === 0 ? 'store-reviews' : 'app-reviews',
  });
}

/**
 * Six days of top-rated reviews: clusters of near-identical praise (one word of eight changed at
 * most), some starting late in a day so that they run past midnight, among varied ones.
 */
function sixDaysOfReviews(seed: number, start: number): AlignmentSignal[] {
  const next = random(seed);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)] as string;
  const reviews: AlignmentSignal[] = [];
  let id = 0;
  for (let cluster = 0; cluster < 40; cluster++) {
    const base = Array.from({ length: 8 }, pick);
    const first = start + next() * 6 * DAY_MS;
    const size = 3 + Math.floor(next() * 6);
    for (let member = 0; member < size; member++) {
      const words = [...base];
      if (next() < 0.5) words[Math.floor(next() * words.length)] = pick();
      reviews.push(review(id++, first + next() * 30 * 3_600_000, words.join(' ')));
    }
  }
  for (let other = 0; other < 300; other++)
    reviews.push(review(id++, start + next() * 6 * DAY_MS, Array.from({ length: 8 }, pick).join(' ')));
  return reviews;
}

/** The days searched one after the other, as app/review-bursts.ts does. */
function dayByDay(reviews: readonly AlignmentSignal[], firstDay: string, days: number): ReviewBurst[] {
  const bursts: ReviewBurst[] = [];
  let taken = new Set<string>();
  for (let day = firstDay, index = 0; index < days; day = utcDayAfter(day), index++) {
    const [from, to] = [utcDayStart(day), utcDayStart(utcDayAfter(day))];
    // what the store returns for the day and the next: their top-rated reviews, nothing else
    const held = reviews.filter((each) => {
      const time = Date.parse(each.publishedAt);
      return time >= from && time < to + DAY_MS;
    });
    const found = findReviewBursts(held, { from, to, taken });
    bursts.push(...found.bursts);
    taken = new Set(found.taken.filter((each) => each.time >= to).map((each) => each.id));
  }
  return bursts;
}

describe('finding review bursts a day at a time', () => {
  const start = utcDayStart('2026-11-16');

  it('finds exactly the bursts of one walk over all the days, on several draws of reviews', () => {
    let acrossMidnight = 0;
    let total = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const reviews = sixDaysOfReviews(seed, start);
      const whole = findReviewBursts(reviews, { from: start, to: start + 6 * DAY_MS }).bursts;
      expect(dayByDay(reviews, '2026-11-16', 6)).toEqual(whole);
      total += whole.length;
      acrossMidnight += whole.filter((burst) => burst.firstAt.slice(0, 10) !== burst.lastAt.slice(0, 10)).length;
    }
    // the draws hold bursts, and bursts that run into the next day, whose reviews that day must not reuse
    expect(total).toBeGreaterThan(20);
    expect(acrossMidnight).toBeGreaterThan(3);
  });

  it('lets no review taken by the day before’s burst anchor or join one of its own', () => {
    const texts = (count: number, at: number) =>
      Array.from({ length: count }, (_, index) =>
        review(100 + at + index, at + index * 600_000, 'best bike shop ever amazing service highly recommend'),
      );
    // five on the evening of the 16th, four more alike after midnight: all nine form one burst
    const evening = texts(5, utcDayStart('2026-11-17') - 3_600_000);
    const morning = texts(4, utcDayStart('2026-11-17') + 3_600_000);
    const reviews = [...evening, ...morning];
    const first = findReviewBursts(reviews, { from: start, to: utcDayStart('2026-11-17') });
    expect(first.bursts.map((burst) => burst.reviews)).toEqual([9]);
    const handed = new Set(first.taken.map((each) => each.id));
    expect(
      findReviewBursts(reviews, { from: utcDayStart('2026-11-17'), to: utcDayStart('2026-11-18'), taken: handed })
        .bursts,
    ).toEqual([]);
    // one more alike on the morning of the 17th: five there, a burst of their own unless the 16th took four
    const more = [...reviews, ...texts(1, utcDayStart('2026-11-17') + 2 * 3_600_000)];
    const next = { from: utcDayStart('2026-11-17'), to: utcDayStart('2026-11-18') };
    expect(findReviewBursts(more, next).bursts.map((burst) => burst.reviews)).toEqual([5]);
    expect(findReviewBursts(more, { ...next, taken: handed }).bursts).toEqual([]);
  });

  it('keeps a quote until its review’s text expires, and the burst while a quote is left', () => {
    const reviews = Array.from({ length: 5 }, (_, index) =>
      // the same words, told apart by their exclamation marks: a burst quotes distinct texts
      review(
        index,
        start + index * 600_000,
        `best bike shop ever amazing service highly recommend${'!'.repeat(index)}`,
      ),
    );
    const expiry = new Map(reviews.map((each, index) => [each.id, 1_000 + index]));
    const [burst] = findReviewBursts(reviews, {
      from: start,
      to: start + DAY_MS,
      textExpiresAt: (each) => expiry.get(each.id),
    }).bursts;
    expect(burst?.evidence).toHaveLength(3);
    const expiries = (burst?.evidence ?? []).map((each) => each.expiresAt as number).sort();
    expect(withLiveEvidence(burst as ReviewBurst, expiries[0] as number)?.evidence).toHaveLength(2);
    expect(withLiveEvidence(burst as ReviewBurst, expiries[2] as number)).toBeUndefined();
  });
});

describe('UTC days', () => {
  it('lists the days a range touches, the last being the day of its last instant', () => {
    const from = Date.parse('2026-11-16T23:00:00.000Z');
    expect(utcDaysBetween(from, Date.parse('2026-11-18T00:00:00.000Z'))).toEqual(['2026-11-16', '2026-11-17']);
    expect(utcDaysBetween(from, Date.parse('2026-11-18T00:00:00.001Z'))).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
    ]);
    expect(utcDaysBetween(from, from)).toEqual([]);
    expect(utcDayAfter('2026-12-31')).toBe('2027-01-01');
    expect(utcDayAfter('2026-03-01', -1)).toBe('2026-02-28');
  });
});
