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
import { isoWeekOf, isoWeekRange } from '#domain/iso-week';
import type { SuggestTermsStore } from '#domain/ports';
import type { Channel, Profile } from '#domain/profile';
import type { SemanticResources } from '#domain/semantic-terms';
import { weeksEndingWith } from './digest';
import { NoSignalsToSuggestFromError } from './errors';
import { readCorpus, type ScoredSignal } from './suggest-terms/corpus';
import { countTerms, sentimentLookup, suggestionsFor } from './suggest-terms/term-suggestions';
import { unmatchedThemes } from './suggest-terms/unmatched-themes';
import { vocabularyOf } from './suggest-terms/vocabulary';

export { tieStrength } from './suggest-terms/term-suggestions';

export interface SuggestTermsDeps {
  store: SuggestTermsStore;
  /** What scoring matches by meaning with (value-matching.ts): sentences it finds are a value's already. Aspect words only when absent. */
  meaning?: SemanticResources;
  /** Analyzer name and version whose scores are read, e.g. "local@2.2.0+model-2.0.0+wink-2.4". */
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

/** Customers' own words: reviews and social posts. News is journalists' words, stance the brand's own. */
const CUSTOMER_CHANNELS = ['review', 'social'] as const satisfies readonly Channel[];

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
      // the brand's customers' words: not those of posts and reviews about competitors only
      .filter((each) => each.about === undefined || each.about.brand !== null)
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
