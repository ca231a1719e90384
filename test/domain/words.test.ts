// Stems are remembered by word; what is remembered must be what the stemmer gives, for every form,
// also once the memory has been emptied for being full.
import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { stemOf, stems } from '#domain/words';

describe('stems', () => {
  it('folds word forms and possessives, the same the first time and every time after', () => {
    for (let round = 0; round < 2; round++) {
      expect(stems("Repairs, repaired, REPAIRING: Fernhill's mechanics repair")).toEqual([
        'repair',
        'repair',
        'repair',
        'fernhil',
        'mechan',
        'repair',
      ]);
      expect(stemOf("fernhill's")).toBe(stemOf('fernhill'));
    }
  });

  it('gives the stemmer’s stem for every word, past the number of stems it keeps', () => {
    const words = Array.from({ length: 60_000 }, (_, index) => `word${index.toString(36)}ing`);
    for (const word of [...words, ...words.slice(0, 1_000), 'running', 'runs'])
      expect(stemOf(word)).toBe(stemmer(word));
  });
});
