// The trained sentiment model's reading machinery: the features it sees, how probabilities become
// Comprehend-style scores, MIXED across sentences, and a clear error when the model files are bad.
// How right it is on real text is measured by `npm run eval:sentiment`, not here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SentimentModelError } from '#adapters/analyzers/local/errors';
import {
  normalizeForSentiment,
  sentimentFeatures,
  sentimentTokens,
} from '#adapters/analyzers/local/sentiment-features';
import {
  bundledSentimentModel,
  loadSentimentModel,
  sentimentFromProbabilities,
} from '#adapters/analyzers/local/sentiment-model';

describe('sentiment features', () => {
  it('makes links, handles, placeholders and digits generic, and cuts letter runs to two', () => {
    expect(normalizeForSentiment('SOOOO slow @Brand_Help see https://x.example/a?b=1 order 12345 [handle]')).toBe(
      'soo slow  xxuser  see  xxurl  order 00000  xxuser ',
    );
  });

  it('reads common emoji as the words they stand for', () => {
    expect(sentimentTokens('Arrived today 😡')).toEqual(['arrived', 'today', 'angry']);
    expect(sentimentTokens('Love it ❤️👍')).toEqual(['love', 'it', 'love', 'good']);
  });

  it('marks the words after a negation up to the end of the clause', () => {
    expect(sentimentTokens("The staff weren't helpful, but the bike is good")).toEqual([
      'the',
      'staff',
      "weren't",
      '¬helpful',
      ',',
      'but',
      'the',
      'bike',
      'is',
      'good',
    ]);
    expect(sentimentTokens('not good at all. fine')).toEqual(['not', '¬good', '¬at', '¬all', '.', 'fine']);
  });

  it('gives a unit-length vector of distinct slots within the hash space', () => {
    const { slots, values } = sentimentFeatures('The repair was free and quick, the repair!', {
      hashBits: 12,
      charGrams: [3, 5],
    });
    expect(new Set(slots).size).toBe(slots.length);
    expect([...slots].every((slot) => slot >= 0 && slot < 4096)).toBe(true);
    expect(values.reduce((sum, value) => sum + value * value, 0)).toBeCloseTo(1, 5);
  });
});

describe('scores from probabilities', () => {
  it('keeps the three probabilities when one side dominates', () => {
    const { label, scores } = sentimentFromProbabilities([0.1, 0.2, 0.7], 0.3);
    expect(label).toBe('POSITIVE');
    expect(scores).toEqual({ positive: 0.7, negative: 0.1, neutral: 0.2, mixed: 0 });
  });

  it('splits MIXED off when both sides reach the threshold, the four scores still summing to 1', () => {
    const { label, scores } = sentimentFromProbabilities([0.45, 0.1, 0.45], 0.3);
    expect(label).toBe('MIXED');
    expect(scores.mixed).toBeCloseTo(0.45);
    expect(scores.positive + scores.negative + scores.neutral + scores.mixed).toBeCloseTo(1, 10);
  });
});

describe('the bundled model', () => {
  const model = bundledSentimentModel();

  it('is the committed model, with its calibration', () => {
    expect(model.header.format).toBe('congruence-sentiment/1');
    expect(model.header.classes).toEqual(['negative', 'neutral', 'positive']);
    const probabilities = model.probabilities('anything at all');
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
  });

  it('calls a text MIXED when one sentence is clearly positive and another clearly negative', () => {
    const [negative, , positive] = model.probabilities('The frame is superb.');
    expect(positive).toBeGreaterThan(0.7);
    expect(model.probabilities('The delivery was a disaster.')[0]).toBeGreaterThan(0.7);
    expect(negative).toBeLessThan(0.3);
    expect(model.documentSentiment('The frame is superb. The delivery was a disaster.').label).toBe('MIXED');
    expect(model.documentSentiment('The frame is superb.').label).toBe('POSITIVE');
  });
});

describe('loading a model', () => {
  it('says which file could not be read and how to get it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congruence-model-'));
    writeFileSync(join(dir, 'model.json'), '{"format": "something else"}');
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(12));
    expect(() => loadSentimentModel(join(dir, 'model.json'), join(dir, 'weights.bin'))).toThrow(SentimentModelError);
    expect(() => loadSentimentModel(join(dir, 'model.json'), join(dir, 'weights.bin'))).toThrow(
      /models\/sentiment\/; `npm run train:sentiment` builds it again/,
    );
  });

  it('refuses weights that do not fit the header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congruence-model-'));
    const header = { ...bundledSentimentModel().header, hashBits: 10 };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(header));
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(100));
    expect(() => loadSentimentModel(join(dir, 'model.json'), join(dir, 'weights.bin'))).toThrow(
      /hold 100 values, not 3 x 2\^10/,
    );
  });
});
