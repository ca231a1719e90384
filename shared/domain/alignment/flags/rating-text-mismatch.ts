// Rule 6, rating-text mismatch: reviews whose stars say one thing and whose words another: rated at
// least 4/5 with a NEGATIVE document sentiment, or at most 2/5 with a POSITIVE one. Flagged when at
// least 3 such reviews were published in the reputation window (the reporting week and the 4 before).
// Counted as the reviews are scored (rating-tallies.ts); the reviews quoted are read back by the caller.
import { lastWeeks } from '../calendar';
import { pickEvidence, quoteOf, type EvidenceCandidate } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag } from '../types';
import { plural } from '../wording';
import { periodText, type FlagContext } from './context';

export function ratingTextMismatchFlags(context: FlagContext): AlignmentFlag[] {
  const weeks = lastWeeks(context.calendar, ALIGNMENT_RULES.reputationWeeks);
  const from = context.calendar.startOf(weeks[0] ?? context.calendar.last);
  const to = context.calendar.end;
  const counted = weeks.flatMap((week) => {
    const ratings = context.weekTotals[week]?.ratings;
    return ratings === undefined ? [] : [ratings];
  });
  const praisedCount = counted.reduce((sum, each) => sum + each.praisedButNegative, 0);
  const pannedCount = counted.reduce((sum, each) => sum + each.pannedButPositive, 0);
  // the reviews that may be quoted, with their text read back (a review whose text is gone is not quoted)
  const praisedButNegative: EvidenceCandidate[] = [];
  const pannedButPositive: EvidenceCandidate[] = [];
  for (const ref of counted.flatMap((each) => each.refs)) {
    const signal = context.signals.get(ref.signalId);
    (ref.kind === 'praised' ? praisedButNegative : pannedButPositive).push({
      signalId: ref.signalId,
      quote: quoteOf(signal?.text ?? ''),
      title: signal?.title ?? '',
      sourceId: ref.sourceId,
      channel: 'review',
      publishedAt: ref.publishedAt,
      rating: ref.rating,
      time: Date.parse(ref.publishedAt),
      strength: ref.strength,
    });
  }
  const total = praisedCount + pannedCount;
  if (total < ALIGNMENT_RULES.ratingMismatchMinReviews) return [];
  const withText = (list: EvidenceCandidate[]) => list.filter((candidate) => candidate.quote.length > 0);
  // both kinds quoted when both occur: two of the commoner, one of the other
  const [more, fewer, fewerCount] =
    praisedCount >= pannedCount
      ? [praisedButNegative, pannedButPositive, pannedCount]
      : [pannedButPositive, praisedButNegative, praisedCount];
  const evidence = [...pickEvidence(withText(more), fewerCount > 0 ? 2 : 3), ...pickEvidence(withText(fewer), 1)];
  return [
    {
      kind: 'rating-text-mismatch',
      valueId: null,
      title: `${plural(total, 'review')}’ stars contradict their words`,
      explanation:
        `${periodText(context, from, to)}: ${praisedCount} rated 4–5 stars read negative and ` +
        `${pannedCount} rated 1–2 stars read positive. Star averages alone would mislead; ` +
        'the figures here count what the words say.',
      rule:
        `At least ${ALIGNMENT_RULES.ratingMismatchMinReviews} reviews in the last ${ALIGNMENT_RULES.reputationWeeks} weeks rated ≥ 4/5 ` +
        'with negative text, or ≤ 2/5 with positive text.',
      evidence,
      severity: severityOf('rating-text-mismatch', total / (total + 10)),
    },
  ];
}
