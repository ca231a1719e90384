// The synthetic brand of the digest scale benchmark (digest-scale.ts): the example brand's profile
// (five values with their aspect words; sources on the review, social, news and stance channels),
// and a seeded week of its signals with their scores and value mentions, as scoring would have
// stored them. No analyzer runs: each value sentence is drawn from the example's sentence pools
// (examples/fernhill/content/), which are written per value and polarity with that value's aspect
// words, and the mention says so; other sentences are the pools' topics no value covers (group
// rides, the Ride app) and the benchmark corpus's fillers, with their slots filled.
//
// A week of N signals: 49% reviews, 42% social posts, 9% news (long texts). The brand's own
// statements do not grow with the volume of what others write: STATEMENTS_PER_WEEK a week, whatever N.
import { isoWeekRange } from '#domain/iso-week';
import type { Channel, Profile } from '#domain/profile';
import { type Signal, signalId } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { mulberry32, REVIEW_POOLS, type Rng, SOCIAL_POOLS } from '../examples/fernhill/generate';
import { FILLERS, fillSlots, NEWS_SENTENCES } from './corpus';

export const SCALE_PROFILE = 'examples/fernhill/brand.yaml';
/** The analyzer the synthetic scores are said to come from. */
export const SCALE_ANALYZER = 'local@synthetic-1';
export const STATEMENTS_PER_WEEK = 3;

type Label = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';
type Pools = Record<string, readonly string[]>;

const POLARITY: Record<Label, string> = { POSITIVE: '+', NEGATIVE: '-', NEUTRAL: '0', MIXED: '-' };
const LABEL_OF: Record<string, Label> = { '+': 'POSITIVE', '-': 'NEGATIVE', '0': 'NEUTRAL' };
/** Pool tags about topics no declared value covers, and the key phrase each gives its signal. */
const OTHER_TOPICS: Record<string, string> = {
  'group-rides+': 'group rides',
  'ride-app-': 'the Ride app',
  chatter: '',
};
const TITLES = ['Great bike', 'Mixed feelings', 'Disappointed', 'Lovely shop', 'Three stars', 'Not again', 'Superb'];
const SOURCES: Record<Channel, readonly string[]> = {
  review: ['shop-reviews', 'review-platform'],
  social: ['social-mentions'],
  news: ['news-search'],
  stance: ['newsroom'],
};

