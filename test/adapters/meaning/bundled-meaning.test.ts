import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWordSenses } from '#adapters/meaning/bundled-word-senses';
import { loadWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { cosine } from '#domain/word-vectors';

const scratch = mkdtempSync(join(tmpdir(), 'congruence-meaning-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled word vectors and senses', () => {
  it('read the vectors as unit-length rows, with words in frequency order', () => {
    const vectors = loadWordVectors();
    const [pricey, expensive, the] = ['pricey', 'expensive', 'the'].map((word) => vectors.vectorOf(word));
    expect(pricey && expensive && cosine(pricey, expensive)).toBeGreaterThan(0.7);
    expect(pricey && cosine(pricey, pricey)).toBeCloseTo(1, 5);
    expect(the).toBeDefined();
    expect(vectors.frequencyRank('the')).toBe(0);
    expect(vectors.vectorOf('notaword')).toBeUndefined();
    // a row is made unit-length once, when first asked for: asked again, it is the same
    expect([...(vectors.vectorOf('pricey') ?? [])]).toEqual([...(pricey ?? [])]);
    const fresh = loadWordVectors();
    expect([...(fresh.vectorOf('expensive') ?? [])]).toEqual([...(expensive ?? [])]);
  });

  it('read the senses: a plural as its singular, its kinds nearest first', () => {
    const senses = loadWordSenses();
    const bagels = senses.kindsOf('bagels');
    const food = senses.sensesOf('food');
    expect(bagels.length).toBeGreaterThan(3);
    expect(food.some((sense) => bagels.includes(sense))).toBe(true);
    expect(senses.kindsOf('quickly')).toEqual([]);
  });

  it('know food in its first sense, at the top of its hierarchy: a dessert and a pudding are food, a chair is not', () => {
    const senses = loadWordSenses();
    const food = senses.sensesOf('food');
    const isFood = (word: string) => food.some((sense) => senses.kindsOf(word).includes(sense));
    expect(isFood('desserts')).toBe(true);
    expect(isFood('pudding')).toBe(true);
    expect(isFood('bread')).toBe(true);
    expect(isFood('chair')).toBe(false);
    // the tops that are not physical things stay out: "act" names no thing
    expect(senses.sensesOf('act')).toEqual([]);
  });

  it('name the folder and the command that builds them again when a folder is missing or damaged', () => {
    expect(() => loadWordVectors(join(scratch, 'word-vectors'))).toThrow(
      /word vectors .*could not be read from .*word-vectors.*npm run build:word-vectors/,
    );
    const damaged = join(scratch, 'word-senses');
    mkdirSync(damaged);
    copyFileSync('models/word-senses/model.json', join(damaged, 'model.json'));
    writeFileSync(join(damaged, 'senses.txt'), 'food\tvmg\tp,n,o,1,0\n');
    expect(() => loadWordSenses(damaged)).toThrow(
      /word senses .*expected 27314 words, found 1.*npm run build:word-senses/,
    );
  });
});
