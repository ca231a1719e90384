// The promise as a number: what brand.yaml expects of a value (a minimum net sentiment, a minimum
// positive share, or both), and how this week's evidence stands against it. "Contradicted" means
// below the promise beyond the interval: even the most favourable end of the interval misses it.
import type { Interval } from '../digest-model';
import type { BrandValue } from '../profile';
import { netInterval, netOfTally, positiveShareOf, wilsonInterval } from './statistics';
import type { Tally } from './types';
import { percent, signed } from './wording';

export interface Expectation {
  minNet: number | null;
  minPositiveShare: number | null;
}

export function expectationOf(value: BrandValue): Expectation {
  return { minNet: value.expected.minNetSentiment ?? null, minPositiveShare: value.expected.minPositiveShare ?? null };
}

/** "net ≥ +0.30", "positive ≥ 60%", or both joined by "and". */
export function expectedText(expectation: Expectation): string {
  const parts: string[] = [];
  if (expectation.minNet !== null) parts.push(`net ≥ ${signed(expectation.minNet)}`);
  if (expectation.minPositiveShare !== null) parts.push(`positive ≥ ${percent(expectation.minPositiveShare)}`);
  return parts.join(' and ');
}

export type Verdict = 'met' | 'below' | 'contradicted';

export interface Judgement {
  verdict: Verdict;
  net: number | null;
  interval: Interval | null;
  positiveShare: number | null;
  positiveShareInterval: Interval | null;
  /** Delivered minus expected: in net when the profile sets minNetSentiment, else in positive share. */
  gap: number | null;
  gapUnit: 'net' | 'positive-share';
  /** 1 when the promise is met, falling linearly with the shortfall to 0 at the worst possible figure. */
  score: number | null;
}

const WORSE: Record<Verdict, number> = { met: 0, below: 1, contradicted: 2 };

function verdictOf(estimate: number, interval: Interval, minimum: number): Verdict {
  if (estimate >= minimum) return 'met';
  return interval.high < minimum ? 'contradicted' : 'below';
}

/**
 * How a tally stands against the expectation. Each set minimum is checked on its own scale (net on
 * its MOVER interval, positive share on its Wilson interval) and the worse verdict wins. The score
 * is 1 − shortfall ÷ (minimum − worst), where the worst net is −1 and the worst share 0.
 */
export function judge(expectation: Expectation, tally: Tally, z: number): Judgement {
  const net = netOfTally(tally);
  const interval = netInterval(tally, z);
  const positiveShare = positiveShareOf(tally);
  const positiveShareInterval = wilsonInterval(tally.positive, tally.n, z);
  const gapUnit = expectation.minNet !== null ? 'net' : 'positive-share';
  if (net === null || interval === null || positiveShare === null || positiveShareInterval === null) {
    return { verdict: 'met', net, interval, positiveShare, positiveShareInterval, gap: null, gapUnit, score: null };
  }
  const checks: Array<{ verdict: Verdict; score: number }> = [];
  if (expectation.minNet !== null) {
    const shortfall = Math.max(0, expectation.minNet - net);
    const range = expectation.minNet + 1;
    checks.push({
      verdict: verdictOf(net, interval, expectation.minNet),
      score: range > 0 ? 1 - shortfall / range : 1,
    });
  }
  if (expectation.minPositiveShare !== null) {
    const shortfall = Math.max(0, expectation.minPositiveShare - positiveShare);
    const range = expectation.minPositiveShare;
    checks.push({
      verdict: verdictOf(positiveShare, positiveShareInterval, expectation.minPositiveShare),
      score: range > 0 ? 1 - shortfall / range : 1,
    });
  }
  const verdict = checks.reduce<Verdict>(
    (worst, check) => (WORSE[check.verdict] > WORSE[worst] ? check.verdict : worst),
    'met',
  );
  const score = Math.min(...checks.map((check) => check.score));
  const gap =
    expectation.minNet !== null ? net - expectation.minNet : positiveShare - (expectation.minPositiveShare ?? 0);
  return { verdict, net, interval, positiveShare, positiveShareInterval, gap, gapUnit, score };
}