const pick = <T>(random: Rng, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const between = (random: Rng, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** The pools of a value, by polarity sign: the channel's own first, then the other channel's. */
function valuePools(valueId: string, first: Pools, second: Pools): Map<string, string[]> {
  const bySign = new Map<string, string[]>();
  for (const pools of [first, second]) {
    const own = new Map<string, string[]>();
    for (const [tag, sentences] of Object.entries(pools)) {
      // the example's last-day thread (its story 11) is not weekly text: left out, so the brand stays as it was
      if (tag.endsWith(':surge')) continue;
      const match = /^(.+?)([+\-0])(:.*)?$/.exec(tag);
      if (match?.[1] !== valueId || match[2] === undefined) continue;
      own.set(match[2], [...(own.get(match[2]) ?? []), ...sentences]);
    }
    for (const [sign, sentences] of own) if (!bySign.has(sign)) bySign.set(sign, sentences);
  }
  return bySign;
}

/** A sentence about a value with (about) the wanted sentiment; the label follows the sentence's pool. */
function valueSentence(random: Rng, pools: Map<string, string[]>, wanted: Label): { template: string; label: Label } {
  const sign = pools.has(POLARITY[wanted]) ? POLARITY[wanted] : pick(random, [...pools.keys()]);
  const label = wanted === 'MIXED' && sign === '-' ? 'MIXED' : (LABEL_OF[sign] ?? 'NEUTRAL');
  return { template: pick(random, pools.get(sign) ?? ['']), label };
}

function wantedLabel(random: Rng): Label {
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

interface Brand {
  profile: Profile;
  /** Per channel and value: the value's sentence pools by polarity sign. */
  pools: Record<'review' | 'social', Map<string, Map<string, string[]>>>;
}

function brandOf(profile: Profile): Brand {
  const of = (first: Pools, second: Pools) =>
    new Map(profile.values.map((value) => [value.id, valuePools(value.id, first, second)]));
  return { profile, pools: { review: of(REVIEW_POOLS, SOCIAL_POOLS), social: of(SOCIAL_POOLS, REVIEW_POOLS) } };
}

/** Makes one signal, its score and its mentions. */
function makeSignal(random: Rng, brand: Brand, channel: Channel, identity: string, atMs: number): SyntheticChunk {
  const { profile } = brand;
  const sourceId = pick(random, SOURCES[channel]);
  const id = signalId(sourceId, { kind: 'guid', value: identity });
  const publishedAt = new Date(atMs).toISOString();
  const count = channel === 'social' ? between(random, 0, 2) : between(random, 1, 3);
  const values = [...profile.values].sort(() => random() - 0.5).slice(0, count);
  const named = { named: channel !== 'social' };
  const sentences: string[] = [];
  const mentions: ValueMention[] = [];
  const keyPhrases: string[] = [];
  for (const value of values) {
    const pools = brand.pools[channel === 'social' ? 'social' : 'review'].get(value.id);
    const { template, label } =
      channel === 'stance' || pools === undefined || pools.size === 0
        ? { template: value.promise, label: 'POSITIVE' as const }
        : valueSentence(random, pools, wantedLabel(random));
    const sentence = fillSlots(random, template, named).trim();
    sentences.push(channel === 'news' ? `One customer told us: "${sentence}"` : sentence);
    const aspect = value.aspects.find((each) => sentence.toLowerCase().includes(each)) ?? (value.aspects[0] as string);
    keyPhrases.push(aspect);
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
  const others = channel === 'news' ? between(random, 4, 8) : channel === 'review' ? between(random, 0, 3) : 0;
  for (let index = 0; index < others || sentences.length === 0; index++) {
    if (channel === 'news') sentences.push(fillSlots(random, pick(random, NEWS_SENTENCES), named));
    else if (random() < 0.5) sentences.push(fillSlots(random, pick(random, FILLERS), named));
    else {
      const tag = pick(random, Object.keys(OTHER_TOPICS));
      const pools = channel === 'social' ? SOCIAL_POOLS : REVIEW_POOLS;
      sentences.push(fillSlots(random, pick(random, pools[tag] ?? REVIEW_POOLS[tag] ?? FILLERS), named).trim());
      if (OTHER_TOPICS[tag]) keyPhrases.push(OTHER_TOPICS[tag] as string);
    }
  }
  // Social posts name the brand, as every post ingest keeps does.
  const body = sentences.join(' ');
  const text = channel === 'social' && !named.named ? `@fernhillbikes ${body}` : body;
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
    author: channel === 'stance' ? 'Fernhill Bikes' : `customer-${between(random, 1, 400_000)}`,
    publishedAt,
    publishedAtSource: 'feed',
    fetchedAt: new Date(atMs + 3_600_000).toISOString(),
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
    scoredAt: new Date(atMs + 2 * 3_600_000).toISOString(),
    language: 'en',
    sentiment: { label: overall, scores: scoresOf(random, overall) },
    keyPhrases: [...new Set(keyPhrases)],
    rating,
    valueIds: values.map((value) => value.id),
    truncated: false,
    analyzedChars: [...text].length,
  };
  return { signals: [signal], scores: [score], mentions };
}

const channelOf = (roll: number): Channel => (roll < 0.49 ? 'review' : roll < 0.91 ? 'social' : 'news');

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
  const brand = brandOf(profile);
  const range = isoWeekRange(week, profile.digest.timezone);
  const from = Date.parse(range.from);
  const span = Date.parse(range.to) - from;
  // Evenly spread instants with a jitter: in time order without sorting the whole week.
  const at = (index: number, count: number) => from + Math.floor(((index + random()) / count) * span);
  const statements = Array.from({ length: STATEMENTS_PER_WEEK }, (_, index) =>
    makeSignal(random, brand, 'stance', `${week}-statement-${index}`, at(index, STATEMENTS_PER_WEEK)),
  );
  for (let start = 0; start < perWeek; start += chunk) {
    const made: SyntheticChunk = { signals: [], scores: [], mentions: [] };
    if (start === 0) for (const statement of statements) addTo(made, statement);
    for (let index = start; index < Math.min(perWeek, start + chunk); index++) {
      const channel = channelOf(random());
      addTo(made, makeSignal(random, brand, channel, `${week}-${perWeek}-${index}`, at(index, perWeek)));
    }
    yield made;
  }
}

function addTo(into: SyntheticChunk, from: SyntheticChunk): void {
  into.signals.push(...from.signals);
  into.scores.push(...from.scores);
  into.mentions.push(...from.mentions);
}
