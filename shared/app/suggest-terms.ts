// The words customers use for each declared value that its aspects do not list yet, and the largest
// themes that no value covers: what marketing ops read to improve the `aspects` of brand.yaml. It
// reads the stored reviews and social posts of the last weeks with their scores and value mentions,
// and writes nothing.
//
// A value's sentences are found again with the profile's current aspects, and by meaning when the
// caller gives the word vectors and senses scoring uses: a word is proposed because it is not an
// aspect yet and no match by meaning finds its sentences already; after aspects are added the next
// run proposes from the new matches at once, although the stored mentions keep the aspects they
// were scored with.
//
// A word or two- or three-word phrase is tied to a value when it is said more often in the value's
// sentences than in the other sentences of the same signals and period: the tie is how many times
// as often, at least (see tieStrength). Only words that would bring in signals the aspects miss are
// proposed; words said only where an aspect already is would change nothing.
import { quoteOf } from '#domain/alignment/evidence';
import { isFillerStem } from '#domain/alignment/topic-words';
import { normaliseKeyPhrase } from '#domain/alignment/topics';
import type { SentimentLabel } from '#domain/analyzer';
import { isoWeekOf, isoWeekRange } from '#domain/iso-week';
import type { SuggestTermsStore } from '#domain/ports';
import type { Channel, Profile } from '#domain/profile';
import { accountName, placeholder, REDACTION_KINDS } from '#domain/redaction';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { SemanticResources } from '#domain/semantic-terms';
import { containsSequence, createValueMatcher, splitSentences, stems, WORD } from '#domain/value-matching';
import type { ValueMention } from '#domain/value-mention';
import { weeksEndingWith } from './digest';
import { documentText } from './score';

export interface SuggestTermsDeps {
  store: SuggestTermsStore;
  /** What scoring matches by meaning with (value-matching.ts): sentences it finds are a value's already. Aspect words only when absent. */
  meaning?: SemanticResources;
  /** Analyzer name and version whose scores are read, e.g. "local@2.1.0+model-2.0.0+wink-2.4". */
  analyzer: string;
}

export const SUGGEST_TERMS_DEFAULTS = {
  /** ISO weeks read, ending with the week of the latest stored signal. */
  weeks: 8,
  /** Suggestions per value, and themes listed. */
  limit: 10,
  /** A word or theme said in fewer signals than this is not listed: too few to tell a habit from a chance. */
  minSignals: 3,
} as const;

export interface SuggestTermsOptions {
  /** @default SUGGEST_TERMS_DEFAULTS.weeks */
  weeks?: number;
  /** @default SUGGEST_TERMS_DEFAULTS.limit */
  limit?: number;
  /** @default SUGGEST_TERMS_DEFAULTS.minSignals */
  minSignals?: number;
  /** Called as the signals are read through: signals done, signals in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface TermSuggestion {
  /** As customers write it most often, lower case: "waiter", "missed my connection". */
  term: string;
  /** Signals that say it in the value's sentences. */
  count: number;
  /** Signals that say it but match none of the value's aspects: what adding it would bring in. */
  wouldAdd: number;
  /** Of `count`, the share whose sentiment about the value is negative, 0..1. */
  negativeShare: number;
  /** How many times as often, at least, it is said in the value's sentences as in the others (tieStrength). */
  strength: number;
  /** Two sentences: one of the value's that says it, then one it would bring in. */
  examples: string[];
}

export interface ValueSuggestions {
  valueId: string;
  label: string;
  aspects: string[];
  /** Signals of the period that mention the value, by its aspects or (with `meaning`) by meaning. */
  signals: number;
  suggestions: TermSuggestion[];
}

export interface UnmatchedTheme {
  /** A key phrase as customers write it most often, normalised ("support chat", not "the support chat"). */
  theme: string;
  /** Signals that say it in a sentence mentioning no value. */
  count: number;
  /** Of those signals, the share the analyzer read as negative, 0..1. */
  negativeShare: number;
  examples: string[];
}

export interface SuggestTermsReport {
  brand: string;
  analyzer: string;
  weeks: { first: string; last: string; count: number };
  /** Reviews and social posts read: those scored by the analyzer in the period. */
  signals: number;
  /** Of them, those that mention no value at all. */
  unmatchedSignals: number;
  values: ValueSuggestions[];
  unmatchedThemes: UnmatchedTheme[];
}

