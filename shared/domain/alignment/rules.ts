// The fixed parts of the flag rules: windows and thresholds that brand.yaml does not set. The
// configurable ones (minMentions, confidence, divergence) come from profile.thresholds. Every number
// here is explained in docs/alignment.md; change both together.
import type { DivergenceKind } from '../digest-model';

export const ALIGNMENT_RULES = {
  /** Trend: the last 3 weeks against all earlier weeks of the history. */
  trendRecentWeeks: 3,
  /** Stance emphasis: the reporting week and the 3 before it. */
  emphasisWeeks: 4,
  /** Topics (unclaimed strength, emerging topic, undeclared themes): key phrases of the last 4 weeks. */
  topicWeeks: 4,
  /**
   * A topic is said by at least this many customers (a signal without an author counts as its own),
   * so one chatty account does not make a theme.
   */
  topicMinAuthors: 3,
  /** A topic is said on at least this many days (of the profile's time zone), so one burst does not make a theme. */
  topicMinDays: 2,
  /** Undeclared themes: the largest this many negative and this many positive themes. */
  undeclaredThemesPerSide: 3,
  /** Emerging topic: the last 2 weeks against the 2 before. */
  risingWeeks: 2,
  unclaimedMinPositiveShare: 0.7,
  emergingMinNegativeShare: 0.6,
  /** A topic whose occurrences sit inside a value's sentences more often than this is that value's. */
  topicInValueSentencesShare: 0.5,
  /** Stance backlash: social mentions of the value this long after the statement. */
  backlashDays: 5,
  /**
   * Stance backlash: reported in the digest of every week its window overlaps and of the week after,
   * so a backlash that starts late in a week is still news in the next Monday's digest.
   */
  backlashReportWeeks: 2,
  /** Stance backlash, for a value that only sets minPositiveShare: this share of negative mentions. */
  backlashMinNegativeShare: 0.6,
  /** Rating-text mismatches and review bursts: the reporting week and the 4 before it. */
  reputationWeeks: 5,
  ratingMismatchMinReviews: 3,
  /** Stars at or above this share of the best count as praise (4/5), at or below the low one as a pan (2/5). */
  ratingHighShare: 0.8,
  ratingLowShare: 0.4,
  burstMinReviews: 5,
  burstWindowHours: 24,
  burstMinSimilarity: 0.6,
  evidencePerFlag: 3,
  quoteMaxChars: 280,
} as const;

/** Mentions a channel needs this week before its net is compared with other channels'. */
export function perChannelMinimum(minMentions: number): number {
  return Math.max(5, Math.ceil(minMentions / 2));
}

/** Ordering of flags: the tier of their kind first, then their size (a fraction below 1) within it. */
export const SEVERITY_TIER: Record<DivergenceKind, number> = {
  'say-do-gap': 6,
  'stance-backlash': 5,
  eroding: 4,
  inconsistent: 3,
  'emerging-topic': 3,
  'rating-text-mismatch': 2,
  'review-burst': 2,
  'unclaimed-strength': 1,
};

/** A severity from a kind and a size in 0..1 (clamped just below 1, so tiers never mix). */
export function severityOf(kind: DivergenceKind, size: number): number {
  const fraction = Math.min(0.999, Math.max(0, size));
  return SEVERITY_TIER[kind] + Math.round(fraction * 1000) / 1000;
}
