// The statistics on hand-computed cases. z = Φ⁻¹(0.95) = 1.644854 for 90% intervals; z² = 2.705543.
import { describe, expect, it } from 'vitest';
import {
  differenceInterval,
  netInterval,
  netOfTally,
  normalQuantile,
  signTestUpperTail,
  binomialUpperTail,
  wilsonInterval,
  zFor,
} from '#domain/alignment/statistics';

const z90 = zFor(0.9);

describe('the normal quantile', () => {
  it('matches published values of the standard normal distribution', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });

  it('gives the z of a two-sided interval from its confidence', () => {
    expect(zFor(0.9)).toBeCloseTo(1.644854, 6);
    expect(zFor(0.95)).toBeCloseTo(1.959964, 6);
    expect(() => zFor(1)).toThrow(RangeError);
  });
});

describe('the Wilson interval of a share', () => {
  it('is 0.4417 to 0.8731 for 7 of 10 at 90%', () => {
    // centre = (0.7 + z²/20) / (1 + z²/10) = (0.7 + 0.135277) / 1.270554 = 0.657411
    // half   = z/(1 + z²/10) × √(0.7×0.3/10 + z²/400) = 1.294594 × √(0.021 + 0.006764) = 1.294594 × 0.166625 = 0.215711
    const interval = wilsonInterval(7, 10, z90);
    expect(interval?.low).toBeCloseTo(0.4417, 4);
    expect(interval?.high).toBeCloseTo(0.8731, 4);
  });

  it('is null without observations', () => {
    expect(wilsonInterval(0, 0, z90)).toBeNull();
  });
});

describe('the net sentiment interval (MOVER from two Wilson intervals)', () => {
  it('is +0.014 to +0.786 around +0.50 for 7 positive, 2 negative and 1 neutral of 10', () => {
    // net = 7/10 − 2/10 = +0.50
    // Wilson(7/10) = 0.44170 to 0.87312; Wilson(2/10) = 0.06856 to 0.45921
    // ρ = −√(0.7×0.2 / (0.3×0.8)) = −√0.583333 = −0.763763
    // low  = 0.5 − √((0.7 − 0.44170)² + (0.45921 − 0.2)² + 2×0.763763×0.25830×0.25921)
    //      = 0.5 − √(0.066719 + 0.067189 + 0.102271) = 0.5 − √0.236179 = 0.5 − 0.485983 = 0.014017
    // high = 0.5 + √((0.87312 − 0.7)² + (0.2 − 0.06856)² + 2×0.763763×0.17312×0.13144)
    //      = 0.5 + √(0.029972 + 0.017277 + 0.034759) = 0.5 + √0.082008 = 0.5 + 0.286371 = 0.786371
    const tally = { n: 10, positive: 7, negative: 2 };
    expect(netOfTally(tally)).toBeCloseTo(0.5, 10);
    const interval = netInterval(tally, z90);
    expect(interval?.low).toBeCloseTo(0.014, 3);
    expect(interval?.high).toBeCloseTo(0.7864, 3);
  });

  it('has no net and no interval without mentions', () => {
    expect(netOfTally({ n: 0, positive: 0, negative: 0 })).toBeNull();
    expect(netInterval({ n: 0, positive: 0, negative: 0 }, z90)).toBeNull();
  });

  it('is +0.699 to +1 when all 10 mentions are positive, and contains the observed +1', () => {
    // Wilson(10/10) = 1/(1 + z²/10) = 0.787058 to 1; Wilson(0/10) = 0 to (z²/10)/(1 + z²/10) = 0.212942; ρ = 0
    // low = 1 − √((1 − 0.787058)² + 0.212942²) = 1 − √(0.045344 + 0.045344) = 1 − 0.301143 = 0.698857
    const interval = netInterval({ n: 10, positive: 10, negative: 0 }, z90);
    expect(interval?.low).toBeCloseTo(0.6989, 4);
    expect(interval?.high).toBe(1);
  });

  it('stays inside −1..1 and contains the observed net even for 3 of 3 positive', () => {
    const interval = netInterval({ n: 3, positive: 3, negative: 0 }, z90);
    expect(interval?.high).toBe(1);
    expect(interval?.low).toBeGreaterThan(0);
    expect(interval?.low).toBeLessThan(1);
  });

  it('narrows as the evidence grows', () => {
    const small = netInterval({ n: 10, positive: 7, negative: 2 }, z90);
    const large = netInterval({ n: 100, positive: 70, negative: 20 }, z90);
    expect((large?.high ?? 0) - (large?.low ?? 0)).toBeLessThan(((small?.high ?? 0) - (small?.low ?? 0)) / 2.5);
  });
});

describe('the difference of two independent nets', () => {
  it('combines the two intervals’ arms (MOVER)', () => {
    // a = −0.5 (−0.7 to −0.2), b = +0.4 (+0.2 to +0.6): difference −0.9
    // low  = −0.9 − √((−0.5 + 0.7)² + (0.6 − 0.4)²) = −0.9 − √0.08 = −1.182843
    // high = −0.9 + √((−0.2 + 0.5)² + (0.4 − 0.2)²) = −0.9 + √0.13 = −0.539445
    const interval = differenceInterval(
      { value: -0.5, interval: { low: -0.7, high: -0.2 } },
      { value: 0.4, interval: { low: 0.2, high: 0.6 } },
    );
    expect(interval.low).toBeCloseTo(-1.182843, 6);
    expect(interval.high).toBeCloseTo(-0.539445, 6);
  });
});

describe('the sign test', () => {
  it('gives P(X ≥ k) for X ~ Binomial(n, ½)', () => {
    // P(X ≥ 9 | 10) = (C(10,9) + C(10,10)) / 2¹⁰ = 11/1024
    expect(signTestUpperTail(9, 10)).toBeCloseTo(11 / 1024, 12);
    // P(X ≥ 8 | 10) = (45 + 10 + 1) / 1024
    expect(signTestUpperTail(8, 10)).toBeCloseTo(56 / 1024, 12);
    expect(signTestUpperTail(0, 10)).toBe(1);
    expect(signTestUpperTail(11, 10)).toBe(0);
    expect(signTestUpperTail(1500, 2000)).toBeLessThan(1e-10);
  });

  it('gives the binomial upper tail for any probability, the sign test being p = 1/2', () => {
    // P(X ≥ 2 | n = 3, p = 0.2) = 3 × 0.04 × 0.8 + 0.008 = 0.104
    expect(binomialUpperTail(2, 3, 0.2)).toBeCloseTo(0.104, 12);
    expect(binomialUpperTail(9, 10, 0.5)).toBeCloseTo(signTestUpperTail(9, 10), 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
  });
});
