// Rule 8, review burst: a sign of reputation management. At least 5 top-rated reviews within 24
// hours whose texts are nearly the same (word-stem Jaccard similarity ≥ 0.6 with the first of them),
// anchored in the reputation window (the reporting week and the 4 before). The bursts are found by
// review-bursts.ts: from the window's reviews here, or kept as found day by day and passed in
// (AlignmentInput.reviewBursts), which is how the digest reads them.
import { lastWeeks } from '../calendar';
import { findReviewBursts, HOUR_MS, type ReviewBurst } from '../review-bursts';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag } from '../types';
import { percent } from '../wording';
import type { FlagContext } from './context';

function spanText(ms: number): string {
  if (ms <= HOUR_MS) return 'an hour';
  return `${Math.ceil(ms / HOUR_MS)} hours`;
}

export function reviewBurstFlags(context: FlagContext): AlignmentFlag[] {
  const weeks = lastWeeks(context.calendar, ALIGNMENT_RULES.reputationWeeks);
  const from = context.calendar.startOf(weeks[0] ?? context.calendar.last);
  const to = context.calendar.end;
  const bursts =
    context.input.reviewBursts?.filter((burst) => {
      const time = Date.parse(burst.firstAt);
      return time >= from && time < to;
    }) ??
    // without bursts found before, those of the window's own reviews
    findReviewBursts(
      [...context.signals.values()].filter((signal) => Date.parse(signal.publishedAt) < to),
      { from, to },
    ).bursts;
  return bursts.map((burst) => flagOf(context, burst));
}

function flagOf(context: FlagContext, burst: ReviewBurst): AlignmentFlag {
  const [first, last] = [Date.parse(burst.firstAt), Date.parse(burst.lastAt)];
  const sources = burst.sources.join(', ');
  const { best, reviews } = burst;
  // a burst may run past midnight (in the digest's time zone): then both days are named
  const [firstDay, lastDay] = [context.dates.day(first), context.dates.day(last)];
  const oneDay = firstDay === lastDay;
  const span = oneDay
    ? `between ${context.dates.time(first)} and ${context.dates.time(last)} on ${firstDay}`
    : `between ${context.dates.time(first)} on ${firstDay} and ${context.dates.time(last)} on ${lastDay}`;
  return {
    kind: 'review-burst',
    valueId: null,
    title: `${reviews} near-identical ${best}-star reviews within ${spanText(last - first)} on ${oneDay ? firstDay : `${firstDay}–${lastDay}`}`,
    explanation:
      `${reviews} reviews rated ${best}/${best} on ${sources} ${span}, their words ${percent(burst.meanSimilarity)} alike on average: ` +
      'a sign of solicited or fake praise. They are counted in the figures like any other review.',
    rule:
      `At least ${ALIGNMENT_RULES.burstMinReviews} top-rated reviews within ${ALIGNMENT_RULES.burstWindowHours} hours whose words overlap ` +
      `(Jaccard ≥ ${ALIGNMENT_RULES.burstMinSimilarity}), in the last ${ALIGNMENT_RULES.reputationWeeks} weeks.`,
    evidence: burst.evidence.map(({ expiresAt: _expiresAt, ...evidence }) => evidence),
    severity: severityOf('review-burst', reviews / (reviews + 10)),
  };
}
