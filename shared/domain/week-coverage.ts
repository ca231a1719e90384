// Which days of a digest week the stored data covers. A week that is not over yet, or in which the
// data starts or stops (an export that ends on a Tuesday), is partial: the digest says
// "partial: 2 of 7 days" and does not read its change from the week before as a trend.
import { isoWeekDays } from './iso-week';

/** The stretch of time one source's data covers, both ends included (ISO instants). */
export interface CoverageSpan {
  sourceId: string;
  from: string;
  to: string;
}

export interface WeekCoverage {
  week: string;
  /** Local calendar days of the week (0..7) that some source covers and that have begun. */
  coveredDays: number;
  /** All seven days covered. */
  complete: boolean;
}

export const DAYS_IN_WEEK = 7;

/** How many days of `week` (in `zone`) the spans cover; days that have not begun at `now` are not covered. */
export function weekCoverage(week: string, zone: string, spans: readonly CoverageSpan[], now: Date): WeekCoverage {
  const nowIso = now.toISOString();
  const coveredDays = isoWeekDays(week, zone).filter(
    (day) => day.from <= nowIso && spans.some((span) => span.from < day.to && span.to >= day.from),
  ).length;
  return { week, coveredDays, complete: coveredDays === DAYS_IN_WEEK };
}

/** "partial: 2 of 7 days", "no data for this week", or null for a complete week. */
export function partialWeekText(coverage: Pick<WeekCoverage, 'coveredDays' | 'complete'>): string | null {
  if (coverage.complete) return null;
  return coverage.coveredDays === 0
    ? 'no data for this week'
    : `partial: ${coverage.coveredDays} of ${DAYS_IN_WEEK} days`;
}
