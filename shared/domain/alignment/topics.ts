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
import { dayOfWeek } from '../rollup';
import type { SignalScore } from '../signal-score';
import { containsSequence, splitSentences, stems, WORD } from '../value-matching';
import type { ValueMention } from '../value-mention';
import { lastWeeks, type WeekCalendar } from './calendar';
import { ALIGNMENT_RULES } from './rules';
import { wilsonInterval } from './statistics';
import { quoteOf, ratingText, type Direction, type EvidenceCandidate } from './evidence';
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

export interface TopicSignal {
  score: ScoredSignal;
  time: number;
  week: number;
  /** Who wrote it: the signal's author, or its id when the author is unknown. */
  author: string;
  /** Day of the calendar (week × 7 + day of the week, in the profile's time zone). */
  day: number;
}

export interface TopicFigure {
  key: string;
  stems: string[];
  /** How customers write it most often, e.g. "group rides". */
  label: string;
  occurrences: TopicSignal[];
  /** Distinct authors among the occurrences (a signal without an author counts as its own). */
  authors: number;
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
}

/**
 * How far the topic's share of signals in a direction stands above the other reviews and posts'
 * beyond noise: the Wilson lower bound of its share minus theirs. Above 0: warmer (or colder) than
 * the rest, the test the topic flags and the undeclared themes share.
 */
