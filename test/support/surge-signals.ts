// A surge for detection to find on a real store: four quiet weeks of posts about free repairs on two
// social sources, then a day of angry ones, scored with the local analyzer. The alert function's
// test stores it for a brand of its own in each test, so that every test starts without alert state.
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { score } from '#app/score';
import type { Analyzer } from '#domain/analyzer';
import type { Profile, ProfileInput } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { RETAIN_DAYS } from './retention';
import { makeSignal } from './signals';

const HOUR = 3_600_000;

/** The two social sources the posts come from. */
export const SURGE_SOURCES: ProfileInput['sources'] = [
  { id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' },
  { id: 'mastodon', kind: 'rss', url: 'https://mastodon.example/feed', channel: 'social' },
];

/** The value the posts are about, as the alert tests declare it. */
export const FREE_REPAIRS: NonNullable<ProfileInput['values']>[number] = {
  id: 'free-repairs',
  label: 'Free repairs for life',
  promise: 'Every bike we sell is repaired free for life.',
  aspects: ['repair'],
  expected: { minNetSentiment: 0.3 },
};

/** Wednesday 18 November 2026: the surge fills the 24 hours before noon (UTC, London's time in November). */
export const SURGE_WINDOW = { from: '2026-11-17T12:00:00.000Z', to: '2026-11-18T12:00:00.000Z' };

const PRAISE = 'Fernhill fixed my repair for free again, brilliant service, love it.';
const GRUMBLE = 'Fernhill repair took a while, a bit disappointing.';
const ANGER = [
  'Fernhill charged me 80 pounds for a repair they promised free for life. Disgraceful, awful.',
  'So angry: Fernhill now refuses free repair on my bike, terrible, a total lie.',
  'Fernhill repair "for life" is a scam, they wanted money, awful experience.',
];

/**
 * The posts: one five weeks before (so every hour compared with is known), 12 in the same 24 hours
 * of each of the four weeks before (2 of them grumbles), and 21 in the window, 15 of them angry.
 */
export function surgeSignals(): Signal[] {
  const windowStart = Date.parse(SURGE_WINDOW.from);
  const signals: Signal[] = [];
  const post = (at: number, text: string) => {
    const index = signals.length + 1;
    signals.push(
      makeSignal({
        key: `post-${index}`,
        sourceId: index % 2 === 0 ? 'x' : 'mastodon',
        channel: 'social',
        title: text.slice(0, 30),
        publishedAt: new Date(at).toISOString(),
        text,
      }),
    );
  };
  post(windowStart - 35 * 24 * HOUR, PRAISE);
  for (const weeks of [1, 2, 3, 4]) {
    const start = windowStart - weeks * 7 * 24 * HOUR;
    for (let index = 0; index < 12; index++) post(start + (index * 2 + 0.5) * HOUR, index < 2 ? GRUMBLE : PRAISE);
  }
  for (let index = 0; index < 21; index++)
    post(windowStart + (index + 0.5) * HOUR, index < 6 ? PRAISE : `${ANGER[index % 3]} (${index})`);
  return signals;
}

let analyzer: Analyzer | undefined;

/** The local analyzer the surge is scored with, made once (it loads its models). */
export function surgeAnalyzer(): Analyzer {
  analyzer ??= createLocalAnalyzer();
  return analyzer;
}

/** Stores the surge's posts in `store` and scores them with surgeAnalyzer against `profile`'s values. */
export async function storeScoredSurge(store: DynamoStore, profile: Profile): Promise<void> {
  await store.saveNewSignals(surgeSignals(), RETAIN_DAYS);
  await score(profile, { store, analyzer: surgeAnalyzer(), now: () => new Date(SURGE_WINDOW.to) });
}