/** Nothing to suggest from: no signal stored, none from customers, or none scored. The message says what to run. */
export class NoSignalsToSuggestFromError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSignalsToSuggestFromError';
  }
}

/** Customers' own words: reviews and social posts. News is journalists' words, stance the brand's own. */
const CUSTOMER_CHANNELS = ['review', 'social'] as const satisfies readonly Channel[];

/** A shorter term mostly said inside a longer one already listed adds nothing: "connection" beside "missed connection". */
const INSIDE_SHARE = 0.7;
const MAX_WORDS = 3;
/** The normal quantile of a one-sided 95% bound. */
const ONE_SIDED_95 = 1.645;

export async function suggestTerms(
  profile: Profile,
  deps: SuggestTermsDeps,
  options: SuggestTermsOptions = {},
): Promise<SuggestTermsReport> {
  const settings = { ...SUGGEST_TERMS_DEFAULTS, ...options };
  const weeks = await periodOf(profile, deps.store, settings.weeks);
  const range = {
    from: isoWeekRange(weeks.first, profile.digest.timezone).from,
    to: isoWeekRange(weeks.last, profile.digest.timezone).to,
  };
  const period = `${weeks.first} to ${weeks.last}`;

  const signals = (
    await Promise.all(CUSTOMER_CHANNELS.map((channel) => deps.store.signalsBetween(range, channel)))
  ).flat();
  if (signals.length === 0) {
    throw new NoSignalsToSuggestFromError(
      `the signals stored for ${profile.brand.name} from ${period} hold no reviews or social posts: suggest-terms reads customers' own words, ` +
        'so add a review or social source to the profile and run `congruence run` first',
    );
  }
  const scores = new Map(
    (await deps.store.scoresBetween(range, deps.analyzer))
      .filter((each): each is ScoredSignal => each.status === 'scored')
      .map((each) => [each.signalId, each]),
  );
  const scored = signals.filter((signal) => scores.has(signal.id));
  if (scored.length === 0) {
    throw new NoSignalsToSuggestFromError(
      `${signals.length} reviews and social posts are stored for ${profile.brand.name} from ${period}, but none is scored by ${deps.analyzer}: ` +
        'run `congruence score` (with the same --analyzer) first',
    );
  }
  const mentions = (
    await Promise.all(profile.values.map((value) => deps.store.valueMentionsBetween(value.id, range, deps.analyzer)))
  ).flat();

  const vocabulary = vocabularyOf(profile);
  const corpus = readCorpus(profile, scored, vocabulary.aspects, deps.meaning ?? {}, settings.onProgress);
  const counts = countTerms(profile, corpus, vocabulary);
  const sentimentOf = sentimentLookup(scores, mentions);
  return {
    brand: profile.brand.name,
    analyzer: deps.analyzer,
    weeks,
    signals: scored.length,
    unmatchedSignals: scored.filter((signal) => (corpus.valuesBySignal.get(signal.id)?.size ?? 0) === 0).length,
    values: profile.values.map((value) => ({
      valueId: value.id,
      label: value.label,
      aspects: value.aspects,
      signals: [...corpus.valuesBySignal.values()].filter((values) => values.has(value.id)).length,
      suggestions: suggestionsFor(value.id, corpus, counts, sentimentOf, settings),
    })),
    unmatchedThemes: unmatchedThemes(corpus, scores, vocabulary, settings),
  };
}

type ScoredSignal = Extract<SignalScore, { status: 'scored' }>;

/** The `count` ISO weeks ending with the week of the latest stored signal, however old the data. */
async function periodOf(
  profile: Profile,
  store: SuggestTermsStore,
  count: number,
): Promise<SuggestTermsReport['weeks']> {
  const spans = await Promise.all(profile.sources.map((source) => store.signalSpanOfSource(source.id)));
  const latest = spans.reduce<string | undefined>(
    (max, span) => (span && (max === undefined || span.latest > max) ? span.latest : max),
    undefined,
  );
  if (latest === undefined) {
    throw new NoSignalsToSuggestFromError(
      `no signals are stored for ${profile.brand.name} yet, so there are no customer words to suggest from: ` +
        'run `congruence run` (or `congruence ingest`, then `congruence score`) with the same profile and data directory first',
    );
  }
  const zone = profile.digest.timezone;
  const weeks = weeksEndingWith(isoWeekOf(latest, zone), count, zone);
  return { first: weeks[0] as string, last: weeks[weeks.length - 1] as string, count: weeks.length };
}

