// The stored signals read for suggest-terms: each cut into passages (the clauses the matcher gives
// a value, and the sentences that mention none) and each passage into runs of words, with the
// words of an aspect said there marked so a term never uses them.
import { placeholder, REDACTION_KINDS } from '#domain/redaction';
import type { Profile } from '#domain/profile';
import type { SemanticResources } from '#domain/semantic-terms';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import { createValueMatcher, splitSentences, stems, WORD } from '#domain/value-matching';
import { documentText } from '../score';

export type ScoredSignal = Extract<SignalScore, { status: 'scored' }>;

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
export interface Passage {
  signalId: string;
  text: string;
  values: ReadonlySet<string>;
  runs: WordRun[];
}

export interface Corpus {
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

export function readCorpus(
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
