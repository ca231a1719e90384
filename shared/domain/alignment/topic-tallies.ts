// What the topic rules need of a week's reviews and social posts, counted as they are scored: per
// topic key (a run of stems inside a normalised key phrase, topics.ts), how many signals hold it by
// channel and label, on which days, how many of them say it inside a value's sentences, who said it,
// how customers write the whole phrase, and which signals could be quoted for it. A week of tallies
// is what the weekly rollup of the week's totals keeps (rollup.ts), so the digest counts topics over
// four weeks without reading any single post; only the few quoted posts are read back.
//
// Bounded for big brands, exact for the rest:
// - the keys held by most signals are kept per week (ties by key), at most TOPIC_KEYS_KEPT of them
//   in TOPIC_CHARS_KEPT of JSON; a week with more is marked `capped`, and a rare key's count may
//   then miss that week's signals;
// - authors are kept as hashes, the AUTHORS_KEPT smallest (a bottom-k sketch: merging keeps it
//   exact); beyond that the number of distinct authors is estimated from the k-th smallest hash;
// - per label and source, the three most telling quotable signals of distinct text, which is all that
//   pickEvidence can choose from (as with the rollups' quotes);
// - per whole phrase, its three most frequent spellings.
// Merging weeks' tallies adds counts and unites sets, in any order; below the caps it is exact.
import { z } from 'zod';
import type { SentimentLabel } from '../analyzer';
import { addLabelCounts, countLabelIn, type LabelCounts, LabelCountsSchema } from '../label-counts';
import { containsSequence, splitSentences, stems } from '../value-matching';
import { keepTelling, quoteOf } from './evidence';

/** Keys kept per week: far more than the topics any digest shows, few enough to keep a week's tallies small. */
export const TOPIC_KEYS_KEPT = 800;
/**
 * Characters of JSON a week's tallies may take: the rollup that carries them is one DynamoDB item,
 * at most 400 KB with everything else it holds. Keys held by many signals carry many authors and
 * quotable signals, so a busy week reaches this before TOPIC_KEYS_KEPT.
 */
export const TOPIC_CHARS_KEPT = 200_000;
/** Author hashes kept per key: up to this many distinct authors are counted exactly. */
export const AUTHORS_KEPT = 48;
/** Quotable signals kept per key, label and source. */
export const TOPIC_REFS_PER_SOURCE = 3;
/** Spellings kept per whole phrase. */
export const SURFACES_KEPT = 3;

/** Signals holding a key: how many, how many positive, how many negative. */
export type TopicCounts = LabelCounts;

export const TopicRefSchema = z.object({
  signalId: z.string(),
  sourceId: z.string(),
  channel: z.enum(['review', 'social']),
  label: z.enum(['POSITIVE', 'NEGATIVE']),
  publishedAt: z.iso.datetime(),
  /** The signal's score in the direction of its label. */
  strength: z.number(),
  /** The signal's rating as evidence shows it ("4/5"), or null. */
  rating: z.string().nullable(),
  /** A hash of the quoted sentence: quotes of the same text are told apart without keeping the text. */
  quoteHash: z.string(),
});
export type TopicRef = z.infer<typeof TopicRefSchema>;

export const TopicTallySchema = z.object({
  /** The key's stems, joined by spaces. */
  key: z.string(),
  review: LabelCountsSchema,
  social: LabelCountsSchema,
  /** Days of the week (bit 0 = Monday) on which a signal held it. */
  days: z.number().int().min(0).max(127),
  /** Signals holding it inside one of their value sentences. */
  inValue: z.number().int().min(0),
  /** The smallest AUTHORS_KEPT author hashes, ascending; `authorsMore` when there were more. */
  authors: z.array(z.string()),
  authorsMore: z.boolean(),
  /** When the key is a whole normalised phrase: how often each spelling was written (the commonest kept). */
  surfaces: z.record(z.string(), z.number().int().min(1)),
  refs: z.array(TopicRefSchema),
});
export type TopicTally = z.infer<typeof TopicTallySchema>;

export const WeekTopicsSchema = z.object({
  tallies: z.array(TopicTallySchema),
  /** Set when keys were dropped to stay within TOPIC_KEYS_KEPT: rare keys' counts are then lower bounds. */
  capped: z.boolean(),
  /** When the latest text counted expires (epoch seconds); absent when some text never does. */
  expiresAt: z.number().optional(),
});
export type WeekTopics = z.infer<typeof WeekTopicsSchema>;

