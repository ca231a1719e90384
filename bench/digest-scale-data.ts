// The synthetic brand of the digest scale benchmark (digest-scale.ts): the example brand's profile
// (five values with their aspect words; sources on the review, social, news and stance channels),
// and a seeded week of its signals with their scores and value mentions, as scoring would have
// stored them. No analyzer runs: each sentence is written to mention one value's aspect word with a
// chosen sentiment, and the score and mention say so. Texts are short review and social sentences.
//
// A week of N signals: 49% reviews, 42% social posts, 9% news (long texts). The brand's own
// statements do not grow with the volume of what others write: STATEMENTS_PER_WEEK a week, whatever N.
import { isoWeekRange } from '#domain/iso-week';
import type { Channel, Profile } from '#domain/profile';
import { type Signal, signalId } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { mulberry32, type Rng } from '../examples/fernhill/generator/random';

export const SCALE_PROFILE = 'examples/fernhill/brand.yaml';
/** The analyzer the synthetic scores are said to come from. */
export const SCALE_ANALYZER = 'local@synthetic-1';
export const STATEMENTS_PER_WEEK = 3;

type Label = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

const PRAISE = ['was excellent', 'was spot on', 'could not have been better', 'was quick and friendly', 'is great'];
const COMPLAINTS = ['was awful', 'was a joke', 'took far too long', 'was really disappointing', 'is a rip-off'];
const NEUTRAL = ['was as expected', 'was fine, nothing special', 'happened on a Tuesday', 'is what it is'];
const MIXED = ['was good but slow', 'was friendly but expensive', 'started well and went wrong'];
const PHRASES: Record<Label, readonly string[]> = {
  POSITIVE: PRAISE,
  NEGATIVE: COMPLAINTS,
  NEUTRAL,
  MIXED,
};
/** Sentences that mention no value; their words are what key phrases and undeclared themes come from. */
const FILLERS = [
  'I ride about twenty miles a week, mostly commuting.',
  'The saddle was uncomfortable for the first month.',
  'The app keeps logging me out.',
  'The colour is exactly as in the photos.',
  'The gears click a lot in the cold.',
  'We use the bikes for the school run most days.',
  'The lights stopped working after the rain.',
  'Parking at the Leeds shop is impossible.',
];
const TOPICS = ['saddle', 'the app', 'gears', 'lights', 'parking', 'paint', 'school run', 'commuting', 'colour'];
const TITLES = ['Great bike', 'Mixed feelings', 'Disappointed', 'Lovely shop', 'Three stars', 'Not again'];
const SOURCES: Record<Channel, readonly string[]> = {
  review: ['shop-reviews', 'review-platform'],
  social: ['social-mentions'],
  news: ['news-search'],
  stance: ['newsroom'],
};