// ---- the text, cut into sentences and word runs ----------------------------------------------

/**
 * A run of words between punctuation, placeholders and links: terms never span one. `inAspect`
 * marks the words that make up an aspect said here: a term never uses them, so "service" is counted
 * where customers say it alone, not inside the aspect "customer service".
 */
interface WordRun {
  words: string[];
  stems: string[];
  inAspect: boolean[];
}

/** A sentence, or the clause of one that the matcher gave a value, with the values it mentions. */
interface Passage {
  signalId: string;
  text: string;
  values: ReadonlySet<string>;
  runs: WordRun[];
}

interface Corpus {
  /** Newest signals first, so examples are recent. */
  passages: Passage[];
  valuesBySignal: Map<string, ReadonlySet<string>>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const PLACEHOLDERS = new RegExp(REDACTION_KINDS.map((kind) => escapeRegExp(placeholder(kind))).join('|'), 'gu');
const LINKS = /\b(?:https?:\/\/|www\.)\S+/giu;
// Anything but letters, digits, apostrophes, hyphens and spaces ends a run: "late, rude" is two.
const RUN_BREAK = /[^\p{L}\p{N}\s'’-]+/u;

function wordRuns(text: string, aspects: readonly string[][]): WordRun[] {
  return text
    .replace(LINKS, ' | ')
    .replace(PLACEHOLDERS, ' | ')
    .split(RUN_BREAK)
    .map((part) => {
      const runStems = stems(part);
      return { words: part.toLowerCase().match(WORD) ?? [], stems: runStems, inAspect: aspectWords(runStems, aspects) };
    })
    .filter((run) => run.words.length > 0);
}

function aspectWords(runStems: readonly string[], aspects: readonly string[][]): boolean[] {
  const marked = runStems.map(() => false);
  for (const aspect of aspects) {
    for (let start = 0; start + aspect.length <= runStems.length; start++) {
      if (aspect.every((stem, offset) => runStems[start + offset] === stem))
        marked.fill(true, start, start + aspect.length);
    }
  }
  return marked;
}

function readCorpus(
  profile: Profile,
  signals: readonly Signal[],
  aspects: readonly string[][],
  meaning: SemanticResources,
  onProgress?: (done: number, total: number) => void,
): Corpus {
  const match = createValueMatcher(profile.values, meaning);
  const passages: Passage[] = [];
  const valuesBySignal = new Map<string, ReadonlySet<string>>();
  const newestFirst = [...signals].sort((a, b) =>
    a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0,
  );
  newestFirst.forEach((signal, index) => {
    const text = documentText(signal);
    const valuesByExcerpt = new Map<string, Set<string>>();
    for (const { valueId, excerpts } of match(text)) {
      for (const excerpt of excerpts)
        valuesByExcerpt.set(excerpt, (valuesByExcerpt.get(excerpt) ?? new Set()).add(valueId));
    }
    valuesBySignal.set(signal.id, new Set([...valuesByExcerpt.values()].flatMap((values) => [...values])));
    for (const [excerpt, values] of valuesByExcerpt)
      passages.push({ signalId: signal.id, text: excerpt, values, runs: wordRuns(excerpt, aspects) });
    // Sentences holding no excerpt speak of no value: the "elsewhere" every value is compared with.
    const excerpts = [...valuesByExcerpt.keys()];
    for (const sentence of splitSentences(text)) {
      if (excerpts.some((excerpt) => sentence.includes(excerpt))) continue;
      passages.push({ signalId: signal.id, text: sentence, values: new Set(), runs: wordRuns(sentence, aspects) });
    }
    if ((index + 1) % 500 === 0 || index + 1 === newestFirst.length) onProgress?.(index + 1, newestFirst.length);
  });
  return { passages, valuesBySignal };
}

// ---- which words may be proposed -------------------------------------------------------------

/**
 * Words that are filler for topics (topic-words.ts), or that judge rather than name (topics.ts,
 * through normaliseKeyPhrase), are never terms. These are the ones a term needs on top: verbs and
 * adverbs that carry no subject, contractions, and judging words any value gets ("ridiculous",
 * "delighted"). Words that judge one value ("rude", "slow", "late", "unhelpful") stay proposable.
 */
const NOT_TERM_WORDS = new Set(
  stems(
    "it its it's i'd i'll i'm i've don't dont didn't didnt doesn't can't cant won't wont isn't wasn't aren't weren't " +
      "haven't hasn't couldn't wouldn't shouldn't let's that's there's what's who's he's she's " +
      'get got gets getting go going gone went goes come came coming make made take took give gave know knew want wanted ' +
      'need needed say said tell told see saw seen look looking let put keep kept try tried think thought feel felt ' +
      'like really only even ever never always more most much many other same own because since until while through ' +
      'during back yet once already well way right sure maybe though although however also else either neither ' +
      'im ive id youre thats theres one ones two first last next new old lot absolutely totally completely literally ' +
      'seriously truly super pretty quite rather extremely incredibly ' +
      'good great bad nice best better worse worst love loved lovely hate awesome amazing excellent fantastic ' +
      'wonderful terrible horrible awful perfect fine happy pleased glad sad poor ridiculous hopeless delighted ' +
      'shameful disgraceful unacceptable pathetic impressed angry upset frustrated shocking joke',
  ),
);

interface Vocabulary {
  /** The brand's and competitors' names, handles and domains, as stem runs. */
  names: string[][];
  /** Every value's aspects as stem runs. */
  aspects: string[][];
}

function vocabularyOf(profile: Profile): Vocabulary {
  const { brand } = profile;
  const asStems = (terms: readonly string[]) => terms.map((term) => stems(term)).filter((term) => term.length > 0);
  return {
    names: asStems([
      brand.name,
      ...brand.aliases,
      ...brand.handles.map(accountName),
      ...brand.domains,
      ...brand.competitors,
    ]),
    aspects: asStems(profile.values.flatMap((value) => value.aspects)),
  };
}

const isWordOfNote = (stem: string) =>
  /\p{L}/u.test(stem) && stem.length > 1 && !isFillerStem(stem) && !NOT_TERM_WORDS.has(stem);

/** Whether a candidate reads as a term: normalising it as a key phrase takes nothing away (no judging word, no filler). */
function termShape(): (key: string, surface: string) => boolean {
  const known = new Map<string, boolean>();
  return (key, surface) => {
    let shaped = known.get(key);
    if (shaped === undefined) {
      shaped = normaliseKeyPhrase(surface).stems.join(' ') === key;
      known.set(key, shaped);
    }
    return shaped;
  };
}

/**
 * The candidate terms of a passage, once each, keyed by their stems: words and runs of two or three
 * words that begin and end with a word of note, use no word of an aspect said there, and name
 * neither the brand nor a competitor.
 */
function termsOf(passage: Passage, names: readonly string[][]): Map<string, string> {
  const found = new Map<string, string>();
  for (const run of passage.runs) {
    for (let start = 0; start < run.stems.length; start++) {
      if (!isWordOfNote(run.stems[start] as string)) continue;
      for (let end = start + 1; end <= Math.min(run.stems.length, start + MAX_WORDS); end++) {
        if (run.inAspect[end - 1]) break;
        if (!isWordOfNote(run.stems[end - 1] as string) || run.inAspect[start]) continue;
        const termStems = run.stems.slice(start, end);
        if (names.some((name) => containsSequence(termStems, name))) continue;
        const key = termStems.join(' ');
        if (!found.has(key)) found.set(key, run.words.slice(start, end).join(' '));
      }
    }
  }
  return found;
}

/** Whether a passage says a term in its own words (not as part of an aspect). */
function says(passage: Passage, termStems: readonly string[]): boolean {
  return passage.runs.some((run) => {
    for (let start = 0; start + termStems.length <= run.stems.length; start++) {
      if (termStems.every((stem, offset) => run.stems[start + offset] === stem && !run.inAspect[start + offset]))
        return true;
    }
    return false;
  });
}

// ---- how often each term is said, beside each value and in all --------------------------------

interface TermTally {
  passages: number;
  signals: Set<string>;
  surfaces: Map<string, number>;
}

interface TermCounts {
  /** Passages saying each term, whatever they mention. */
  all: Map<string, number>;
  /** Per value: its passages, and the tallies of the terms said in them. */
  byValue: Map<string, { passages: number; terms: Map<string, TermTally> }>;
}

function countTerms(profile: Profile, corpus: Corpus, vocabulary: Vocabulary): TermCounts {
  const isTerm = termShape();
  const all = new Map<string, number>();
  const byValue = new Map(
    profile.values.map((value) => [value.id, { passages: 0, terms: new Map<string, TermTally>() }]),
  );
  for (const passage of corpus.passages) {
    const counts = [...passage.values].flatMap((valueId) => byValue.get(valueId) ?? []);
    for (const each of counts) each.passages++;
    for (const [key, surface] of termsOf(passage, vocabulary.names)) {
      if (!isTerm(key, surface)) continue;
      all.set(key, (all.get(key) ?? 0) + 1);
      for (const { terms } of counts) {
        const tally = terms.get(key) ?? {
          passages: 0,
          signals: new Set<string>(),
          surfaces: new Map<string, number>(),
        };
        tally.passages++;
        tally.signals.add(passage.signalId);
        tally.surfaces.set(surface, (tally.surfaces.get(surface) ?? 0) + 1);
        terms.set(key, tally);
      }
    }
  }
  return { all, byValue };
}

// ---- suggestions for one value ---------------------------------------------------------------

function suggestionsFor(
  valueId: string,
  corpus: Corpus,
  counts: TermCounts,
  sentimentOf: (signalId: string, valueId: string) => SentimentLabel | undefined,
  settings: { limit: number; minSignals: number },
): TermSuggestion[] {
  const own = counts.byValue.get(valueId);
  if (own === undefined) return [];
  const otherPassages = corpus.passages.length - own.passages;
  const ranked = [...own.terms]
    .filter(([, tally]) => tally.signals.size >= settings.minSignals)
    .map(([key, tally]) => ({
      key,
      tally,
      strength: tieStrength(tally.passages, own.passages, (counts.all.get(key) ?? 0) - tally.passages, otherPassages),
    }))
    .filter((each) => each.strength > 1)
    .sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));

