// biome-ignore-all lint/correctness/noPrecisionLoss: the coefficients are written as published (Wichura, AS241); float64 rounds them as intended
// The statistics behind every figure and flag, on counts only. Net sentiment is the positive share
// minus the negative share of a set of mentions; its interval is a MOVER interval (method of
// variance estimates recovery: Newcombe 1998, Zou & Donner 2008) built from the Wilson intervals of
// the two shares and their multinomial correlation. It stays inside -1..1, always contains the
// observed net, and is sensible at small n; docs/alignment.md has the formulas and hand-worked cases.
import type { Interval } from '../digest-model';
import type { Tally } from './types';

/**
 * The standard normal quantile (inverse CDF), Wichura's algorithm AS 241 (PPND16), accurate to
 * about 1e-16 over (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** The z of a two-sided interval at this confidence, e.g. 1.6449 at 0.9. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Wilson score interval of a proportion; null when n is 0. */
export function wilsonInterval(successes: number, n: number, z: number): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: clamp(centre - half, 0, 1), high: clamp(centre + half, 0, 1) };
}

/** Positive share minus negative share; null without mentions. */
export function netOfTally(tally: Tally): number | null {
  return tally.n === 0 ? null : (tally.positive - tally.negative) / tally.n;
}

export function positiveShareOf(tally: Tally): number | null {
  return tally.n === 0 ? null : tally.positive / tally.n;
}

/**
 * MOVER interval of net = p − q, where p and q are the positive and negative shares of the same n
 * mentions. With Wilson limits (lp, up) and (lq, uq) and the multinomial correlation
 * ρ = −√(pq / ((1−p)(1−q))) (0 when p or q is 0):
 *   low  = (p − q) − √((p − lp)² + (uq − q)² − 2ρ(p − lp)(uq − q))
 *   high = (p − q) + √((up − p)² + (q − lq)² − 2ρ(up − p)(q − lq))
 */
export function netInterval(tally: Tally, z: number): Interval | null {
  const { n, positive, negative } = tally;
  if (n <= 0) return null;
  const p = positive / n;
  const q = negative / n;
  const P = wilsonInterval(positive, n, z) as Interval;
  const Q = wilsonInterval(negative, n, z) as Interval;
  const rho = p * q === 0 ? 0 : -Math.sqrt((p * q) / ((1 - p) * (1 - q)));
  const net = p - q;
  const downP = p - P.low;
  const upQ = Q.high - q;
  const upP = P.high - p;
  const downQ = q - Q.low;
  const lowArm = Math.sqrt(Math.max(0, downP * downP + upQ * upQ - 2 * rho * downP * upQ));
  const highArm = Math.sqrt(Math.max(0, upP * upP + downQ * downQ - 2 * rho * upP * downQ));
  return { low: clamp(net - lowArm, -1, 1), high: clamp(net + highArm, -1, 1) };
}

export interface Estimate {
  value: number;
  interval: Interval;
}

/**
 * MOVER interval of a − b for two independent estimates with their own intervals (Newcombe's
 * hybrid score method generalised): the difference of two nets, e.g. recent weeks against earlier ones.
 *   low  = (a − b) − √((a − la)² + (ub − b)²)
 *   high = (a − b) + √((ua − a)² + (b − lb)²)
 */
export function differenceInterval(a: Estimate, b: Estimate): Interval {
  const difference = a.value - b.value;
  const low = difference - Math.hypot(a.value - a.interval.low, b.interval.high - b.value);
  const high = difference + Math.hypot(a.interval.high - a.value, b.value - b.interval.low);
  return { low, high };
}

/** The net and its interval as one estimate; null without mentions. */
export function netEstimate(tally: Tally, z: number): Estimate | null {
  const value = netOfTally(tally);
  const interval = netInterval(tally, z);
  return value === null || interval === null ? null : { value, interval };
}

/**
 * P(X ≥ k) for X ~ Binomial(n, 1/2): the one-sided sign test of "k of n fell on this side" against
 * an even split. Summed in log space, so it holds for any n.
 */
export function signTestUpperTail(k: number, n: number): number {
  return binomialUpperTail(k, n, 0.5);
}

/** P(X ≥ k) for X ~ Binomial(n, p): how likely k or more of n fall on one side when each does with probability p. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  let logChoose = 0; // log C(n, 0)
  let total = 0;
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  for (let i = 0; i <= n; i++) {
    if (i >= k) total += Math.exp(logChoose + i * logP + (n - i) * logQ);
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, total);
}

export function emptyTally(): Tally {
  return { n: 0, positive: 0, negative: 0 };
}

export function addTallies(into: Tally, from: Tally): Tally {
  into.n += from.n;
  into.positive += from.positive;
  into.negative += from.negative;
  return into;
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  const sum = emptyTally();
  for (const tally of tallies) addTallies(sum, tally);
  return sum;
}