const pick = <T>(random: Rng, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const between = (random: Rng, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function labelOf(random: Rng, channel: Channel): Label {
  if (channel === 'stance') return 'POSITIVE';
  const roll = random();
  return roll < 0.45 ? 'POSITIVE' : roll < 0.8 ? 'NEGATIVE' : roll < 0.95 ? 'NEUTRAL' : 'MIXED';
}

function scoresOf(random: Rng, label: Label) {
  const strong = 0.6 + random() * 0.39;
  const rest = (1 - strong) / 3;
  const scores = { positive: rest, negative: rest, neutral: rest, mixed: rest };
  scores[label.toLowerCase() as keyof typeof scores] = strong;
  return scores;
}

/** A seed per week and scale: each week is generated alone, the same on every run. */
function seedOf(week: string, perWeek: number): number {
  let hash = 0x811c9dc5 ^ perWeek;
  for (const char of week) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

export interface SyntheticChunk {
  signals: Signal[];
  scores: SignalScore[];
  mentions: ValueMention[];
}

/** Makes one signal, its score and its mentions. */
function makeSignal(
  random: Rng,
  profile: Profile,
  channel: Channel,
  identity: string,
  publishedAtMs: number,
): SyntheticChunk {
  const sourceId = pick(random, SOURCES[channel]);
  const id = signalId(sourceId, { kind: 'guid', value: identity });
  const publishedAt = new Date(publishedAtMs).toISOString();
  const scoredAt = new Date(publishedAtMs + 2 * 3_600_000).toISOString();
  const valueCount =
    channel === 'news' ? between(random, 1, 3) : channel === 'social' ? between(random, 0, 2) : between(random, 1, 3);
  const values = [...profile.values].sort(() => random() - 0.5).slice(0, valueCount);
  const sentences: string[] = [];
  const mentions: ValueMention[] = [];
  for (const value of values) {
    const label = labelOf(random, channel);
    const aspect = pick(random, value.aspects);
    const sentence =
      channel === 'stance'
        ? `${value.promise}`
        : `The ${aspect} ${pick(random, PHRASES[label])}${channel === 'social' ? ' @fernhillbikes' : ''}.`;
    sentences.push(sentence);
    const scores = scoresOf(random, label);
    mentions.push({
      signalId: id,
      valueId: value.id,
      sourceId,
      channel,
      publishedAt,
      analyzer: SCALE_ANALYZER,
      sentiment: { label, scores },
      net: Math.max(-1, Math.min(1, scores.positive - scores.negative)),
      excerpts: [sentence],
      matchedBy: [{ words: aspect, term: aspect }],
    });
  }
  const fillers = channel === 'news' ? between(random, 6, 12) : channel === 'review' ? between(random, 0, 3) : 0;
  for (let index = 0; index < fillers || sentences.length === 0; index++) sentences.push(pick(random, FILLERS));
  if (channel === 'social' && mentions.length === 0) sentences.push('@fernhillbikes');
  const text = sentences.sort(() => random() - 0.5).join(' ');
  const overall: Label = mentions[0]?.sentiment.label ?? 'NEUTRAL';
  const rating =
    channel === 'review'
      ? {
          value: overall === 'POSITIVE' ? between(random, 4, 5) : overall === 'NEGATIVE' ? between(random, 1, 2) : 3,
          best: 5,
        }
      : null;
  const signal: Signal = {
    id,
    sourceId,
    channel,
    url: `https://${sourceId}.example/${identity}`,
    title: channel === 'review' ? pick(random, TITLES) : channel === 'stance' ? 'A statement from Fernhill Bikes' : '',
    text,
    author: channel === 'stance' ? 'Fernhill Bikes' : `customer-${between(random, 1, 40_000)}`,
    publishedAt,
    publishedAtSource: 'feed',
    fetchedAt: new Date(publishedAtMs + 3_600_000).toISOString(),
    rating,
    language: 'en',
  };
  const score: SignalScore = {
    status: 'scored',
    signalId: id,
    analyzer: SCALE_ANALYZER,
    sourceId,
    channel,
    publishedAt,
    scoredAt,
    language: 'en',
    sentiment: { label: overall, scores: scoresOf(random, overall) },
    keyPhrases: [
      ...values.map((value) => pick(random, value.aspects)),
      pick(random, TOPICS),
      ...(random() < 0.5 ? [pick(random, TOPICS)] : []),
    ],
    rating,
    valueIds: values.map((value) => value.id),
    truncated: false,
    analyzedChars: [...text].length,
  };
  return { signals: [signal], scores: [score], mentions };
}

const CHANNEL_OF = (roll: number): Channel => (roll < 0.49 ? 'review' : roll < 0.91 ? 'social' : 'news');

/**
 * A week's signals of a brand at `perWeek` signals a week, with their scores and mentions, `chunk`
 * signals at a time in time order, so that a caller holds one chunk at once. The brand's statements
 * (STATEMENTS_PER_WEEK) come on top of `perWeek`, in the first chunk.
 */
export function* syntheticWeek(
  profile: Profile,
  week: string,
  perWeek: number,
  chunk: number,
): Generator<SyntheticChunk> {
  const random = mulberry32(seedOf(week, perWeek));
  const range = isoWeekRange(week, profile.digest.timezone);
  const from = Date.parse(range.from);
  const span = Date.parse(range.to) - from;
  // Evenly spread instants with a jitter: in time order without sorting the whole week.
  const at = (index: number, count: number) => from + Math.floor(((index + random()) / count) * span);
  const statements = Array.from({ length: STATEMENTS_PER_WEEK }, (_, index) =>
    makeSignal(random, profile, 'stance', `${week}-statement-${index}`, at(index, STATEMENTS_PER_WEEK)),
  );
  for (let start = 0; start < perWeek; start += chunk) {
    const made: SyntheticChunk = { signals: [], scores: [], mentions: [] };
    if (start === 0) for (const statement of statements) addTo(made, statement);
    for (let index = start; index < Math.min(perWeek, start + chunk); index++) {
      const channel = CHANNEL_OF(random());
      addTo(made, makeSignal(random, profile, channel, `${week}-${perWeek}-${index}`, at(index, perWeek)));
    }
    yield made;
  }
}

function addTo(into: SyntheticChunk, from: SyntheticChunk): void {
  into.signals.push(...from.signals);
  into.scores.push(...from.scores);
  into.mentions.push(...from.mentions);
}
