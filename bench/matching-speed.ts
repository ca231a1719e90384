// How fast values are matched, on one thread: sentences per second through createValueMatcher with
// the Fernhill example's five values, by aspect words alone and by meaning too. By meaning, each
// word the matcher has not seen costs one cosine per anchor, then is cached; so the case that
// counts is the cold one, where almost every word is new: sentences of 15 words drawn at random
// from the 60,032 words of the vectors, with a fresh matcher. The warm case is the example's own
// sentences, whose words repeat as customers' do. Target: 2,000 sentences a second per core.
// Run alone with `npx tsx bench/matching-speed.ts`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32, REVIEW_POOLS, SLOTS, SOCIAL_POOLS } from '../examples/fernhill/generate';
import { loadProfile } from '#adapters/config/load-profile';
import { loadWordSenses } from '#adapters/meaning/bundled-word-senses';
import { loadWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { createValueMatcher } from '#domain/value-matching';

export const MATCHING_TARGET_PER_SECOND = 2_000;

export interface MatchingSpeedFigure {
  case: string;
  sentences: number;
  ms: number;
  perSecond: number;
}

/** The example's sentence pools with their slots filled, in a seeded order. */
function exampleSentences(count: number): string[] {
  // the example's last-day thread (its story 11) left out, so the sentences stay as they were
  const pools = [...Object.entries(REVIEW_POOLS), ...Object.entries(SOCIAL_POOLS)]
    .filter(([key]) => !key.endsWith(':surge'))
    .flatMap(([, sentences]) => sentences);
  const random = mulberry32(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, () =>
    pick(pools).replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot] ?? [''])),
  );
}

/** Sentences of 15 words drawn from the whole vocabulary of the vectors: nearly every word is new to the matcher. */
function coldSentences(count: number): string[] {
  const words = readFileSync(new URL('../models/word-vectors/words.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);
  const random = mulberry32(11);
  return Array.from(
    { length: count },
    () => `${Array.from({ length: 15 }, () => words[Math.floor(random() * words.length)]).join(' ')}.`,
  );
}

function timed(name: string, sentences: readonly string[], match: (text: string) => unknown): MatchingSpeedFigure {
  const started = performance.now();
  for (const sentence of sentences) match(sentence);
  const ms = performance.now() - started;
  return { case: name, sentences: sentences.length, ms, perSecond: (sentences.length / ms) * 1000 };
}

export function benchMatchingSpeed(count = 20_000): MatchingSpeedFigure[] {
  const { profile } = loadProfile(fileURLToPath(new URL('../examples/fernhill/brand.yaml', import.meta.url)));
  const loadStarted = performance.now();
  // loaded afresh, not the process's shared copy, so that the time to load is measured
  const vectors = loadWordVectors();
  const senses = loadWordSenses();
  const loadMs = performance.now() - loadStarted;
  const example = exampleSentences(count);
  const cold = coldSentences(count);
  const byMeaning = () => createValueMatcher(profile.values, { vectors, senses });
  return [
    { case: 'loading the word vectors and senses (once per process)', sentences: 0, ms: loadMs, perSecond: 0 },
    timed('aspect words only, example sentences', example, createValueMatcher(profile.values)),
    timed('by meaning, example sentences (words repeat)', example, byMeaning()),
    timed('by meaning, 15 random words each (nearly every word new)', cold, byMeaning()),
  ];
}

export function formatMatchingSpeed(figures: readonly MatchingSpeedFigure[]): string[] {
  return [
    `Value matching, one thread, the example's 5 values (target ${MATCHING_TARGET_PER_SECOND.toLocaleString('en-GB')} sentences/s per core by meaning):`,
    ...figures.map((figure) =>
      figure.sentences === 0
        ? `  ${figure.case}: ${figure.ms.toFixed(0)} ms`
        : `  ${figure.case}: ${Math.round(figure.perSecond).toLocaleString('en-GB')} sentences/s (${figure.sentences.toLocaleString('en-GB')} in ${figure.ms.toFixed(0)} ms)` +
          (figure.case.startsWith('by meaning')
            ? `, ${(figure.perSecond / MATCHING_TARGET_PER_SECOND).toFixed(1)}x the target`
            : ''),
    ),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(`${formatMatchingSpeed(benchMatchingSpeed()).join('\n')}\n`);
