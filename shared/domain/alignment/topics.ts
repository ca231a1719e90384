// Topics customers raise that no declared value covers, found in the key phrases of reviews and
// social posts. A key phrase is lower-cased, stripped of leading determiners ("the support chat" →
// "support chat") and of judging words at either end ("great advice" → "advice"), and counted once
// per signal. A signal speaks of a topic when one of its phrases contains the topic's words, compared
// on stems ("saturday group rides" speaks of "group ride"). The brand's own names are never topics.
// A topic is content: a phrase made only of filler (topic-words.ts: "thanks", "the help", "your
// ceo"), of the brand's names, hashtags, handles, links or numbers proposes none. And a theme is
// something several customers say on several days: a topic needs ALIGNMENT_RULES.topicMinAuthors
// distinct authors and topicMinDays distinct days, so one chatty account or one burst is not a theme.
import type { Profile } from '../profile';
import type { Rollup } from '../rollup';
import type { SignalScore } from '../signal-score';
import { containsSequence, stems, WORD } from '../value-matching';
import type { ValueMention } from '../value-mention';
import { addLabelCounts } from '../label-counts';
import { lastWeeks, type WeekCalendar } from './calendar';
import { ALIGNMENT_RULES } from './rules';
import { wilsonInterval } from './statistics';
import { quoteOf, ratingText, type Direction, type EvidenceCandidate } from './evidence';
import {
  authorCount,
  keepAuthors,
  type TopicCounts,
  type TopicRef,
  type TopicSource,
  topicSentence,
  type WeekTopics,
} from './topic-tallies';
import { isFillerTopic } from './topic-words';
import type { AlignmentSignal } from './types';

const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'some',
  'any',
  'each',
  'every',
  'no',
  'all',
  'both',
  'another',
  'such',
]);

// Words that judge or fill rather than name a thing: a key-phrase extractor returns "great stuff",
// "top marks" or a lone "love", and none of them is a topic. Compared on stems.
const NOT_TOPIC_WORDS = new Set(
  stems(
    'great good best better nice lovely love loved excellent brilliant superb fantastic wonderful amazing awesome ' +
      'perfect happy pleased glad top mark marks star stars experience stuff thing things lot bit ' +
      'bad poor worst worse awful terrible horrible rubbish useless annoying frustrating disappointing disappointed ' +
      'infuriating appalling miserable disaster mess middling mixed half fun new real whole',
  ),
);

/** A normalised key phrase: its words as written (lower case) and their stems, aligned. */
export interface NormalisedPhrase {
  words: string[];
  stems: string[];
}

