// What the Comprehend fault tests share: a dynalite store holding a handful of reviews, a mocked
// Comprehend that labels them by keyword, the score use case run at a given clock, and what it
// stored. Each fault file calls useComprehendFaults() once at its top.
import { afterEach, beforeEach, vi } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { score, type ScoreReport } from '#app/score';
import { analyzerKey, type Analyzer } from '#domain/analyzer';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import {
  type FakeComprehendModel,
  keyPhraseLists,
  sentimentLists,
  useMockedComprehend,
} from '#test/support/comprehend-fake';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '#test/support/profile';
import { RETAIN_DAYS } from '#test/support/retention';
import { makeSignal } from '#test/support/signals';

const NOVEMBER = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
export const KEY = analyzerKey({ name: 'comprehend', version: '1' });
/** The clock of each run, so a stored score tells which run wrote it. */
export const FIRST_RUN = new Date('2026-11-23T10:00:00.000Z');
export const SECOND_RUN = new Date('2026-11-23T11:00:00.000Z');
export const THIRD_RUN = new Date('2026-11-23T12:00:00.000Z');
/** What `congruence score --analyzer comprehend` passes: one use-case batch per 25 signals. */
export const CLI_BATCH_SIZE = 25;

const profile = makeProfile([
  { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
]);

/**
 * Review n: one sentence, unique to it. Every third mentions a repair (the declared value); that
 * sentence is the whole text, so Comprehend gets it once, as the document.
 */
export function reviewText(n: number): string {
  return n % 3 === 0 ? `The free repair of bike ${n} was quick, I love it.` : `Bike ${n} arrived late and scratched.`;
}

/** The fake's key phrases: "bike <n>" for review n. */
export const MODEL: Partial<FakeComprehendModel> = {
  keyPhrases: (text) => [{ Text: `bike ${/\d+/.exec(text)?.[0] ?? '?'}`, Score: 0.99, BeginOffset: 0, EndOffset: 6 }],
};

export const textsOf = (signals: Signal[]) => signals.map((signal) => signal.text);

export function useComprehendFaults() {
  const table = useLocalTable();
  // Only this client is mocked: the throttling case points the SDK's own client at a local endpoint.
  const mocked = useMockedComprehend({ everyClient: false });
  const { comprehend } = mocked;
  let store: DynamoStore;
  beforeEach(() => {
    store = table.store({ now: () => THIRD_RUN });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function storedScores(): Promise<SignalScore[]> {
    return store.scoresBetween(NOVEMBER, KEY);
  }

  return {
    comprehend,
    sleeps: mocked.sleeps,
    /** This test's store. */
    store: () => store,
    mockedAnalyzer: () => mocked.analyzer(3),
    sentimentLists: () => sentimentLists(comprehend),
    keyPhraseLists: () => keyPhraseLists(comprehend),
    storedScores,

    /** Reviews 0..count-1, published a minute apart, so the store returns them in this order. */
    async storeReviews(
      count: number,
      text: (n: number) => string = reviewText,
      overrides: (n: number) => Partial<Signal> = () => ({}),
    ): Promise<Signal[]> {
      const signals = Array.from({ length: count }, (_, n) =>
        makeSignal({
          key: `review-${n}`,
          title: '',
          text: text(n),
          publishedAt: new Date(Date.UTC(2026, 10, 10, 9, n)).toISOString(),
          ...overrides(n),
        }),
      );
      await store.saveNewSignals(signals, RETAIN_DAYS);
      return signals;
    },

    run(analyzer: Analyzer, at: Date, batchSize?: number): Promise<ScoreReport> {
      return score(profile, { store, analyzer, now: () => at }, batchSize === undefined ? {} : { batchSize });
    },

    /** signal id -> when its score was written; a signal scored twice would show the later run. */
    async scoredAtById(): Promise<Map<string, string>> {
      return new Map((await storedScores()).map((each) => [each.signalId, each.scoredAt]));
    },
  };
}
