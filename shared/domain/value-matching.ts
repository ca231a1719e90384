// Which declared values a signal speaks to, and in which words. Aspect words and phrases match on
// stems ("repairs", "repaired", "repairing" all match "repair"), case-insensitively, as whole words.
// With word vectors, a word that is no aspect also matches a value when it is close enough in
// meaning to one of the value's aspects or to a word of its label or promise (semantic-terms.ts):
// "waiter" speaks of a value whose aspects say "staff". Every match says which words made it.
// A value's evidence is the sentence that mentions it, or, when one sentence mentions two values
// on either side of a "but", the clause that does: "Delivery was slow but the staff were lovely"
// is negative for delivery and positive for the staff.
import { stemOf, stems, WORD } from './words';
import type { BrandValue } from './profile';
import { createSemanticMatcher, type SemanticSettings } from './semantic-terms';
import type { WordSenses } from './word-senses';
import type { WordVectors } from './word-vectors';

export interface ValueMatch {
  valueId: string;
  /** The sentences or clauses that mention the value, as they appear in the text. */
  excerpts: string[];
  /** The words that made the match, once each, in order of appearance. */
  matchedBy: MatchedBy[];
}

/** A word (or phrase) of the text that matched a value: an aspect itself, or a word close to an anchor in meaning. */
export interface MatchedBy {
  /** As written in the text, lower case. */
  words: string;
  /** The aspect it matched, or the anchor (an aspect, or a word of the label or promise) it is close to. */
  term: string;
  /** Cosine similarity, for a word close to the term in the word vectors. */
  similarity?: number;
  /** For a word whose thing is a kind of the term's ("sushi", dish), or means the same ("server", waiter), in WordNet. */
  relation?: 'kind-of' | 'same-as';
}

/** Whether a match was made by meaning (similarity or kind) rather than by an aspect word. */
export function isByMeaning(matchedBy: MatchedBy): boolean {
  return matchedBy.similarity !== undefined || matchedBy.relation !== undefined;
}

// words and stems live in their own module so that word lists (alignment/topic-words.ts) can use them
// and be used here without an import cycle
export { stems, WORD } from './words';

// Sentence ends: . ! ? … (with closing quotes or brackets) followed by white space, or a line break.
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]*)\s+|\n+/u;

/** The sentences of a text, trimmed, without empty ones. */
export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

// Where a sentence turns: a semicolon, or a contrastive conjunction starting a clause.
const CLAUSE_BREAK = /\s*;\s*|,?\s+(?=(?:but|however|although|though|whereas|yet|while)\s)/iu;
const LEADING_CONJUNCTION = /^(?:but|however|although|though|whereas|yet|while)[\s,]+/iu;

/** The clauses of a sentence, without the conjunction that joined them. */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim().replace(LEADING_CONJUNCTION, ''))
    .filter((clause) => /[\p{L}\p{N}]/u.test(clause));
}

/** How a match was made, in a few words: `"repairs" (aspect repair)`, `"waiter" ≈ staff (0.71)`, `"sushi" is a kind of dish`. */
export function matchedByText(matchedBy: readonly MatchedBy[]): string {
  return matchedBy
    .map((each) => {
      if (each.relation === 'kind-of') return `“${each.words}” is a kind of ${each.term}`;
      if (each.relation === 'same-as') return `“${each.words}” means ${each.term}`;
      if (each.similarity !== undefined) return `“${each.words}” ≈ ${each.term} (${each.similarity.toFixed(2)})`;
      return each.words === each.term.toLowerCase() ? `“${each.words}”` : `“${each.words}” (aspect ${each.term})`;
    })
    .join(', ');
}

interface CompiledAspect {
  valueId: string;
  term: string;
  stems: string[];
}

/** Where `needle` occurs in `haystack` as a contiguous run, or -1. */
function indexOfSequence(haystack: readonly string[], needle: readonly string[], from = 0): number {
  if (needle.length === 0) return -1;
  outer: for (let start = from; start <= haystack.length - needle.length; start++) {
    for (let offset = 0; offset < needle.length; offset++) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return start;
  }
  return -1;
}

/** Whether `needle` occurs in `haystack` as a contiguous run. */
export function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  return indexOfSequence(haystack, needle) >= 0;
}

