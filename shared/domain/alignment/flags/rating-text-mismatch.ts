// Rule 6, rating-text mismatch: reviews whose stars say one thing and whose words another: rated at
// least 4/5 with a NEGATIVE document sentiment, or at most 2/5 with a POSITIVE one. Flagged when at
// least 3 such reviews were published in the reputation window (the reporting week and the 4 before).
import { lastWeeks } from '../calendar';
import { pickEvidence, quoteOf, ratingText, type EvidenceCandidate } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag } from '../types';
import { plural } from '../wording';
import { periodText, type FlagContext } from './context';

export function ratingTextMismatchFlags(context: FlagContext): AlignmentFlag[] {
  const weeks = lastWeeks(context.calendar, ALIGNMENT_RULES.reputationWeeks);
  const from = context.calendar.startOf(weeks[0] ?? context.calendar.last);
  const to = context.calendar.end;
  const praisedButNegative: EvidenceCandidate[] = [];
  const pannedButPositive: EvidenceCandidate[] = [];
  for (const score of context.input.scores) {
    if (score.status !== 'scored' || score.channel !== 'review') continue;
    const time = Date.parse(score.publishedAt);
    if (time < from || time >= to) continue;
    const signal = context.signals.get(score.signalId);
    const rating = score.rating ?? signal?.rating ?? null;
    if (rating === null || rating.best <= 0) continue;
    const stars = rating.value / rating.best;
    const high = stars >= ALIGNMENT_RULES.ratingHighShare && score.sentiment.label === 'NEGATIVE';
    const low = stars <= ALIGNMENT_RULES.ratingLowShare && score.sentiment.label === 'POSITIVE';
    if (!high && !low) continue;
    const candidate: EvidenceCandidate = {
      signalId: score.signalId,
      quote: quoteOf(signal?.text ?? ''),
      title: signal?.title ?? '',
      sourceId: score.sourceId,
      channel: score.channel,
      publishedAt: score.publishedAt,
      rating: ratingText(rating),
      time,
      strength: high ? score.sentiment.scores.negative : score.sentiment.scores.positive,
    };
    (high ? praisedButNegative : pannedButPositive).push(candidate);
  }
  const total = praisedButNegative.length + pannedButPositive.length;
  if (total < ALIGNMENT_RULES.ratingMismatchMinReviews) return [];
  const withText = (list: EvidenceCandidate[]) => list.filter((candidate) => candidate.quote.length > 0);
  // both kinds quoted when both occur: two of the commoner, one of the other
  const [more, fewer] =
    praisedButNegative.length >= pannedButPositive.length
      ? [praisedButNegative, pannedButPositive]
      : [pannedButPositive, praisedButNegative];
  const evidence = [...pickEvidence(withText(more), fewer.length > 0 ? 2 : 3), ...pickEvidence(withText(fewer), 1)];
  return [
    {
      kind: 'rating-text-mismatch',
      valueId: null,
      title: `${plural(total, 'review')}’ stars contradict their words`,
      explanation:
        `${periodText(context, from, to)}: ${praisedButNegative.length} rated 4–5 stars read negative and ` +
        `${pannedButPositive.length} rated 1–2 stars read positive. Star averages alone would mislead; ` +
        'the figures here count what the words say.',
      rule:
        `At least ${ALIGNMENT_RULES.ratingMismatchMinReviews} reviews in the last ${ALIGNMENT_RULES.reputationWeeks} weeks rated ≥ 4/5 ` +
        'with negative text, or ≤ 2/5 with positive text.',
      evidence,
      severity: severityOf('rating-text-mismatch', total / (total + 10)),
    },
  ];
}
