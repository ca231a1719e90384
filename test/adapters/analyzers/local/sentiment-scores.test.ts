// The mapping from wink's -1..1 score to Comprehend-style scores.
import { describe, expect, it } from 'vitest';
import { CLEAR_POLARITY, NEUTRAL_BAND, sentimentOf } from '#adapters/analyzers/local/sentiment-scores';

describe('sentimentOf', () => {
  it('is neutral within the band and polar outside it', () => {
    expect(sentimentOf(0).label).toBe('NEUTRAL');
    expect(sentimentOf(NEUTRAL_BAND / 2).label).toBe('NEUTRAL');
    expect(sentimentOf(-NEUTRAL_BAND / 2).label).toBe('NEUTRAL');
    expect(sentimentOf(NEUTRAL_BAND * 2).label).toBe('POSITIVE');
    expect(sentimentOf(-NEUTRAL_BAND * 2).label).toBe('NEGATIVE');
  });

  it('raises the positive score and lowers the negative score as the score rises', () => {
    const steps = Array.from({ length: 201 }, (_, index) => -1 + index / 100).map((score) => sentimentOf(score).scores);
    for (let index = 1; index < steps.length; index += 1) {
      const previous = steps[index - 1];
      const current = steps[index];
      if (previous === undefined || current === undefined) throw new Error('missing step');
      expect(current.positive).toBeGreaterThanOrEqual(previous.positive);
      expect(current.negative).toBeLessThanOrEqual(previous.negative);
    }
  });

  it('keeps every score within 0..1 and the four summing to 1', () => {
    for (const [score, sentences] of [
      [0, [0]],
      [1, [1]],
      [-1, [-1]],
      [0, [0.9, -0.9]],
      [0.3, [0.9, -0.3]],
    ] as const) {
      const { scores } = sentimentOf(score, sentences);
      const values = Object.values(scores);
      expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
      expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    }
  });

  it('is MIXED only when both sides are clear and the weaker outweighs the overall lean', () => {
    expect(sentimentOf(0, [0.6, -0.6]).label).toBe('MIXED');
    expect(sentimentOf(0.35, [0.9, -0.2]).label).toBe('POSITIVE');
    expect(sentimentOf(0, [CLEAR_POLARITY / 2, -CLEAR_POLARITY / 2]).label).toBe('NEUTRAL');
    expect(sentimentOf(0.5, [0.8, -0.3, 0.9, 0.8]).label).toBe('POSITIVE');
  });
});