  const suggestions: TermSuggestion[] = [];
  for (const { key, tally, strength } of distinctTerms(ranked, (each) => each.tally.signals.size)) {
    if (suggestions.length === settings.limit) break;
    const found = whereSaid(key.split(' '), valueId, corpus);
    // A word said only where an aspect already is would change nothing in the matches.
    if (found.wouldAdd === 0) continue;
    const negative = [...tally.signals].filter((signalId) => sentimentOf(signalId, valueId) === 'NEGATIVE').length;
    suggestions.push({
      term: mostWritten(tally.surfaces),
      count: tally.signals.size,
      wouldAdd: found.wouldAdd,
      negativeShare: negative / tally.signals.size,
      strength: Math.round(strength * 10) / 10,
      examples: found.examples,
    });
  }
  return suggestions;
}

/**
 * How many times as often a term is said in the value's passages (a of n) as in the others (c of m),
 * at least, with 95% confidence (one-sided: only "more often" matters): the lower bound of the ratio of the two shares, half a count added
 * to each so that a term never said elsewhere gets a finite bound. A lower bound, not the ratio
 * itself, so that a word said in most passages of every kind ("flight") does not outrank one said
 * rarely but nearly always beside the value ("mechanical"), nor a word said twice once.
 */
export function tieStrength(a: number, n: number, c: number, m: number): number {
  const inValue = (a + 0.5) / (n + 0.5);
  const elsewhere = (c + 0.5) / (m + 0.5);
  const standardError = Math.sqrt(1 / (a + 0.5) - 1 / (n + 0.5) + 1 / (c + 0.5) - 1 / (m + 0.5));
  return Math.exp(Math.log(inValue / elsewhere) - ONE_SIDED_95 * standardError);
}