export interface ValueMatcherOptions {
  /** Word vectors for the semantic step (similarity); without them or senses, values match on their aspect words only. */
  vectors?: WordVectors | undefined;
  /** Word senses for the semantic step (kinds: "sushi" is a kind of dish). */
  senses?: WordSenses | undefined;
  /** How the semantic step decides (defaults: DEFAULT_SEMANTIC_SETTINGS). */
  semantic?: Partial<SemanticSettings>;
}

type MatchableValue = Pick<BrandValue, 'id' | 'aspects'> & Partial<Pick<BrandValue, 'label' | 'promise'>>;

/** A matcher for a profile's values, compiled once: text in, the values it mentions, their excerpts and the words that made each match out. */
export function createValueMatcher(
  values: readonly MatchableValue[],
  options: ValueMatcherOptions = {},
): (text: string) => ValueMatch[] {
  const aspects: CompiledAspect[] = values.flatMap((value) =>
    value.aspects
      .map((aspect) => ({ valueId: value.id, term: aspect, stems: stems(aspect) }))
      .filter((aspect) => aspect.stems.length > 0),
  );
  const semantic =
    options.vectors || options.senses
      ? createSemanticMatcher(values, { vectors: options.vectors, senses: options.senses }, options.semantic)
      : undefined;

  /** The values a piece of text mentions, each with the words that made it. */
  const valuesIn = (text: string): Map<string, MatchedBy[]> => {
    const words = text.toLowerCase().match(WORD) ?? [];
    const textStems = words.map(stemOf);
    const found = new Map<string, MatchedBy[]>();
    const add = (valueId: string, reason: MatchedBy) => found.set(valueId, [...(found.get(valueId) ?? []), reason]);
    const byAspect = new Set<number>();
    for (const aspect of aspects) {
      let at = indexOfSequence(textStems, aspect.stems);
      if (at < 0) continue;
      add(aspect.valueId, { words: words.slice(at, at + aspect.stems.length).join(' '), term: aspect.term });
      for (; at >= 0; at = indexOfSequence(textStems, aspect.stems, at + 1)) {
        for (let offset = 0; offset < aspect.stems.length; offset++) byAspect.add(at + offset);
      }
    }
    if (semantic !== undefined) {
      words.forEach((word, index) => {
        if (byAspect.has(index)) return;
        const best = semantic(word);
        if (best === undefined) return;
        add(
          best.valueId,
          best.relation === 'similar'
            ? { words: word, term: best.anchor, similarity: Math.round(best.similarity * 100) / 100 }
            : { words: word, term: best.anchor, relation: best.relation },
        );
      });
    }
    return found;
  };

  return (text) => {
    const excerpts = new Map<string, string[]>();
    const reasons = new Map<string, MatchedBy[]>();
    const add = (valueId: string, excerpt: string, why: readonly MatchedBy[]) => {
      const list = excerpts.get(valueId) ?? [];
      if (!list.includes(excerpt)) list.push(excerpt);
      excerpts.set(valueId, list);
      const known = reasons.get(valueId) ?? [];
      for (const reason of why)
        if (!known.some((each) => each.words === reason.words && each.term === reason.term)) known.push(reason);
      reasons.set(valueId, known);
    };
    for (const sentence of splitSentences(text)) {
      const mentioned = valuesIn(sentence);
      if (mentioned.size === 0) continue;
      if (mentioned.size === 1) {
        const [valueId, why] = [...mentioned][0] as [string, MatchedBy[]];
        add(valueId, sentence, why);
        continue;
      }
      // Two or more values in one sentence: give each the clauses that mention it, when the clauses
      // tell them apart; a value no single clause mentions keeps the whole sentence.
      const clauses = splitClauses(sentence).map((clause) => ({ clause, values: valuesIn(clause) }));
      for (const [valueId, why] of mentioned) {
        const own = clauses.filter((entry) => entry.values.has(valueId));
        if (own.length === 0 || clauses.length === 1) add(valueId, sentence, why);
        else for (const entry of own) add(valueId, entry.clause, entry.values.get(valueId) ?? why);
      }
    }
    return values
      .filter((value) => excerpts.has(value.id))
      .map((value) => ({
        valueId: value.id,
        excerpts: excerpts.get(value.id) ?? [],
        matchedBy: reasons.get(value.id) ?? [],
      }));
  };
}
