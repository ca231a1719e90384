// Alert kind 2, a review burst: top-rated reviews that are nearly the same text, posted close
// together (the digest's rule 8, alignment/review-bursts.ts: at least 5 within 24 hours, word-stem
// similarity ≥ 0.6 with the first). Praise that looks written to order is a sign of reputation
// management, and a team wants it the day it starts, before a platform or a journalist finds it.
// Bursts are read as the store keeps them (app/review-bursts.ts searches each day once): one whose
// last review falls in the window, or in the burst window before it (a burst is a day long, and the
// daily search may find it the morning after), fires; fewer alerts ask for larger bursts.
import { ALIGNMENT_RULES } from '../alignment/rules';
import type { ReviewBurst } from '../alignment/review-bursts';
import type { Sensitivity } from './negative-surge';

/** Reviews a burst must hold at each sensitivity (never fewer than the digest's rule asks). */
export const BURST_SENSITIVITY: Record<Sensitivity, { minReviews: number }> = {
  fewer: { minReviews: 2 * ALIGNMENT_RULES.burstMinReviews },
  balanced: { minReviews: ALIGNMENT_RULES.burstMinReviews },
  more: { minReviews: ALIGNMENT_RULES.burstMinReviews },
};

export interface ReviewBurstFinding {
  kind: 'review-burst';
  channel: 'review';
  burst: ReviewBurst;
  /** The burst's own span: its first and last review. */
  window: { from: string; to: string; hours: number };
  severity: number;
}

/** The UTC days whose kept bursts a search at `now` over `windowHours` reads (first and last). */
export function burstLookback(now: number, windowHours: number): { from: number; to: number } {
  return { from: now - (windowHours + ALIGNMENT_RULES.burstWindowHours) * 3_600_000, to: now };
}

export function reviewBurstFindings(
  bursts: readonly ReviewBurst[],
  search: { now: number; windowHours: number; sensitivity?: Sensitivity },
): ReviewBurstFinding[] {
  const { from, to } = burstLookback(search.now, search.windowHours);
  const minReviews = BURST_SENSITIVITY[search.sensitivity ?? 'balanced'].minReviews;
  return bursts
    .filter((burst) => {
      const last = Date.parse(burst.lastAt);
      return last >= from && last < to && burst.reviews >= minReviews;
    })
    .map((burst) => {
      const first = Date.parse(burst.firstAt);
      const last = Date.parse(burst.lastAt);
      return {
        kind: 'review-burst' as const,
        channel: 'review' as const,
        burst,
        window: { from: burst.firstAt, to: burst.lastAt, hours: Math.max(1, Math.ceil((last - first) / 3_600_000)) },
        severity: burst.reviews * burst.meanSimilarity,
      };
    })
    .sort((a, b) => b.severity - a.severity || a.burst.anchorId.localeCompare(b.burst.anchorId));
}
