// A large, seeded history for the alignment engine: 20 values over 52 weeks, about 62,000 mentions
// and 26,000 scored signals. The size test and the benchmark (bench/alignment.ts) share it.
import type { AlignmentInput, AlignmentSignal } from '#domain/alignment/index';
import type { SentimentLabel } from '#domain/analyzer';
import type { ProfileInput } from '#domain/profile';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { at, mention, profileWith, score, signal, seeded } from './builders';

/** A linear congruential generator: the same data on every run, without a library. */

function weeksBetween(firstYearWeek: number, count: number): string[] {
  // 2025-W48 … 2026-W47: 52 consecutive ISO weeks (2025 has 52)
  return Array.from({ length: count }, (_, index) => {
    const week = firstYearWeek + index;
    return week <= 52 ? `2025-W${String(week).padStart(2, '0')}` : `2026-W${String(week - 52).padStart(2, '0')}`;
  });
}

export function largeHistoryInput(): AlignmentInput {
  const random = seeded(20_261_123);
  const weeks = weeksBetween(48, 52);
  const values: ProfileInput['values'] = Array.from({ length: 20 }, (_, index) => ({
    id: `value-${index}`,
    label: `Value ${index}`,
    promise: `Promise ${index}.`,
    aspects: [`aspect${index}`],
    expected: { minNetSentiment: 0.2 },
    weight: 1 + (index % 3),
  }));
  const labels: SentimentLabel[] = ['POSITIVE', 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const channels = ['review', 'social', 'news'] as const;
  const mentions: ValueMention[] = [];
  const scores: SignalScore[] = [];
  const signals = new Map<string, AlignmentSignal>();
  const phrases = Array.from({ length: 400 }, (_, index) => `topic ${index % 40} thing${index}`);
  for (const week of weeks) {
    for (const value of values) {
      for (let index = 0; index < 60; index++) {
        mentions.push(
          mention({
            valueId: value.id,
            label: pick(labels),
            channel: pick(channels),
            publishedAt: at(week, random() * 6.9, 0),
          }),
        );
      }
      mentions.push(mention({ valueId: value.id, label: 'POSITIVE', channel: 'stance', publishedAt: at(week, 1) }));
    }
    for (let index = 0; index < 500; index++) {
      const publishedAt = at(week, random() * 6.9, 0);
      const channel = pick(['review', 'social'] as const);
      const made = signal({
        publishedAt,
        channel,
        text: `Sentence about ${pick(phrases)}. Another sentence.`,
        rating: channel === 'review' ? { value: 1 + Math.floor(random() * 5), best: 5 } : null,
      });
      if (channel === 'review') signals.set(made.id, made);
      scores.push(
        score({
          label: pick(labels),
          publishedAt,
          channel,
          signalId: made.id,
          rating: made.rating,
          keyPhrases: [pick(phrases), pick(phrases), pick(phrases), 'the shop', 'great service'],
        }),
      );
    }
  }
  const profile = profileWith(values);
  return { profile, week: weeks[51] as string, weeks, mentions, scores, signals, previousIndex: 70 };
}