export function shareAboveBaseline(figure: TopicFigure, direction: Direction, z: number): number {
  const count = direction === 'positive' ? figure.positive : figure.negative;
  return (wilsonInterval(count, figure.occurrences.length, z)?.low ?? 0) - figure.baseline[direction];
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

function subsequenceKeys(phraseStems: readonly string[]): string[] {
  const keys: string[] = [];
  for (let start = 0; start < phraseStems.length; start++) {
    for (let end = start + 1; end <= phraseStems.length; end++) keys.push(keyOf(phraseStems.slice(start, end)));
  }
  return keys;
}

/** The calendar day of an instant in a week (week × 7 + its day of the week, cut as the rollups cut them). */
function dayOf(calendar: WeekCalendar, week: number, time: number): number {
  return week * 7 + dayOfWeek(calendar.startOf(week), calendar.endOf(week), time);
}

export interface TopicInput {
  profile: Profile;
  calendar: WeekCalendar;
  scores: readonly SignalScore[];
  mentions: readonly ValueMention[];
  signals: ReadonlyMap<string, AlignmentSignal>;
  /** Topics with fewer signals in the window are not worked out. */
  minSignals: number;
}

/** Counts every candidate topic of the window's reviews and social posts once per signal. */
export function topicContext(input: TopicInput): TopicContext {
  const { calendar, profile } = input;
  const windowWeeks = lastWeeks(calendar, ALIGNMENT_RULES.topicWeeks);
  const windowStart = calendar.startOf(windowWeeks[0] ?? calendar.last);
  const brand = brandTerms(profile);

  const topicSignals: TopicSignal[] = [];
  const bySubsequence = new Map<string, Set<number>>();
  const proposals = new Map<string, { stems: string[]; surfaces: Map<string, number> }>();
  for (const score of input.scores) {
    if (score.status !== 'scored' || (score.channel !== 'review' && score.channel !== 'social')) continue;
    const time = Date.parse(score.publishedAt);
    if (time < windowStart) continue;
    const week = calendar.weekIndexOf(time);
    if (week < 0) continue;
    const author = input.signals.get(score.signalId)?.author ?? score.signalId;
    const index = topicSignals.push({ score, time, week, author, day: dayOf(calendar, week, time) }) - 1;
    const seenKeys = new Set<string>();
    const seenProposals = new Set<string>();
    for (const raw of score.keyPhrases) {
      const phrase = normaliseKeyPhrase(raw);
      if (phrase.stems.length === 0) continue;
      for (const key of subsequenceKeys(phrase.stems)) {
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
        const holders = bySubsequence.get(key) ?? new Set<number>();
        holders.add(index);
        bySubsequence.set(key, holders);
      }
      for (const topic of proposedTopics(phrase, brand)) {
        const key = keyOf(topic.stems);
        if (seenProposals.has(key)) continue;
        seenProposals.add(key);
        const entry = proposals.get(key) ?? { stems: topic.stems, surfaces: new Map<string, number>() };
        const surface = topic.words.join(' ');
        entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
        proposals.set(key, entry);
      }
    }
  }

  const channelShares = new Map<string, { n: number; positive: number; negative: number }>();
  for (const { score } of topicSignals) {
    const shares = channelShares.get(score.channel) ?? { n: 0, positive: 0, negative: 0 };
    shares.n++;
    if (score.sentiment.label === 'POSITIVE') shares.positive++;
    else if (score.sentiment.label === 'NEGATIVE') shares.negative++;
    channelShares.set(score.channel, shares);
  }

  const figures: TopicFigure[] = [];
  for (const [key, proposal] of proposals) {
    const holders = bySubsequence.get(key);
    if (holders === undefined || holders.size < input.minSignals) continue;
    const occurrences = [...holders].map((index) => topicSignals[index] as TopicSignal);
    const authors = new Set(occurrences.map((occurrence) => occurrence.author)).size;
    if (authors < ALIGNMENT_RULES.topicMinAuthors) continue;
    if (new Set(occurrences.map((occurrence) => occurrence.day)).size < ALIGNMENT_RULES.topicMinDays) continue;
    const perWeek = calendar.weeks.map(() => 0);
    let positive = 0;
    let negative = 0;
    const own = new Map<string, { n: number; positive: number; negative: number }>();
    for (const occurrence of occurrences) {
      perWeek[occurrence.week] = (perWeek[occurrence.week] ?? 0) + 1;
      const counts = own.get(occurrence.score.channel) ?? { n: 0, positive: 0, negative: 0 };
      counts.n++;
      if (occurrence.score.sentiment.label === 'POSITIVE') counts.positive++;
      else if (occurrence.score.sentiment.label === 'NEGATIVE') counts.negative++;
      own.set(occurrence.score.channel, counts);
      if (occurrence.score.sentiment.label === 'POSITIVE') positive++;
      else if (occurrence.score.sentiment.label === 'NEGATIVE') negative++;
    }
    // the rest of the window's signals of the same channels, weighted as the topic's signals are
    const baseline = { positive: 0, negative: 0 };
    for (const [channel, counts] of own) {
      const all = channelShares.get(channel) as { n: number; positive: number; negative: number };
      const rest = all.n - counts.n;
      if (rest <= 0) continue;
      baseline.positive += ((all.positive - counts.positive) / rest) * (counts.n / occurrences.length);
      baseline.negative += ((all.negative - counts.negative) / rest) * (counts.n / occurrences.length);
    }
    const label =
      [...proposal.surfaces].sort(
        (a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]),
      )[0]?.[0] ?? key;
    figures.push({ key, stems: proposal.stems, label, occurrences, authors, positive, negative, perWeek, baseline });
  }
  figures.sort(
    (a, b) =>
      b.occurrences.length - a.occurrences.length || a.stems.length - b.stems.length || a.key.localeCompare(b.key),
  );

  const aspects = profile.values
    .flatMap((value) => value.aspects.map((aspect) => stems(aspect)))
    .filter((aspect) => aspect.length > 0);
  const excerptsBySignal = new Map<string, string[]>();
  for (const mention of input.mentions) {
    if (mention.channel === 'stance') continue;
    const list = excerptsBySignal.get(mention.signalId) ?? [];
    list.push(...mention.excerpts);
    excerptsBySignal.set(mention.signalId, list);
  }
  const excerptStems = new Map<string, string[][]>();
  const excerptStemsOf = (signalId: string) => {
    let cached = excerptStems.get(signalId);
    if (cached === undefined) {
      cached = (excerptsBySignal.get(signalId) ?? []).map((excerpt) => stems(excerpt));
      excerptStems.set(signalId, cached);
    }
    return cached;
  };
  let stanceStems: string[][] | undefined;
  const stanceStemsOf = () => {
    stanceStems ??= [...input.signals.values()]
      .filter((signal) => signal.channel === 'stance' && calendar.weekIndexOf(Date.parse(signal.publishedAt)) >= 0)
      .map((signal) => stems(`${signal.title}\n${signal.text}`));
    return stanceStems;
  };

  const signalsPerWeek = calendar.weeks.map(() => 0);
  for (const { week } of topicSignals) signalsPerWeek[week] = (signalsPerWeek[week] ?? 0) + 1;

  return {
    calendar,
    windowWeeks,
    signalsPerWeek,
    figures,
    coveredByValue(figure) {
      if (aspects.some((aspect) => containsSequence(figure.stems, aspect) || containsSequence(aspect, figure.stems)))
        return true;
      const inValueSentences = figure.occurrences.filter((occurrence) =>
        excerptStemsOf(occurrence.score.signalId).some((excerpt) => containsSequence(excerpt, figure.stems)),
      ).length;
      return inValueSentences > ALIGNMENT_RULES.topicInValueSentencesShare * figure.occurrences.length;
    },
    mentionedInStance(figure) {
      return stanceStemsOf().some((statement) => containsSequence(statement, figure.stems));
    },
    candidates(figure, direction) {
      const label = direction === 'positive' ? 'POSITIVE' : 'NEGATIVE';
      return figure.occurrences.flatMap((occurrence) => {
        const { score } = occurrence;
        if (score.sentiment.label !== label) return [];
        const signal = input.signals.get(score.signalId);
        if (signal === undefined) return [];
        const sentence = splitSentences(signal.text).find((each) => containsSequence(stems(each), figure.stems));
        if (sentence === undefined) return [];
        return [
          {
            signalId: score.signalId,
            quote: quoteOf(sentence),
            title: signal.title,
            sourceId: score.sourceId,
            channel: score.channel,
            publishedAt: score.publishedAt,
            rating: ratingText(score.rating ?? signal.rating),
            time: occurrence.time,
            strength: direction === 'positive' ? score.sentiment.scores.positive : score.sentiment.scores.negative,
          },
        ];
      });
    },
  };
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