/** A normalised key phrase (topics.ts normaliseKeyPhrase): its words as written and their stems. */
export interface TopicPhrase {
  words: readonly string[];
  stems: readonly string[];
}

/** One scored review or social post, as the tallies count it. */
export interface TopicSource {
  signalId: string;
  sourceId: string;
  channel: 'review' | 'social';
  publishedAt: string;
  day: number;
  label: SentimentLabel;
  scores: { positive: number; negative: number };
  /** Its author, or null (the signal then counts as its own author). */
  author: string | null;
  /** Its text, when there is some to quote. */
  text: string | undefined;
  rating: string | null;
  phrases: readonly TopicPhrase[];
  /** The excerpts of its value mentions, as stems. */
  valueSentences: readonly (readonly string[])[];
  /** When its text expires (epoch seconds). */
  expiresAt: number | undefined;
}

/** A 32-bit hash (FNV-1a, then murmur3's finaliser), as 8 hex digits. */
function hash32(text: string, seed: number): string {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const authorHash = (author: string) => hash32(author, 0);
export const quoteHashOf = (quote: string) => `${hash32(quote, 1)}${hash32(quote, 2)}`;

/** The sentence of a text that speaks of a topic (holds its stems in a row), or undefined. */
export function topicSentence(text: string, topicStems: readonly string[]): string | undefined {
  return splitSentences(text).find((each) => containsSequence(stems(each), topicStems));
}

const keepRefs = (refs: readonly TopicRef[]) =>
  keepTelling(
    refs,
    (ref) => `${ref.label}\u0000${ref.sourceId}`,
    (ref) => ref.quoteHash,
    TOPIC_REFS_PER_SOURCE,
  );

/** The smallest AUTHORS_KEPT of a set of hashes, and whether there were more. */
export function keepAuthors(hashes: Iterable<string>, more: boolean): { authors: string[]; authorsMore: boolean } {
  const sorted = [...new Set(hashes)].sort();
  return { authors: sorted.slice(0, AUTHORS_KEPT), authorsMore: more || sorted.length > AUTHORS_KEPT };
}

/** Distinct authors behind a merged tally: exact below AUTHORS_KEPT, else estimated from the k-th smallest hash. */
export function authorCount(tally: Pick<TopicTally, 'authors' | 'authorsMore'>): number {
  if (!tally.authorsMore) return tally.authors.length;
  const kth = Number.parseInt(tally.authors[tally.authors.length - 1] as string, 16);
  return Math.max(tally.authors.length, Math.round(((tally.authors.length - 1) * 2 ** 32) / (kth + 1)));
}

function keepSurfaces(surfaces: ReadonlyMap<string, number>): Record<string, number> {
  const kept = [...surfaces]
    .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .slice(0, SURFACES_KEPT);
  return Object.fromEntries(kept);
}

const heldBy = (tally: TopicTally) => tally.review[0] + tally.social[0];

/** Keeps the keys held by most signals, at most TOPIC_KEYS_KEPT of them in TOPIC_CHARS_KEPT, in key order. */
function capped(tallies: TopicTally[], alreadyCapped: boolean): WeekTopics {
  const byHolders = tallies.sort((a, b) => heldBy(b) - heldBy(a) || a.key.localeCompare(b.key));
  let chars = 0;
  let kept = 0;
  while (kept < byHolders.length && kept < TOPIC_KEYS_KEPT) {
    chars += JSON.stringify(byHolders[kept]).length + 1;
    if (chars > TOPIC_CHARS_KEPT) break;
    kept++;
  }
  return {
    tallies: byHolders.slice(0, kept).sort((a, b) => a.key.localeCompare(b.key)),
    capped: alreadyCapped || kept < byHolders.length,
  };
}

function laterExpiry(a: number | undefined, b: number | undefined, first: boolean): number | undefined {
  if (first) return b;
  if (a === undefined || b === undefined) return undefined;
  return Math.max(a, b);
}

/** A key's tally while sources or parts are added to it: its sets kept whole until `finished`. */
interface Building {
  tally: TopicTally;
  authors: Set<string>;
  surfaces: Map<string, number>;
  refs: TopicRef[];
}

const building = (key: string): Building => ({
  tally: {
    key,
    review: [0, 0, 0],
    social: [0, 0, 0],
    days: 0,
    inValue: 0,
    authors: [],
    authorsMore: false,
    surfaces: {},
    refs: [],
  },
  authors: new Set(),
  surfaces: new Map(),
  refs: [],
});

/** The tallies built, their sets cut to what is kept, the week capped and given its expiry. */
function finished(entries: Iterable<Building>, wasCapped: boolean, expiresAt: number | undefined): WeekTopics {
  const tallies = [...entries].map(({ tally, authors, surfaces, refs }) => ({
    ...tally,
    ...keepAuthors(authors, tally.authorsMore),
    surfaces: keepSurfaces(surfaces),
    refs: keepRefs(refs),
  }));
  const week = capped(tallies, wasCapped);
  return expiresAt === undefined ? week : { ...week, expiresAt };
}

function keysOf(phraseStems: readonly string[]): string[] {
  const keys: string[] = [];
  for (let start = 0; start < phraseStems.length; start++)
    for (let end = start + 1; end <= phraseStems.length; end++) keys.push(phraseStems.slice(start, end).join(' '));
  return keys;
}

/** One week's tallies of scored reviews and social posts. */
export function topicTallies(sources: readonly TopicSource[]): WeekTopics {
  const entries = new Map<string, Building>();
  let expiresAt: number | undefined;
  sources.forEach((source, index) => {
    expiresAt = laterExpiry(expiresAt, source.expiresAt, index === 0);
    const keys = new Set<string>();
    const surfaces = new Map<string, string>();
    for (const phrase of source.phrases) {
      if (phrase.stems.length === 0) continue;
      for (const key of keysOf(phrase.stems)) keys.add(key);
      const whole = phrase.stems.join(' ');
      if (!surfaces.has(whole)) surfaces.set(whole, phrase.words.join(' '));
    }
    const author = authorHash(source.author ?? source.signalId);
    const sentenceTexts = source.text === undefined ? [] : splitSentences(source.text);
    const sentences = sentenceTexts.map((each) => stems(each));
    // a sentence holding several keys is quoted once
    const quoteHashes: Array<string | undefined> = [];
    for (const key of keys) {
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = building(key);
        entries.set(key, entry);
      }
      const { tally } = entry;
      countLabelIn(tally[source.channel], source.label);
      tally.days |= 1 << source.day;
      const keyStems = key.split(' ');
      if (source.valueSentences.some((sentence) => containsSequence(sentence, keyStems))) tally.inValue += 1;
      entry.authors.add(author);
      const surface = surfaces.get(key);
      if (surface !== undefined) entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
      if ((source.label === 'POSITIVE' || source.label === 'NEGATIVE') && source.text !== undefined) {
        const at = sentences.findIndex((sentence) => containsSequence(sentence, keyStems));
        if (at >= 0) {
          quoteHashes[at] ??= quoteHashOf(quoteOf(sentenceTexts[at] as string));
          entry.refs.push({
            signalId: source.signalId,
            sourceId: source.sourceId,
            channel: source.channel,
            label: source.label,
            publishedAt: source.publishedAt,
            strength: source.label === 'POSITIVE' ? source.scores.positive : source.scores.negative,
            rating: source.rating,
            quoteHash: quoteHashes[at] as string,
          });
        }
      }
    }
  });
  return finished(entries.values(), false, expiresAt);
}

/** Weeks' (or batches') tallies merged into one: counts added, sets united, caps applied again. */
export function mergeTopicTallies(parts: readonly WeekTopics[]): WeekTopics {
  const merged = new Map<string, Building>();
  let expiresAt: number | undefined;
  let wasCapped = false;
  parts.forEach((part, index) => {
    expiresAt = laterExpiry(expiresAt, part.expiresAt, index === 0);
    wasCapped ||= part.capped;
    for (const tally of part.tallies) {
      let entry = merged.get(tally.key);
      if (entry === undefined) {
        entry = building(tally.key);
        merged.set(tally.key, entry);
      }
      const into = entry.tally;
      for (const channel of ['review', 'social'] as const) addLabelCounts(into[channel], tally[channel]);
      into.days |= tally.days;
      into.inValue += tally.inValue;
      into.authorsMore ||= tally.authorsMore;
      for (const author of tally.authors) entry.authors.add(author);
      for (const [surface, count] of Object.entries(tally.surfaces))
        entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + count);
      entry.refs.push(...tally.refs);
    }
  });
  return finished(merged.values(), wasCapped, expiresAt);
}
