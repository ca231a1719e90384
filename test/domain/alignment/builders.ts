// Builders for the alignment tests: mentions, scores and signals with only what a test cares about
// spelt out, placed in ISO weeks of 2026 (UTC, the test profile's time zone).
import type { SentimentLabel } from '#domain/analyzer';
import type { AlignmentInput, AlignmentSignal } from '#domain/alignment/index';
import { isoWeekRange } from '#domain/iso-week';
import { type Rollup, rollupsOf } from '#domain/rollup';
import type { Channel, Profile, ProfileInput } from '#domain/profile';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { makeProfile } from '#test/support/profile';

export const ANALYZER = 'local@test';

/** Consecutive ISO weeks of 2026, e.g. weeksOf(40, 47). */
export function weeksOf(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => `2026-W${String(first + index).padStart(2, '0')}`);
}

/** An instant `days` (fractions allowed) after the Monday 00:00 UTC that starts the week. */
export function at(week: string, days = 2, hours = 10): string {
  let start = weekStarts.get(week);
  if (start === undefined) {
    start = Date.parse(isoWeekRange(week, 'UTC').from);
    weekStarts.set(week, start);
  }
  return new Date(start + days * 86_400_000 + hours * 3_600_000).toISOString();
}
// isoWeekRange builds time-zone formatters on each call: cache it for tests that make thousands of items
const weekStarts = new Map<string, number>();

const SCORES: Record<SentimentLabel, { positive: number; negative: number; neutral: number; mixed: number }> = {
  POSITIVE: { positive: 0.97, negative: 0.01, neutral: 0.02, mixed: 0 },
  NEGATIVE: { positive: 0.01, negative: 0.97, neutral: 0.02, mixed: 0 },
  NEUTRAL: { positive: 0, negative: 0, neutral: 1, mixed: 0 },
  MIXED: { positive: 0.3, negative: 0.3, neutral: 0.02, mixed: 0.38 },
};

export function sentimentOf(label: SentimentLabel) {
  return { label, scores: SCORES[label] };
}

const NET: Record<SentimentLabel, number> = { POSITIVE: 0.96, NEGATIVE: -0.96, NEUTRAL: 0, MIXED: 0 };

let counter = 0;
export function nextId(prefix = 's'): string {
  counter += 1;
  return `${prefix}${String(counter).padStart(31 - prefix.length, '0')}`;
}

export interface MentionSpec {
  valueId: string;
  label: SentimentLabel;
  publishedAt: string;
  channel?: Channel;
  sourceId?: string;
  excerpt?: string;
  signalId?: string;
}

export function mention(spec: MentionSpec): ValueMention {
  const channel = spec.channel ?? 'review';
  const signalId = spec.signalId ?? nextId('m');
  return {
    signalId,
    valueId: spec.valueId,
    sourceId: spec.sourceId ?? `${channel}-source`,
    channel,
    publishedAt: spec.publishedAt,
    analyzer: ANALYZER,
    sentiment: sentimentOf(spec.label),
    net: NET[spec.label],
    excerpts: [spec.excerpt ?? `${spec.label.toLowerCase()} words about ${spec.valueId} in ${signalId}`],
  };
}

/** `count` mentions of one value and label in a week, spread over its days. */
export function mentions(
  valueId: string,
  week: string,
  counts: Partial<Record<SentimentLabel, number>>,
  channel: Channel = 'review',
): ValueMention[] {
  const list: ValueMention[] = [];
  for (const [label, count] of Object.entries(counts) as Array<[SentimentLabel, number]>) {
    for (let index = 0; index < count; index++) {
      list.push(mention({ valueId, label, channel, publishedAt: at(week, (index % 7) + 0.01 * list.length) }));
    }
  }
  return list;
}

export interface ScoreSpec {
  label: SentimentLabel;
  publishedAt: string;
  keyPhrases?: string[];
  channel?: Channel;
  rating?: { value: number; best: number } | null;
  signalId?: string;
  sourceId?: string;
  /** The label's typical scores (sentimentOf) when omitted. */
  sentiment?: Extract<SignalScore, { status: 'scored' }>['sentiment'];
  valueIds?: string[];
  analyzedChars?: number;
}

export function score(spec: ScoreSpec): Extract<SignalScore, { status: 'scored' }> {
  const channel = spec.channel ?? 'review';
  return {
    status: 'scored',
    signalId: spec.signalId ?? nextId('c'),
    analyzer: ANALYZER,
    sourceId: spec.sourceId ?? `${channel}-source`,
    channel,
    publishedAt: spec.publishedAt,
    scoredAt: spec.publishedAt,
    language: 'en',
    sentiment: spec.sentiment ?? sentimentOf(spec.label),
    keyPhrases: spec.keyPhrases ?? [],
    rating: spec.rating ?? null,
    valueIds: spec.valueIds ?? [],
    truncated: false,
    analyzedChars: spec.analyzedChars ?? 100,
  };
}

export function signal(spec: Partial<AlignmentSignal> & { publishedAt: string }): AlignmentSignal {
  const channel = spec.channel ?? 'review';
  return {
    id: spec.id ?? nextId('g'),
    sourceId: spec.sourceId ?? `${channel}-source`,
    channel,
    title: spec.title ?? '',
    text: spec.text ?? '',
    rating: spec.rating ?? null,
    publishedAt: spec.publishedAt,
  };
}

/** A profile with the given values (minMentions 10, confidence 0.9, divergence 0.2 unless overridden). */
export function profileWith(values: ProfileInput['values'], thresholds: ProfileInput['thresholds'] = {}): Profile {
  return makeProfile(
    [
      { id: 'review-source', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
      { id: 'social-source', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
      { id: 'stance-source', kind: 'rss', url: 'https://news.example/feed', channel: 'stance' },
    ],
    { values, thresholds: { minMentions: 10, confidence: 0.9, divergence: 0.2, ...thresholds } },
  );
}

export const REPAIRS = {
  id: 'free-repairs',
  label: 'Free repairs for life',
  promise: 'Repaired free for life.',
  aspects: ['repair', 'workshop'],
  expected: { minNetSentiment: 0.3 },
};

export const PRICING = {
  id: 'honest-pricing',
  label: 'Honest prices',
  promise: 'No hidden fees.',
  aspects: ['price'],
  expected: { minNetSentiment: 0.2 },
};

/** An input with sensible empty defaults. */
export function inputOf(partial: Partial<AlignmentInput> & { profile: Profile; weeks: string[] }): AlignmentInput {
  const signals = partial.signals ?? new Map<string, AlignmentSignal>();
  return {
    week: partial.weeks[partial.weeks.length - 1] as string,
    mentions: [],
    scores: [],
    previousIndex: null,
    ...partial,
    signals,
  };
}

export function mapOf(signals: AlignmentSignal[]): Map<string, AlignmentSignal> {
  return new Map(signals.map((each) => [each.id, each]));
}

/** A seeded pseudo-random generator (a linear congruential one): the same numbers on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
}

/** The weekly rollups (UTC) of these mentions and their signals' scores, as scoring would keep them. */
export function rollupsFrom(...parts: Array<{ mentions: ValueMention[]; scores: SignalScore[] }>): Rollup[] {
  return rollupsOf({
    zone: 'UTC',
    analyzer: ANALYZER,
    scores: parts.flatMap((part) => part.scores),
    mentions: parts.flatMap((part) => part.mentions),
    signals: new Map(),
  });
}
