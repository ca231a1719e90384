// Which declared values a signal speaks to, and in which words. Aspect words and phrases match on
// stems ("repairs", "repaired", "repairing" all match "repair"), case-insensitively, as whole words.
// A value's evidence is the sentence that mentions it, or, when one sentence mentions two values
// on either side of a "but", the clause that does: "Delivery was slow but the staff were lovely"
// is negative for delivery and positive for the staff.
import { stemmer } from 'stemmer';
import type { BrandValue } from './profile';

export interface ValueMatch {
  valueId: string;
  /** The sentences or clauses that mention the value, as they appear in the text. */
  excerpts: string[];
}

/** A word: letters and digits, with an apostrophe suffix ("don't", "Fernhill's"); hyphens split words. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-case stems of the words of a text; hyphenated words count as their parts. */
export function stems(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((word) => stemmer(word.replace(/['’]s$/, '')));
}

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

interface CompiledAspect {
  valueId: string;
  stems: string[];
}

/** Whether `needle` occurs in `haystack` as a contiguous run. */
export function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let start = 0; start <= haystack.length - needle.length; start++) {
    for (let offset = 0; offset < needle.length; offset++) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return true;
  }
  return false;
}

/** A matcher for a profile's values, compiled once: text in, the values it mentions and their excerpts out. */
export function createValueMatcher(values: readonly Pick<BrandValue, 'id' | 'aspects'>[]): (text: string) => ValueMatch[] {
  const aspects: CompiledAspect[] = values.flatMap((value) =>
    value.aspects.map((aspect) => ({ valueId: value.id, stems: stems(aspect) })).filter((aspect) => aspect.stems.length > 0),
  );
  const valuesIn = (text: string): Set<string> => {
    const textStems = stems(text);
    return new Set(aspects.filter((aspect) => containsSequence(textStems, aspect.stems)).map((aspect) => aspect.valueId));
  };

  return (text) => {
    const excerpts = new Map<string, string[]>();
    const add = (valueId: string, excerpt: string) => {
      const list = excerpts.get(valueId) ?? [];
      if (!list.includes(excerpt)) list.push(excerpt);
      excerpts.set(valueId, list);
    };
    for (const sentence of splitSentences(text)) {
      const mentioned = valuesIn(sentence);
      if (mentioned.size === 0) continue;
      if (mentioned.size === 1) {
        add([...mentioned][0] as string, sentence);
        continue;
      }
      // Two or more values in one sentence: give each the clauses that mention it, when the clauses
      // tell them apart; a value no single clause mentions keeps the whole sentence.
      const clauses = splitClauses(sentence).map((clause) => ({ clause, values: valuesIn(clause) }));
      for (const valueId of mentioned) {
        const own = clauses.filter((entry) => entry.values.has(valueId)).map((entry) => entry.clause);
        if (own.length === 0 || clauses.length === 1) add(valueId, sentence);
        else for (const clause of own) add(valueId, clause);
      }
    }
    return values.filter((value) => excerpts.has(value.id)).map((value) => ({ valueId: value.id, excerpts: excerpts.get(value.id) ?? [] }));
  };
}