// Hashtags, handles and links, as written: the platform's markup, never part of a topic.
const MARKUP = /(?:https?:\/\/|www\.)\S*|[#@][\p{L}\p{N}_.@-]*/giu;
const NUMBER = /^\p{N}+$/u;

/** A key phrase as topic words: without markup, numbers, leading determiners and judging words at either end; empty when only filler is left. */
export function normaliseKeyPhrase(phrase: string): NormalisedPhrase {
  const text = phrase.toLowerCase().replace(MARKUP, ' ');
  let words: string[] = (text.match(WORD) ?? []).filter((word) => !NUMBER.test(word));
  while (words.length > 0 && DETERMINERS.has(words[0] as string)) words = words.slice(1);
  let phraseStems = stems(words.join(' '));
  let start = 0;
  let end = phraseStems.length;
  while (start < end && NOT_TOPIC_WORDS.has(phraseStems[start] as string)) start++;
  while (end > start && NOT_TOPIC_WORDS.has(phraseStems[end - 1] as string)) end--;
  words = words.slice(start, end);
  phraseStems = phraseStems.slice(start, end);
  if (isFillerTopic(phraseStems)) return { words: [], stems: [] };
  return { words, stems: phraseStems };
}

const keyOf = (phraseStems: readonly string[]) => phraseStems.join(' ');

type ScoredSignal = Extract<SignalScore, { status: 'scored' }>;

/** Reviews and social posts of a week of the window: how many, how many positive, how many negative. */
export interface TopicChannelTotals {
  review: TopicCounts;
  social: TopicCounts;
}

/**
 * What the topic rules read of the window: per week of the calendar, the topic tallies (absent for
 * weeks outside the window or without reviews and posts) and the reviews and posts counted.
 */
export interface TopicWindow {
  weeks: ReadonlyArray<WeekTopics | undefined>;
  totals: readonly TopicChannelTotals[];
}

export interface TopicFigure {
  key: string;
  stems: string[];
  /** How customers write it most often, e.g. "group rides". */
  label: string;
  /** Reviews and posts of the window that speak of it. */
  signals: number;
  /** Distinct authors among them (a signal without an author counts as its own). */
  authors: number;
  /** Whether `authors` is estimated: the tallies keep the 48 smallest author hashes, exact up to 48. */
  authorsEstimated: boolean;
  positive: number;
  negative: number;
  /** Signals per week of the calendar. */
  perWeek: number[];
  /**
   * The positive and negative shares these signals would have if the topic made no difference: the
   * mean, over its signals, of the share among all review or social signals of the window (as the
   * signal's channel).
   */
  baseline: { positive: number; negative: number };
  /** Signals that say it inside a value's sentences. */
  inValueSentences: number;
  /** The signals that could be quoted for it. */
  refs: TopicRef[];
}

/**
 * How far the topic's share of signals in a direction stands above the other reviews and posts'
 * beyond noise: the Wilson lower bound of its share minus theirs. Above 0: warmer (or colder) than
 * the rest, the test the topic flags and the undeclared themes share.
 */
export function shareAboveBaseline(figure: TopicFigure, direction: Direction, z: number): number {
  const count = direction === 'positive' ? figure.positive : figure.negative;
  return (wilsonInterval(count, figure.signals, z)?.low ?? 0) - figure.baseline[direction];
}

export interface TopicContext {
  calendar: WeekCalendar;
  /** Weeks of the topic window (calendar indices). */
  windowWeeks: number[];
  /** Reviews and social posts per week of the calendar (in the window; 0 before it): what a topic's weekly count is a share of. */
  signalsPerWeek: number[];
  figures: TopicFigure[];
  /** Whether a declared value already covers the topic: by its aspects, or because the topic is mostly said inside a value's sentences. */
  coveredByValue(figure: TopicFigure): boolean;
  /** Whether any of the brand's stance statements in the history uses the topic's words. */
  mentionedInStance(figure: TopicFigure): boolean;
  /** Quotes: the sentence of each signal that speaks of the topic, in the given direction. */
  candidates(figure: TopicFigure, direction: Direction): EvidenceCandidate[];
}

/** Names of the brand (name, aliases, handles, domains) as stem sequences, longest first. */
function brandTerms(profile: Profile): string[][] {
  const { brand } = profile;
  const terms = [
    brand.name,
    ...brand.aliases,
    ...brand.handles.map((handle) => handle.replace(/^@/, '').split('@')[0] ?? ''),
    ...brand.domains,
  ]
    .map((term) => stems(term))
    .filter((term) => term.length > 0);
  // each word of the brand's name too: "airlines" of United Airlines, "bikes" of Fernhill Bikes name
  // what the brand is, which its customers talk about in every other post (aliases may name
  // products, "Fernhill Ride app", and are kept whole)
  const nameWords = stems(brand.name).map((stem) => [stem]);
  return [...terms, ...nameWords].sort((a, b) => b.length - a.length);
}

/** The phrase's stems with every occurrence of the brand's names taken out. */
function withoutBrandNames(phraseStems: readonly string[], brand: readonly string[][]): string[] {
  const rest: string[] = [];
  for (let index = 0; index < phraseStems.length; ) {
    const name = brand.find((term) => term.every((stem, offset) => phraseStems[index + offset] === stem));
    if (name === undefined) rest.push(phraseStems[index++] as string);
    else index += name.length;
  }
  return rest;
}

/** Whether a phrase says something besides the brand's names and filler ("fernhill thanks" does not). */
function hasContent(phrase: NormalisedPhrase, brand: readonly string[][]): boolean {
  return !isFillerTopic(withoutBrandNames(phrase.stems, brand));
}

/** The topics a phrase proposes: the phrase itself unless it is only the brand's names and filler, and what follows a leading brand name. */
function proposedTopics(phrase: NormalisedPhrase, brand: readonly string[][]): NormalisedPhrase[] {
  if (!hasContent(phrase, brand)) return [];
  const proposals: NormalisedPhrase[] = [phrase];
  const prefix = brand.find(
    (term) => term.length < phrase.stems.length && term.every((stem, index) => phrase.stems[index] === stem),
  );
  if (prefix !== undefined) {
    const rest = normaliseKeyPhrase(phrase.words.slice(prefix.length).join(' '));
    if (rest.stems.length > 0 && hasContent(rest, brand)) proposals.push(rest);
  }
  return proposals;
}

/** A scored review or social post as the topic tallies count it. */
export function topicSourceOf(
  score: ScoredSignal & { channel: 'review' | 'social' },
  signal: (Pick<AlignmentSignal, 'rating'> & Partial<Pick<AlignmentSignal, 'author' | 'text'>>) | undefined,
  valueExcerpts: readonly string[],
  day: number,
  expiresAt: number | undefined,
): TopicSource {
  return {
    signalId: score.signalId,
    sourceId: score.sourceId,
    channel: score.channel,
    publishedAt: score.publishedAt,
    day,
    label: score.sentiment.label,
    scores: score.sentiment.scores,
    author: signal?.author ?? null,
    text: signal?.text,
    rating: ratingText(score.rating ?? signal?.rating),
    phrases: score.keyPhrases.map(normaliseKeyPhrase),
    valueSentences: valueExcerpts.map((excerpt) => stems(excerpt)),
    expiresAt,
  };
}

export const isTopicScore = (score: SignalScore): score is ScoredSignal & { channel: 'review' | 'social' } =>
  score.status === 'scored' && (score.channel === 'review' || score.channel === 'social');

/** The excerpts of each signal's value mentions (stance statements aside): where a topic said inside a value's sentences is that value's. */
export function valueExcerptsBySignal(mentions: readonly ValueMention[]): Map<string, string[]> {
  const excerpts = new Map<string, string[]>();
  for (const mention of mentions) {
    if (mention.channel === 'stance') continue;
    const list = excerpts.get(mention.signalId) ?? [];
    list.push(...mention.excerpts);
    excerpts.set(mention.signalId, list);
  }
  return excerpts;
}

const noCounts = (): TopicChannelTotals => ({ review: [0, 0, 0], social: [0, 0, 0] });

/** The window's tallies as the weekly rollups of the week's totals keep them, given by week of the calendar. */
export function topicWindowOfRollups(
  calendar: WeekCalendar,
  weekTotals: ReadonlyArray<Pick<Rollup, 'days' | 'topics'> | undefined>,
): TopicWindow {
  const windowWeeks = new Set(lastWeeks(calendar, ALIGNMENT_RULES.topicWeeks));
  const weeks: Array<WeekTopics | undefined> = calendar.weeks.map(() => undefined);
  const totals = calendar.weeks.map(noCounts);
  calendar.weeks.forEach((_, index) => {
    const rollup = weekTotals[index];
    if (!windowWeeks.has(index) || rollup === undefined) return;
    weeks[index] = rollup.topics;
    const into = totals[index] as TopicChannelTotals;
    for (const channel of ['review', 'social'] as const)
      for (const day of rollup.days[channel]) addLabelCounts(into[channel], day);
  });
  return { weeks, totals };
}

interface Proposal {
  stems: string[];
  surfaces: Map<string, number>;
}

/** The topics the window's whole phrases propose, with how often each spelling was written. */
function proposalsOf(window: TopicWindow, brand: readonly string[][]): Map<string, Proposal> {
  const proposals = new Map<string, Proposal>();
  for (const week of window.weeks) {
    for (const tally of week?.tallies ?? []) {
      for (const [surface, count] of Object.entries(tally.surfaces)) {
        const phrase: NormalisedPhrase = { words: surface.split(' '), stems: tally.key.split(' ') };
        for (const topic of proposedTopics(phrase, brand)) {
          const key = keyOf(topic.stems);
          const entry = proposals.get(key) ?? { stems: topic.stems, surfaces: new Map<string, number>() };
          const written = topic.words.join(' ');
          entry.surfaces.set(written, (entry.surfaces.get(written) ?? 0) + count);
          proposals.set(key, entry);
        }
      }
    }
  }
  return proposals;
}

export interface TopicInput {
  profile: Profile;
  calendar: WeekCalendar;
  /** The window's tallies (topicWindowOfRollups). */
  window: TopicWindow;
  /** Stance statements of the history, and the signals that may be quoted. */
  signals: ReadonlyMap<string, AlignmentSignal>;
  /** Topics with fewer signals in the window are not worked out. */
  minSignals: number;
}

const bitCount = (bits: number) => {
  let count = 0;
  for (let rest = bits; rest > 0; rest >>= 1) count += rest & 1;
  return count;
};

/** The topics of the window's reviews and social posts, each counted once per signal. */
export function topicContext(input: TopicInput): TopicContext {
  const { calendar, profile } = input;
  const windowWeeks = lastWeeks(calendar, ALIGNMENT_RULES.topicWeeks);
  const { window } = input;
  const brand = brandTerms(profile);

  const channelShares = { review: [0, 0, 0], social: [0, 0, 0] } as TopicChannelTotals;
  const signalsPerWeek = calendar.weeks.map(() => 0);
  for (const week of windowWeeks) {
    const totals = window.totals[week] ?? noCounts();
    for (const channel of ['review', 'social'] as const) addLabelCounts(channelShares[channel], totals[channel]);
    signalsPerWeek[week] = totals.review[0] + totals.social[0];
  }

  const byKey = window.weeks.map((week) => new Map((week?.tallies ?? []).map((tally) => [tally.key, tally])));
  const figures: TopicFigure[] = [];
  for (const [key, proposal] of proposalsOf(window, brand)) {
    const held = windowWeeks.flatMap((week) => {
      const tally = byKey[week]?.get(key);
      return tally === undefined ? [] : [{ week, tally }];
    });
    const signals = held.reduce((sum, { tally }) => sum + tally.review[0] + tally.social[0], 0);
    if (signals === 0 || signals < input.minSignals) continue;
    // estimated beyond AUTHORS_KEPT, and never more than the signals they wrote
    const kept = keepAuthors(
      held.flatMap(({ tally }) => tally.authors),
      held.some(({ tally }) => tally.authorsMore),
    );
    const authors = Math.min(signals, authorCount(kept));
    if (authors < ALIGNMENT_RULES.topicMinAuthors) continue;
    if (held.reduce((sum, { tally }) => sum + bitCount(tally.days), 0) < ALIGNMENT_RULES.topicMinDays) continue;
    const perWeek = calendar.weeks.map(() => 0);
    const own = { review: [0, 0, 0], social: [0, 0, 0] } as TopicChannelTotals;
    let inValueSentences = 0;
    for (const { week, tally } of held) {
      perWeek[week] = tally.review[0] + tally.social[0];
      for (const channel of ['review', 'social'] as const) addLabelCounts(own[channel], tally[channel]);
      inValueSentences += tally.inValue;
    }
    // the rest of the window's signals of the same channels, weighted as the topic's signals are
    const baseline = { positive: 0, negative: 0 };
    for (const channel of ['review', 'social'] as const) {
      const [n, positive, negative] = own[channel];
      if (n === 0) continue;
      const [allN, allPositive, allNegative] = channelShares[channel];
      const rest = allN - n;
      if (rest <= 0) continue;
      baseline.positive += ((allPositive - positive) / rest) * (n / signals);
      baseline.negative += ((allNegative - negative) / rest) * (n / signals);
    }
    const label =
      [...proposal.surfaces].sort(
        (a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]),
      )[0]?.[0] ?? key;
    figures.push({
      key,
      stems: proposal.stems,
      label,
      signals,
      authors,
      authorsEstimated: kept.authorsMore,
      positive: own.review[1] + own.social[1],
      negative: own.review[2] + own.social[2],
      perWeek,
      baseline,
      inValueSentences,
      refs: held.flatMap(({ tally }) => tally.refs),
    });
  }
  figures.sort((a, b) => b.signals - a.signals || a.stems.length - b.stems.length || a.key.localeCompare(b.key));

  const aspects = profile.values
    .flatMap((value) => value.aspects.map((aspect) => stems(aspect)))
    .filter((aspect) => aspect.length > 0);
  let stanceStems: string[][] | undefined;
  const stanceStemsOf = () => {
    stanceStems ??= [...input.signals.values()]
      .filter((signal) => signal.channel === 'stance' && calendar.weekIndexOf(Date.parse(signal.publishedAt)) >= 0)
      .map((signal) => stems(`${signal.title}\n${signal.text}`));
    return stanceStems;
  };

  return {
    calendar,
    windowWeeks,
    signalsPerWeek,
    figures,
    coveredByValue(figure) {
      if (aspects.some((aspect) => containsSequence(figure.stems, aspect) || containsSequence(aspect, figure.stems)))
        return true;
      return figure.inValueSentences > ALIGNMENT_RULES.topicInValueSentencesShare * figure.signals;
    },
    mentionedInStance(figure) {
      return stanceStemsOf().some((statement) => containsSequence(statement, figure.stems));
    },
    candidates(figure, direction) {
      const label = direction === 'positive' ? 'POSITIVE' : 'NEGATIVE';
      return figure.refs.flatMap((ref) => {
        if (ref.label !== label) return [];
        const signal = input.signals.get(ref.signalId);
        if (signal === undefined) return [];
        const sentence = topicSentence(signal.text, figure.stems);
        if (sentence === undefined) return [];
        return [
          {
            signalId: ref.signalId,
            quote: quoteOf(sentence),
            title: signal.title,
            sourceId: ref.sourceId,
            channel: ref.channel,
            publishedAt: ref.publishedAt,
            rating: ref.rating,
            time: Date.parse(ref.publishedAt),
            strength: ref.strength,
          },
        ];
      });
    },
  };
}

/** The signals the topic rules may quote: those of every topic no value covers. The digest reads them before the rules run. */
export function quotableTopicSignals(context: TopicContext): string[] {
  const ids = new Set<string>();
  for (const figure of context.figures)
    if (!context.coveredByValue(figure)) for (const ref of figure.refs) ids.add(ref.signalId);
  return [...ids];
}

/** Keeps the first of topics that overlap (one's words inside the other's), in the order given. */
export function distinctTopics(figures: readonly TopicFigure[]): TopicFigure[] {
  const kept: TopicFigure[] = [];
  for (const figure of figures) {
    if (kept.some((each) => containsSequence(each.stems, figure.stems) || containsSequence(figure.stems, each.stems)))
      continue;
    kept.push(figure);
  }
  return kept;
}
