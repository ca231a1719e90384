// The semantic step of value matching: which declared value a word customers use speaks of, when it
// is none of the value's aspect words. First by kind (WordNet): "sushi" is a kind of what the aspect
// "dish" names, "suitcase" of "bag". Then by similarity (word vectors): "technician" is close to
// "mechanic", "pricey" to "expensive". A value's anchors are its one-word aspects; a word's
// similarity to the value is its highest cosine with any anchor, and it speaks of the value when
// that reaches the threshold, is clearly higher than for any other value (margin), and clearly
// higher than for the centre of all the values (domainMargin: "laptop" is close to every value of a
// laptop maker, and speaks of none). Words that carry no topic of their own (function words,
// judgements such as "great", generic verbs, the filler of posts) and the most common words never
// match by meaning. The settings were chosen on SemEval training splits (docs/value-matching.md):
// anchoring on the label and promise words too, or on multi-word aspects, measured no better and
// brought in the brand's domain words ("ride" for a bike maker), so both are off.
import { isFillerWord } from './alignment/topic-words';
import type { BrandValue } from './profile';
import type { WordSenses } from './word-senses';
import { cosine, meanVector, type WordVectors } from './word-vectors';

/** Cosine similarity at or above which a word may speak of a value (chosen on SemEval training splits; docs/value-matching.md). */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

/**
 * Why a word was taken to speak of a value: the anchor (an aspect, or a word of the label or
 * promise) it is close to, with the cosine ("similar"); or the aspect whose thing the word's is a
 * kind of ("kind-of": "sushi", dish) or shares its sense with ("same-as": "server", waiter).
 */
export type SemanticMatch = { valueId: string; anchor: string } & (
  | { relation: 'similar'; similarity: number }
  | { relation: 'kind-of' | 'same-as' }
);

// Words that never match by meaning: function words, pronouns, auxiliaries, generic verbs, adverbs
// of degree and time, and judgements that say how, not what.
const NO_MEANING_MATCH = new Set(
  (
    "a an the this that these those there here it its it's i me my mine we us our ours you your yours he him his she her hers they them their theirs " +
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

function anchorsOf(
  value: MatchableValue,
  vectors: WordVectors,
  labelAnchors: boolean,
  phraseAnchors: boolean,
): Anchor[] {
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
  /** How many of an aspect's most common noun senses a word may be a kind of (WordNet). */
  aspectSenses: number;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = {
  threshold: DEFAULT_SIMILARITY_THRESHOLD,
  minRank: 6000,
  labelAnchors: false,
  margin: 0.05,
  phraseAnchors: false,
  domainMargin: 0.15,
  aspectSenses: 2,
};

/** What the semantic step may use: word vectors (similarity), word senses (kinds), or both. */
export interface SemanticResources {
  vectors?: WordVectors | undefined;
  senses?: WordSenses | undefined;
}

interface KindAnchor {
  valueId: string;
  term: string;
  synset: string;
}

/** The noun senses of each one-word aspect: a word whose kinds include one speaks of its value. */
function kindAnchorsOf(
  values: readonly MatchableValue[],
  senses: WordSenses,
  aspectSenses: number,
): Map<string, KindAnchor> {
  const bySynset = new Map<string, KindAnchor>();
  for (const value of values) {
    for (const aspect of value.aspects) {
      const words = aspect.toLowerCase().match(WORDS) ?? [];
      if (words.length !== 1) continue;
      const term = words[0] as string;
      // a sense two values' aspects share tells them apart from nothing: the first value keeps it
      for (const synset of senses.sensesOf(term).slice(0, aspectSenses))
        if (!bySynset.has(synset)) bySynset.set(synset, { valueId: value.id, term, synset });
    }
  }
  return bySynset;
}

/**
 * A function from a word to the value it speaks of by meaning (at most one, its best), compiled once
 * per profile. First by kind: the nearest of the word's kinds (WordNet) that is a sense of an
 * aspect; then by similarity (word vectors). Results are cached per word: a run meets the same few
 * thousand words again and again.
 */
export function createSemanticMatcher(
  values: readonly MatchableValue[],
  resources: SemanticResources,
  settings: Partial<SemanticSettings> = {},
): (word: string) => SemanticMatch | undefined {
  const { threshold, minRank, labelAnchors, margin, phraseAnchors, domainMargin, aspectSenses } = {
    ...DEFAULT_SEMANTIC_SETTINGS,
    ...settings,
  };
  const { vectors, senses } = resources;
  const anchors = vectors ? values.flatMap((value) => anchorsOf(value, vectors, labelAnchors, phraseAnchors)) : [];
  const valueCentres = values.flatMap(
    (value) => meanVector(anchors.filter((anchor) => anchor.valueId === value.id).map((anchor) => anchor.vector)) ?? [],
  );
  const domain = meanVector(valueCentres);
  const kindAnchors = senses ? kindAnchorsOf(values, senses, aspectSenses) : new Map<string, KindAnchor>();
  const cache = new Map<string, SemanticMatch | undefined>();

  const byKind = (kinds: readonly string[]): SemanticMatch | undefined => {
    for (const [depth, kind] of kinds.entries()) {
      const anchor = kindAnchors.get(kind);
      if (anchor !== undefined)
        return { valueId: anchor.valueId, anchor: anchor.term, relation: depth === 0 ? 'same-as' : 'kind-of' };
    }
    return undefined;
  };

  const bySimilarity = (vector: Float32Array): SemanticMatch | undefined => {
    const best = new Map<string, { anchor: string; similarity: number }>();
    for (const anchor of anchors) {
      const similarity = cosine(vector, anchor.vector);
      const current = best.get(anchor.valueId);
      if (current === undefined || similarity > current.similarity)
        best.set(anchor.valueId, { anchor: anchor.term, similarity });
    }
    const ranked = [...best].sort((a, b) => b[1].similarity - a[1].similarity);
    const [first, second] = ranked;
    if (first === undefined) return undefined;
    const [valueId, { anchor, similarity }] = first;
    if (similarity < threshold || similarity - (second?.[1].similarity ?? -1) < margin) return undefined;
    if (domain !== undefined && similarity - cosine(vector, domain) < domainMargin) return undefined;
    return { valueId, anchor, similarity, relation: 'similar' };
  };

  return (word) => {
    if (cache.has(word)) return cache.get(word);
    const rank = vectors?.frequencyRank(word);
    const kinds = senses?.kindsOf(word) ?? [];
    const common = vectors !== undefined && (rank ?? Number.POSITIVE_INFINITY) < minRank;
    let found: SemanticMatch | undefined;
    if (mayMatchByMeaning(word) && !common) {
      const vector = vectors?.vectorOf(word);
      found = byKind(kinds) ?? (vector ? bySimilarity(vector) : undefined);
    }
    // only words the vectors or senses know are cached, so the cache is bounded by their vocabulary
    if (rank !== undefined || kinds.length > 0) cache.set(word, found);
    return found;
  };
}
