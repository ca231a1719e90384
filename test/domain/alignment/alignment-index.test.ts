// The Brand Alignment Index on a hand-computed case.
import { describe, expect, it } from 'vitest';
import { computeAlignment } from '#domain/alignment/index';
import { inputOf, mentions, PRICING, profileWith, REPAIRS, weeksOf } from './builders';

const weeks = weeksOf(46, 47);
const week = '2026-W47';

describe('the Brand Alignment Index', () => {
  it('weights each value’s kept share of its promise: 54 for a contradicted heavy value and a delivered light one', () => {
    // free-repairs (weight 3, promise net ≥ +0.30): 2 positive, 7 negative, 1 neutral → net −0.50
    //   shortfall = 0.30 − (−0.50) = 0.80; score = 1 − 0.80 / (0.30 + 1) = 1 − 0.615385 = 0.384615
    // honest-pricing (weight 1, promise net ≥ +0.20): 8 positive, 1 negative, 1 neutral → net +0.70 → score 1
    // index = 100 × (3 × 0.384615 + 1 × 1) / (3 + 1) = 100 × 2.153846 / 4 = 53.85 → 54
    const profile = profileWith([
      { ...REPAIRS, weight: 3 },
      { ...PRICING, weight: 1 },
    ]);
    const report = computeAlignment(
      inputOf({
        profile,
        weeks,
        mentions: [
          ...mentions('free-repairs', week, { POSITIVE: 2, NEGATIVE: 7, NEUTRAL: 1 }),
          ...mentions('honest-pricing', week, { POSITIVE: 8, NEGATIVE: 1, NEUTRAL: 1 }),
        ],
        previousIndex: 61,
      }),
    );
    expect(report.values.map((value) => value.indexScore)).toEqual([expect.closeTo(0.384615, 6), 1]);
    expect(report.index).toMatchObject({ value: 54, change: -7, valuesCounted: 2 });
    expect(report.index.formula).toMatch(
      /^100 × Σ\(weight × score\) ÷ Σ weight over values with ≥ 10 customer mentions/,
    );
  });

  it('is 100 when every value meets its promise, and leaves out values without enough evidence', () => {
    const report = computeAlignment(
      inputOf({
        profile: profileWith([REPAIRS, PRICING]),
        weeks,
        mentions: [
          ...mentions('free-repairs', week, { POSITIVE: 9, NEUTRAL: 1 }),
          ...mentions('honest-pricing', week, { NEGATIVE: 9 }),
        ],
      }),
    );
    expect(report.index).toMatchObject({ value: 100, change: null, valuesCounted: 1 });
  });

  it('is 0 when every mention of every value is negative', () => {
    const report = computeAlignment(
      inputOf({ profile: profileWith([REPAIRS]), weeks, mentions: mentions('free-repairs', week, { NEGATIVE: 12 }) }),
    );
    expect(report.index.value).toBe(0);
  });
});
