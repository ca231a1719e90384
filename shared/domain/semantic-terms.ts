// The semantic step of value matching: which declared value a word customers use is close to in
// meaning, when it is none of the value's aspect words. "technician" is close to "mechanic",
// "pricey" to "expensive". A value's anchors are its one-word aspects; a word's similarity to the
// value is its highest cosine with any anchor, and it speaks of the value when that reaches the
// threshold, is clearly higher than for any other value (margin), and clearly higher than for the
// centre of all the values (domainMargin: "laptop" is close to every value of a laptop maker, and
// speaks of none). Words that carry no topic of their own (function words, judgements such as
// "great", generic verbs) and the most common words never match by meaning. The settings were
// chosen on SemEval training splits (docs/value-matching.md): anchoring on the label and promise
// words too, or on multi-word aspects, measured no better and brought in the brand's domain words
// ("ride" for a bike maker), so both are off.
import { isFillerWord } from './alignment/topic-words';
import type { BrandValue } from './profile';
import { cosine, meanVector, type WordVectors } from './word-vectors';

/** Cosine similarity at or above which a word may speak of a value (chosen on SemEval training splits; docs/value-matching.md). */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

/** Why a word was taken to speak of a value: the anchor it is closest to, and how close. */
export interface SemanticMatch {
  valueId: string;
  /** The anchor (an aspect, or a word of the label or promise) the word is closest to. */
  anchor: string;
  similarity: number;
}

// Words that never match by meaning: function words, pronouns, auxiliaries, generic verbs, adverbs
// of degree and time, and judgements that say how, not what.
const NO_MEANING_MATCH = new Set(
  (
    'a an the this that these those there here it its it\'s i me my mine we us our ours you your yours he him his she her hers they them their theirs ' +
    'who whom whose which what when where why how all any both each every few more most other some such no nor not only own same so than too very ' +
    'can could will would shall should may might must do does did done doing have has had having be is am are was were been being get gets got getting ' +
    'go goes went gone going make makes made making take takes took taken come came coming say said says know knew think thought want wanted ' +
    'see saw seen look looked looks give gave use used try tried put keep kept let seem seemed feel felt find found tell told ask asked ' +
    'and or but if because as until while of at by for with about against between into through during before after above below to from up down in out ' +
    'on off over under again further then once also just really quite rather still even ever never always often sometimes usually already yet ' +
    'much many lot lots bit thing things stuff way ways one ones something anything nothing everything someone anyone everyone people person ' +
    'good great nice bad best better worse worst awesome amazing excellent terrible horrible awful fantastic wonderful perfect poor fine ok okay ' +
    'love loved like liked hate hated enjoy enjoyed recommend recommended happy unhappy glad sad disappointed disappointing impressed pleased ' +
    'well pretty definitely absolutely totally highly extremely super truly literally actually probably maybe new old big small little ' +
    'first last next time times day days week weeks year years today yesterday tonight night ago back away around every ' +
    'place places overall whole kind sort type part lot'
  ).split(' '),
);

/** Whether a word can anchor a value: a word with a meaning of its own (an aspect such as "help" can). */
function mayAnchor(word: string): boolean {
  return word.length >= 3 && !NO_MEANING_MATCH.has(word) && /^[\p{L}]/u.test(word);
}

/** Whether a word of a text may match a value by meaning at all: not the words above, nor the filler of posts ("reply", "thanks", "info"). */
export function mayMatchByMeaning(word: string): boolean {
  return mayAnchor(word) && !isFillerWord(word);
}

interface Anchor {
  valueId: string;
  term: string;
  vector: Float32Array;
}

type MatchableValue = Pick<BrandValue, 'id' | 'aspects'> & Partial<Pick<BrandValue, 'label' | 'promise'>>;

const WORDS = /[\p{L}]+(?:['’][\p{L}]+)?/gu;

function anchorsOf(value: MatchableValue, vectors: WordVectors, labelAnchors: boolean, phraseAnchors: boolean): Anchor[] {
  const anchors: Anchor[] = [];
  const seen = new Set<string>();
  const add = (term: string, words: string[]) => {
    const vector = meanVector(words.filter(mayAnchor).flatMap((word) => vectors.vectorOf(word) ?? []));
    if (vector === undefined || seen.has(term)) return;
    seen.add(term);
    anchors.push({ valueId: value.id, term, vector });
  };
  for (const aspect of value.aspects) {
    const words = aspect.toLowerCase().match(WORDS) ?? [];
    if (words.length === 1 || phraseAnchors) add(aspect.toLowerCase(), words);
  }
  for (const text of labelAnchors ? [value.label, value.promise] : []) {
    for (const word of text?.toLowerCase().match(WORDS) ?? []) add(word, [word]);
  }
  return anchors;
}

/**
 * A function from a word to the values it speaks of by meaning, best first, compiled once per profile.
 * Results are cached per word: a run meets the same few thousand words again and again.
 */
export interface SemanticSettings {
  threshold: number;
  /** Words more common than this (by the vectors' frequency rank) never match by meaning. */
  minRank: number;
  /** Whether the words of a value's label and promise are anchors too. */
  labelAnchors: boolean;
  /** How much closer the word must be to its best value than to any other (a word close to all of them is the domain's, not a value's). */
  margin: number;
  /** Whether a multi-word aspect is an anchor by the mean of its words. */
  phraseAnchors: boolean;
  /** How much closer the word must be to its value than to the centre of all the values (the brand's domain: "laptop", "restaurant"). */
  domainMargin: number;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = {
  threshold: DEFAULT_SIMILARITY_THRESHOLD,
  minRank: 6000,
  labelAnchors: false,
  margin: 0.05,
  phraseAnchors: false,
  domainMargin: 0.15,
};

export function createSemanticMatcher(
  values: readonly MatchableValue[],
  vectors: WordVectors,
  settings: Partial<SemanticSettings> = {},
): (word: string) => readonly SemanticMatch[] {
  const { threshold, minRank, labelAnchors, margin, phraseAnchors, domainMargin } = { ...DEFAULT_SEMANTIC_SETTINGS, ...settings };
  const anchors = values.flatMap((value) => anchorsOf(value, vectors, labelAnchors, phraseAnchors));
  const valueCentres = values.flatMap((value) => meanVector(anchors.filter((anchor) => anchor.valueId === value.id).map((anchor) => anchor.vector)) ?? []);
  const domain = meanVector(valueCentres);
  const cache = new Map<string, readonly SemanticMatch[]>();
  const none: readonly SemanticMatch[] = [];
  return (word) => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    let result = none;
    const vector = mayMatchByMeaning(word) && (vectors.frequencyRank(word) ?? 0) >= minRank ? vectors.vectorOf(word) : undefined;
    if (vector !== undefined) {
      const best = new Map<string, SemanticMatch>();
      for (const anchor of anchors) {
        const similarity = cosine(vector, anchor.vector);
        const current = best.get(anchor.valueId);
        if (current === undefined || similarity > current.similarity) best.set(anchor.valueId, { valueId: anchor.valueId, anchor: anchor.term, similarity });
      }
      const ranked = [...best.values()].sort((a, b) => b.similarity - a.similarity);
      const [first, second] = ranked;
      if (
        first !== undefined &&
        first.similarity >= threshold && first.similarity - (second?.similarity ?? -1) >= margin &&
        (domain === undefined || first.similarity - cosine(vector, domain) >= domainMargin)
      ) result = [first];
    }
    // only words the vectors know are cached, so the cache is bounded by their vocabulary
    if (vector !== undefined) cache.set(word, result);
    return result;
  };
}
