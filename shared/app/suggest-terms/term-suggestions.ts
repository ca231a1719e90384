// The words proposed for one value: how often each term is said beside each value and in all, how
// strongly it is tied to the value (tieStrength), and the distinct, strongest ones that would bring
// in signals the aspects miss, with examples.
import { quoteOf } from '#domain/alignment/evidence';
import type { SentimentLabel } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { containsSequence } from '#domain/value-matching';
import type { ValueMention } from '#domain/value-mention';
import type { TermSuggestion } from '../suggest-terms';
import type { Corpus, Passage, ScoredSignal } from './corpus';
import { says, termShape, termsOf, type Vocabulary } from './vocabulary';

/** A shorter term mostly said inside a longer one already listed adds nothing: "connection" beside "missed connection". */
const INSIDE_SHARE = 0.7;
/** The normal quantile of a one-sided 95% bound. */
const ONE_SIDED_95 = 1.645;

interface TermTally {
  passages: number;
  signals: Set<string>;
  surfaces: Map<string, number>;
}

export interface TermCounts {
  /** Passages saying each term, whatever they mention. */
  all: Map<string, number>;
  /** Per value: its passages, and the tallies of the terms said in them. */
  byValue: Map<string, { passages: number; terms: Map<string, TermTally> }>;
}

export function countTerms(profile: Profile, corpus: Corpus, vocabulary: Vocabulary): TermCounts {
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

export function suggestionsFor(
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
export function distinctTerms<T extends { key: string }>(ranked: readonly T[], signalsOf: (term: T) => number): T[] {
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

export function mostWritten(surfaces: ReadonlyMap<string, number>): string {
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
export function sentimentLookup(scores: ReadonlyMap<string, ScoredSignal>, mentions: readonly ValueMention[]) {
  const byMention = new Map(
    mentions.map((mention) => [`${mention.signalId}\u0000${mention.valueId}`, mention.sentiment.label]),
  );
  return (signalId: string, valueId: string): SentimentLabel | undefined =>
    byMention.get(`${signalId}\u0000${valueId}`) ?? scores.get(signalId)?.sentiment.label;
}
