// The prefix-filtered search for near-identical sets must find exactly what comparing every pair in
// the window finds: checked on seeded random word sets with few, repeated words (so many pairs are
// alike), at several thresholds and windows.
import { describe, expect, it } from 'vitest';
import { jaccard, similarSetIndex, type TimedSet } from '#domain/alignment/similar-sets';
import { seeded } from './builders';

function randomSets(random: () => number, count: number, vocabulary: number): TimedSet[] {
  const sets: TimedSet[] = [];
  let time = 0;
  for (let index = 0; index < count; index++) {
    time += Math.floor(random() * 3_000);
    const size = Math.floor(random() * 7);
    const words = new Set<string>();
    for (let word = 0; word < size; word++) words.add(`w${Math.floor(random() ** 2 * vocabulary)}`);
    sets.push({ time, words });
  }
  return sets;
}

/** Long sets made from a few templates, each with some words dropped and others added: alike to every degree. */
function templatedSets(random: () => number, count: number): TimedSet[] {
  const word = () => `w${Math.floor(random() * 200)}`;
  const templates = Array.from({ length: 4 }, () => Array.from({ length: 10 + Math.floor(random() * 20) }, word));
  const sets: TimedSet[] = [];
  let time = 0;
  for (let index = 0; index < count; index++) {
    time += Math.floor(random() * 1_000);
    const template = templates[Math.floor(random() * templates.length)] as string[];
    const words = new Set(template.filter(() => random() > 0.25));
    const added = Math.floor(random() * 6);
    for (let extra = 0; extra < added; extra++) words.add(word());
    sets.push({ time, words });
  }
  return sets;
}

function bruteForce(sets: readonly TimedSet[], anchor: number, windowMs: number, threshold: number) {
  const found: Array<{ index: number; similarity: number }> = [];
  const first = sets[anchor] as TimedSet;
  for (let index = anchor + 1; index < sets.length && (sets[index] as TimedSet).time - first.time < windowMs; index++) {
    const similarity = jaccard(new Set(first.words), new Set((sets[index] as TimedSet).words));
    if (similarity >= threshold) found.push({ index, similarity });
  }
  return found;
}

describe('similarSetIndex', () => {
  it.each([
    [0.6, 20_000, 1],
    [0.6, 200_000, 2],
    [0.5, 50_000, 3],
    [0.75, 100_000, 4],
    [1, 100_000, 5],
    [0.2, 30_000, 6],
  ])(
    'finds exactly the pairs a full comparison finds (threshold %s, window %s ms, seed %s)',
    (threshold, windowMs, seed) => {
      const sets = randomSets(seeded(seed), 400, 12);
      const index = similarSetIndex(sets, threshold);
      let pairs = 0;
      for (let anchor = 0; anchor < sets.length; anchor++) {
        const expected = bruteForce(sets, anchor, windowMs, threshold);
        pairs += expected.length;
        expect(index.similarAfter(anchor, windowMs)).toEqual(expected);
      }
      // the data must hold similar pairs, or the comparison above proves nothing
      expect(pairs).toBeGreaterThan(50);
    },
  );

  // Long sets over a small vocabulary share many words, so the positional bound (where the first
  // shared word lies in each) and the size bound decide most candidates.
  it.each([
    [0.6, 1],
    [0.7, 2],
    [0.4, 3],
  ])('finds exactly what a full comparison finds on long sets (threshold %s, seed %s)', (threshold, seed) => {
    const sets = templatedSets(seeded(seed), 300);
    const index = similarSetIndex(sets, threshold);
    let pairs = 0;
    for (let anchor = 0; anchor < sets.length; anchor++) {
      const expected = bruteForce(sets, anchor, 60_000, threshold);
      pairs += expected.length;
      expect(index.similarAfter(anchor, 60_000)).toEqual(expected);
    }
    expect(pairs).toBeGreaterThan(50);
  });

  it('never pairs two empty sets, and never looks before the anchor or past the window', () => {
    const sets: TimedSet[] = [
      { time: 0, words: new Set(['a', 'b']) },
      { time: 10, words: new Set() },
      { time: 20, words: new Set() },
      { time: 30, words: new Set(['a', 'b']) },
      { time: 100, words: new Set(['a', 'b']) },
    ];
    const index = similarSetIndex(sets, 0.6);
    expect(index.similarAfter(1, 1_000)).toEqual([]);
    expect(index.similarAfter(0, 100)).toEqual([{ index: 3, similarity: 1 }]);
    expect(index.similarAfter(3, 1_000)).toEqual([{ index: 4, similarity: 1 }]);
    // sets forgotten are passed over
    index.forget(3);
    expect([index.isForgotten(3), index.isForgotten(4)]).toEqual([true, false]);
    expect(index.similarAfter(0, 1_000)).toEqual([{ index: 4, similarity: 1 }]);
  });
});
