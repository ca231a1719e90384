// Which week a digest reports and how much of it the data covers, against dynalite: old exports,
// data that stops inside a week, quiet live feeds, weeks that are not over, and weeks with nothing.
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { chooseDigestWeek } from '#app/digest-week';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();

const exportSource = {
  id: 'export',
  kind: 'csv',
  path: 'posts.csv',
  channel: 'review',
  columns: { text: 'text' },
} as const;
const feedSource = { id: 'feed', kind: 'rss', url: 'https://news.example/feed', channel: 'news' } as const;
const NOW = new Date('2026-12-04T12:00:00Z'); // a Friday in 2026-W49

async function storeWith(signals: Signal[]): Promise<DynamoStore> {
  const store = table.store({ now: () => NOW });
  await store.saveNewSignals(signals, RETAIN_DAYS);
  return store;
}

/** One export signal a day from `first` to `last` (YYYY-MM-DD, both included), at noon UTC. */
function dailyPosts(first: string, last: string, sourceId = 'export'): Signal[] {
  const signals: Signal[] = [];
  for (let day = Date.parse(`${first}T12:00:00Z`); day <= Date.parse(`${last}T12:00:00Z`); day += 86_400_000) {
    const publishedAt = new Date(day).toISOString();
    signals.push(makeSignal({ key: `${sourceId}-${publishedAt}`, sourceId, publishedAt }));
  }
  return signals;
}

describe('the default digest week', () => {
  it('is the last complete week holding signals, however old the data', async () => {
    // 2015-W07 runs Monday 9 to Sunday 15 February 2015.
    const store = await storeWith(dailyPosts('2015-02-09', '2015-02-15'));
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW);
    expect(chosen.week).toBe('2015-W07');
    expect(chosen.coverage).toEqual({ week: '2015-W07', coveredDays: 7, complete: true });
    expect(chosen.signals).toBe(7);
    expect(chosen.skippedPartialWeeks).toEqual([]);
  });

  it('passes over a week in which the data stops early, and names it', async () => {
    // The export ends on Tuesday 24 February 2015, two days into 2015-W09.
    const store = await storeWith(dailyPosts('2015-02-09', '2015-02-24'));
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW);
    expect(chosen.week).toBe('2015-W08');
    expect(chosen.coverage.complete).toBe(true);
    expect(chosen.skippedPartialWeeks).toEqual([{ week: '2015-W09', coveredDays: 2, complete: false }]);
  });

  it('reports the latest partial week, marked, when no week is complete', async () => {
    const store = await storeWith(dailyPosts('2015-02-23', '2015-02-24'));
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW);
    expect(chosen.week).toBe('2015-W09');
    expect(chosen.coverage).toEqual({ week: '2015-W09', coveredDays: 2, complete: false });
  });

  it('counts a live feed’s quiet days up to its last successful read as covered', async () => {
    // The feed's latest item is from Wednesday of 2026-W48, but it was read on Friday of W49.
    const store = await storeWith(dailyPosts('2026-11-16', '2026-11-25', 'feed'));
    await store.putSourceState({
      sourceId: 'feed',
      validators: {},
      lastCheckedAt: '2026-12-04T11:00:00.000Z',
      lastOutcome: 'unchanged',
      consecutiveFailures: 0,
    });
    const chosen = await chooseDigestWeek(makeProfile([feedSource]), store, NOW);
    expect(chosen.week).toBe('2026-W48');
    expect(chosen.coverage.complete).toBe(true);
  });

  it('does not count the quiet days of an export as covered', async () => {
    const store = await storeWith(dailyPosts('2026-11-16', '2026-11-25'));
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW);
    expect(chosen.week).toBe('2026-W47');
    expect(chosen.skippedPartialWeeks).toEqual([{ week: '2026-W48', coveredDays: 3, complete: false }]);
  });

  it('never reports the week that is not over yet by default', async () => {
    const store = await storeWith(dailyPosts('2026-11-23', '2026-12-04', 'feed'));
    const chosen = await chooseDigestWeek(makeProfile([feedSource]), store, NOW);
    expect(chosen.week).toBe('2026-W48');
  });
});

describe('an asked-for week', () => {
  it('that is not over yet is partial, up to today', async () => {
    const store = await storeWith(dailyPosts('2026-11-23', '2026-12-04', 'feed'));
    const chosen = await chooseDigestWeek(makeProfile([feedSource]), store, NOW, '2026-W49');
    expect(chosen.coverage).toEqual({ week: '2026-W49', coveredDays: 5, complete: false });
    expect(chosen.signals).toBe(5);
  });

  it('without signals says which weeks have them and which week to ask for', async () => {
    const store = await storeWith(dailyPosts('2015-02-09', '2015-02-24'));
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW, '2026-W48');
    expect(chosen.signals).toBe(0);
    expect(chosen.weeksWithData).toEqual({
      first: '2015-W07',
      last: '2015-W09',
      weeks: [
        { week: '2015-W07', signals: 7, coverage: { week: '2015-W07', coveredDays: 7, complete: true } },
        { week: '2015-W08', signals: 7, coverage: { week: '2015-W08', coveredDays: 7, complete: true } },
        { week: '2015-W09', signals: 2, coverage: { week: '2015-W09', coveredDays: 2, complete: false } },
      ],
      suggested: '2015-W08',
    });
  });

  it('without signals, in a store holding years of data, gives the first and last week and no list', async () => {
    const store = await storeWith([
      makeSignal({ key: 'first', sourceId: 'export', publishedAt: '2013-01-09T12:00:00.000Z' }),
      ...dailyPosts('2015-02-09', '2015-02-15'),
    ]);
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW, '2026-W48');
    expect(chosen.weeksWithData).toEqual({ first: '2013-W02', last: '2015-W07', suggested: '2015-W07' });
  });

  it('without signals in an empty store has nothing to suggest', async () => {
    const store = await storeWith([]);
    const chosen = await chooseDigestWeek(makeProfile([exportSource]), store, NOW, '2026-W48');
    expect(chosen).toMatchObject({ week: '2026-W48', signals: 0 });
    expect(chosen.weeksWithData).toBeUndefined();
  });
});