/**
 * Drops, in rank order, terms that repeat one kept already: a longer term holding a kept one, and a
 * shorter term said mostly inside a kept one. A shorter term said often on its own stays.
 */
function distinctTerms<T extends { key: string }>(ranked: readonly T[], signalsOf: (term: T) => number): T[] {
  const kept: T[] = [];
  for (const term of ranked) {
    const termStems = term.key.split(' ');
    const repeats = kept.some((other) => {
      const otherStems = other.key.split(' ');
      if (containsSequence(termStems, otherStems)) return true;
      return containsSequence(otherStems, termStems) && signalsOf(other) >= INSIDE_SHARE * signalsOf(term);
    });
    if (!repeats) kept.push(term);
  }
  return kept;
}

function mostWritten(surfaces: ReadonlyMap<string, number>): string {
  return [...surfaces].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/** How many signals a term would bring to the value, and an example from the value's sentences and one it would bring in. */
function whereSaid(
  termStems: readonly string[],
  valueId: string,
  corpus: Corpus,
): { wouldAdd: number; examples: string[] } {
  const added = new Set<string>();
  let inside: Passage | undefined;
  let outside: Passage | undefined;
  for (const passage of corpus.passages) {
    if (corpus.valuesBySignal.get(passage.signalId)?.has(valueId)) {
      if (inside === undefined && passage.values.has(valueId) && says(passage, termStems)) inside = passage;
    } else if (says(passage, termStems)) {
      added.add(passage.signalId);
      outside ??= passage;
    }
  }
  const examples = [inside, outside].flatMap((passage) => (passage ? [quoteOf(passage.text)] : []));
  return { wouldAdd: added.size, examples };
}

/** The sentiment of a value in a signal: its stored mention's, else the signal's own (the value may be matched only by today's aspects). */
function sentimentLookup(scores: ReadonlyMap<string, ScoredSignal>, mentions: readonly ValueMention[]) {
  const byMention = new Map(
    mentions.map((mention) => [`${mention.signalId}\u0000${mention.valueId}`, mention.sentiment.label]),
  );
  return (signalId: string, valueId: string): SentimentLabel | undefined =>
    byMention.get(`${signalId}\u0000${valueId}`) ?? scores.get(signalId)?.sentiment.label;
}

// ---- themes no value covers ------------------------------------------------------------------

/**
 * The signals' key phrases said in sentences that mention no value, normalised as the digest's
 * topics are, largest first. The brand's names are not themes; a phrase that starts with one
 * counts as what follows it ("fernhill ride app" is "ride app").
 */
function unmatchedThemes(
  corpus: Corpus,
  scores: ReadonlyMap<string, ScoredSignal>,
  vocabulary: Vocabulary,
  settings: { limit: number; minSignals: number },
): UnmatchedTheme[] {
  const unmatchedBySignal = new Map<string, Passage[]>();
  for (const passage of corpus.passages) {
    if (passage.values.size > 0) continue;
    unmatchedBySignal.set(passage.signalId, [...(unmatchedBySignal.get(passage.signalId) ?? []), passage]);
  }
  const themes = new Map<
    string,
    { signals: Set<string>; negative: number; surfaces: Map<string, number>; examples: string[] }
  >();
  for (const [signalId, passages] of unmatchedBySignal) {
    const score = scores.get(signalId);
    if (score === undefined) continue;
    const seen = new Set<string>();
    for (const raw of score.keyPhrases) {
      const phrase = withoutLeadingName(normaliseKeyPhrase(raw), vocabulary.names);
      if (phrase.stems.length === 0 || !phrase.stems.some(isWordOfNote)) continue;
      if (vocabulary.names.some((name) => containsSequence(phrase.stems, name))) continue;
      const key = phrase.stems.join(' ');
      if (seen.has(key)) continue;
      const where = passages.find((passage) => passage.runs.some((run) => containsSequence(run.stems, phrase.stems)));
      if (where === undefined) continue;
      seen.add(key);
      const theme = themes.get(key) ?? {
        signals: new Set<string>(),
        negative: 0,
        surfaces: new Map<string, number>(),
        examples: [],
      };
      theme.signals.add(signalId);
      if (score.sentiment.label === 'NEGATIVE') theme.negative++;
      const surface = phrase.words.join(' ');
      theme.surfaces.set(surface, (theme.surfaces.get(surface) ?? 0) + 1);
      if (theme.examples.length < 2) theme.examples.push(quoteOf(where.text));
      themes.set(key, theme);
    }
  }
  const ranked = [...themes]
    .filter(([, theme]) => theme.signals.size >= settings.minSignals)
    .map(([key, theme]) => ({ key, theme }))
    .sort(
      (a, b) =>
        b.theme.signals.size - a.theme.signals.size ||
        a.key.split(' ').length - b.key.split(' ').length ||
        a.key.localeCompare(b.key),
    );
  return distinctTerms(ranked, (each) => each.theme.signals.size)
    .slice(0, settings.limit)
    .map(({ theme }) => ({
      theme: mostWritten(theme.surfaces),
      count: theme.signals.size,
      negativeShare: theme.negative / theme.signals.size,
      examples: theme.examples,
    }));
}

function withoutLeadingName(
  phrase: ReturnType<typeof normaliseKeyPhrase>,
  names: readonly string[][],
): ReturnType<typeof normaliseKeyPhrase> {
  const name = names.find(
    (each) => each.length < phrase.stems.length && each.every((stem, index) => phrase.stems[index] === stem),
  );
  return name === undefined ? phrase : normaliseKeyPhrase(phrase.words.slice(name.length).join(' '));
}
