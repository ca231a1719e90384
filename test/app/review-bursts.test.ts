// Review bursts kept as found, a UTC day at a time, in the real store: a day is searched once, and
// again only when reviews were scored on it or on the next day since, or the day before found others.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { reviewBurstsBetween, searchWeeksForReviewBursts } from '#app/review-bursts';
import { score } from '#app/score';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { WEEK_TOTALS } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();
const analyzer = createLocalAnalyzer();
const key = analyzerKey(analyzer);
const now = new Date('2026-11-23T09:00:00.000Z');

const profile: Profile = makeProfile(
  [{ id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' }],
  { retention: { signalTextDays: RETAIN_DAYS } },
);

// Monday 9 to Sunday 15 November 2026 (UTC, the profile's time zone)
const WEEK = { from: Date.parse('2026-11-09T00:00:00.000Z'), to: Date.parse('2026-11-16T00:00:00.000Z') };
const PRAISE = 'Best bike shop ever, amazing service, highly recommend';

let made = 0;
function topRated(publishedAt: string, text: string): Signal {
  made++;
  return makeSignal({ key: `review-${made}`, publishedAt, text, rating: { value: 5, best: 5 } });
}

/** Five near-identical top-rated reviews from `start`, ten minutes apart. */
function burstAt(start: string): Signal[] {
  return Array.from({ length: 5 }, (_, index) =>
    topRated(new Date(Date.parse(start) + index * 600_000).toISOString(), `${PRAISE}${'!'.repeat(index + 1)}`),
  );
}

async function storeAndScore(store: DynamoStore, signals: Signal[]): Promise<string[]> {
  await store.saveNewSignals(signals, RETAIN_DAYS);
  const report = await score(profile, { store, analyzer, now: () => now });
  return report.weeks;
}

describe('review bursts kept as found', () => {
  let store: DynamoStore;

  beforeAll(async () => {
    store = table.store();
    await storeAndScore(store, [
      ...burstAt('2026-11-10T14:00:00.000Z'),
      topRated('2026-11-12T09:00:00.000Z', 'The mechanic trued my wheel while I waited.'),
      topRated('2026-11-13T17:30:00.000Z', 'Lovely staff, they remembered my name.'),
    ]);
  });

  it('searches every day the first time, then reads the bursts as found without a review', async () => {
    const first = await reviewBurstsBetween(store, profile, key, WEEK, now);
    expect(first).toMatchObject({ days: 7, searched: 7, reviewsRead: 7 });
    expect(first.bursts.map((burst) => [burst.firstAt, burst.reviews])).toEqual([['2026-11-10T14:00:00.000Z', 5]]);
    expect(first.bursts[0]?.evidence).toHaveLength(3);

    const again = await reviewBurstsBetween(store, profile, key, WEEK, now);
    expect(again).toMatchObject({ days: 7, searched: 0, reviewsRead: 0 });
    expect(again.bursts).toEqual(first.bursts);
  });

  it('searches again only the day new reviews were scored on and the day before it', async () => {
    await reviewBurstsBetween(store, profile, key, WEEK, now);
    // a second burst on Thursday 12th: Wednesday's bursts may reach into it, so Wednesday is searched too
    const weeks = await storeAndScore(store, burstAt('2026-11-12T20:00:00.000Z'));
    expect(weeks).toEqual(['2026-W46']);
    const after = await reviewBurstsBetween(store, profile, key, WEEK, now);
    expect(after).toMatchObject({ searched: 2 });
    expect(after.bursts.map((burst) => burst.firstAt)).toEqual([
      '2026-11-10T14:00:00.000Z',
      '2026-11-12T20:00:00.000Z',
    ]);
  });

  it('searches a day again when the day before’s bursts took other reviews of it', async () => {
    const own = table.store();
    // Saturday 14th: five alike from 23:20, the last just after midnight; then three more alike on Sunday
    await storeAndScore(own, [
      ...burstAt('2026-11-14T23:20:00.000Z'),
      ...burstAt('2026-11-15T10:00:00.000Z').slice(0, 3),
    ]);
    const first = await reviewBurstsBetween(own, profile, key, WEEK, now);
    // the 14th's burst took all of Sunday's: eight alike within 24 hours of its first
    expect(first.bursts.map((burst) => [burst.firstAt, burst.reviews])).toEqual([['2026-11-14T23:20:00.000Z', 8]]);
    // one review more on Saturday morning, unlike the others: the 14th's search starts the same, and
    // finds the same burst, so Sunday, which the 14th hands the same reviews, is not searched again
    await storeAndScore(own, [topRated('2026-11-14T08:00:00.000Z', 'Quick puncture repair, fair price.')]);
    const after = await reviewBurstsBetween(own, profile, key, WEEK, now);
    expect(after).toMatchObject({ searched: 2 });
    expect(after.bursts).toEqual(first.bursts);
  });

  it('searches every day every time when the rollups were written before they counted top-rated reviews', async () => {
    const own = table.store();
    await storeAndScore(own, burstAt('2026-11-11T08:00:00.000Z'));
    const rollups = await own.rollupsOf(key, ['2026-W46'], [WEEK_TOTALS]);
    await own.replaceRollups(
      key,
      rollups.map(({ topRatedReviews: _counts, ...rollup }) => rollup),
    );
    await reviewBurstsBetween(own, profile, key, WEEK, now);
    const again = await reviewBurstsBetween(own, profile, key, WEEK, now);
    expect(again).toMatchObject({ searched: 7 });
    expect(again.bursts.map((burst) => burst.firstAt)).toEqual(['2026-11-11T08:00:00.000Z']);
  });

  it('leaves out a burst once the text of every review it quotes has expired', async () => {
    const brandId = table.freshBrand();
    const own = table.store({ brandId });
    await storeAndScore(own, burstAt('2026-11-11T08:00:00.000Z'));
    const found = await reviewBurstsBetween(own, profile, key, WEEK, now);
    const expiry = Math.max(...(found.bursts[0]?.evidence ?? []).map((each) => each.expiresAt as number));
    const later = table.store({ brandId, now: () => new Date(expiry * 1000 + 1000) });
    expect((await later.burstDays(key, '2026-11-09', '2026-11-15')).bursts).toEqual([]);
    expect((await own.burstDays(key, '2026-11-09', '2026-11-15')).bursts).toHaveLength(1);
  });

  it('is what local scoring searches for the weeks it scored', async () => {
    const own = table.store();
    const weeks = await storeAndScore(own, burstAt('2026-11-13T12:00:00.000Z'));
    const searched = await searchWeeksForReviewBursts(own, profile, key, weeks, now);
    // the week and the Sunday before it
    expect(searched).toMatchObject({ days: 8, searched: 8 });
    expect(await reviewBurstsBetween(own, profile, key, WEEK, now)).toMatchObject({ searched: 0 });
  });
});
