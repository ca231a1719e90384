// Rule 8, review burst: a sign of reputation management. At least 5 top-rated reviews within 24
// hours whose texts are nearly the same (word-stem Jaccard similarity ≥ 0.6 with the first of them),
// in the reputation window (the reporting week and the 4 before). Only reviews sharing a rare word are
// compared (similar-sets.ts), which gives the same bursts as comparing every pair.
import { stems } from '#domain/value-matching';
import { lastWeeks } from '../calendar';
import { similarSetIndex } from '../similar-sets';
import { pickEvidence, quoteOf, ratingText } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag, AlignmentSignal } from '../types';
import { percent } from '../wording';
import type { FlagContext } from './context';

const HOUR_MS = 3_600_000;

interface Review {
  signal: AlignmentSignal;
  time: number;
}

/** Whether a signal can be part of a review burst: a review with the best rating its scale has. */
export function isTopRatedReview(signal: Pick<AlignmentSignal, 'channel' | 'rating'>): boolean {
  return signal.channel === 'review' && signal.rating !== null && signal.rating.value >= signal.rating.best;
}

function spanText(ms: number): string {
  if (ms <= HOUR_MS) return 'an hour';
  return `${Math.ceil(ms / HOUR_MS)} hours`;
}

export function reviewBurstFlags(context: FlagContext): AlignmentFlag[] {
  const weeks = lastWeeks(context.calendar, ALIGNMENT_RULES.reputationWeeks);
  const from = context.calendar.startOf(weeks[0] ?? context.calendar.last);
  const to = context.calendar.end;
  const reviews: Review[] = [];
  for (const signal of context.signals.values()) {
    if (!isTopRatedReview(signal)) continue;
    const time = Date.parse(signal.publishedAt);
    if (time < from || time >= to) continue;
    reviews.push({ signal, time });
  }
  reviews.sort((a, b) => a.time - b.time || a.signal.id.localeCompare(b.signal.id));

  const windowMs = ALIGNMENT_RULES.burstWindowHours * HOUR_MS;
  const flags: AlignmentFlag[] = [];
  // the index keeps the words as numbers: the stems of tens of thousands of reviews are not held as text
  const index = similarSetIndex(
    reviews.map((review) => ({ time: review.time, words: stems(review.signal.text) })),
    ALIGNMENT_RULES.burstMinSimilarity,
  );
  for (let first = 0; first < reviews.length; first++) {
    // a review in an earlier burst anchors none of its own
    if (index.isForgotten(first)) continue;
    const anchor = reviews[first] as Review;
    const burst = [first];
    const similarities: number[] = [];
    for (const { index: next, similarity } of index.similarAfter(first, windowMs)) {
      burst.push(next);
      similarities.push(similarity);
    }
    if (burst.length < ALIGNMENT_RULES.burstMinReviews) continue;
    for (const member of burst) index.forget(member);
    const members = burst.map((index) => reviews[index] as Review);
    const last = members[members.length - 1] as Review;
    const sources = [...new Set(members.map((member) => member.signal.sourceId))].join(', ');
    const meanSimilarity = similarities.reduce((sum, each) => sum + each, 0) / similarities.length;
    const best = anchor.signal.rating?.best ?? 5;
    // a burst may run past midnight (in the digest's time zone): then both days are named
    const [firstDay, lastDay] = [context.dates.day(anchor.time), context.dates.day(last.time)];
    const oneDay = firstDay === lastDay;
    const span = oneDay
      ? `between ${context.dates.time(anchor.time)} and ${context.dates.time(last.time)} on ${firstDay}`
      : `between ${context.dates.time(anchor.time)} on ${firstDay} and ${context.dates.time(last.time)} on ${lastDay}`;
    flags.push({
      kind: 'review-burst',
      valueId: null,
      title: `${members.length} near-identical ${best}-star reviews within ${spanText(last.time - anchor.time)} on ${oneDay ? firstDay : `${firstDay}–${lastDay}`}`,
      explanation:
        `${members.length} reviews rated ${best}/${best} on ${sources} ${span}, their words ${percent(meanSimilarity)} alike on average: ` +
        'a sign of solicited or fake praise. They are counted in the figures like any other review.',
      rule:
        `At least ${ALIGNMENT_RULES.burstMinReviews} top-rated reviews within ${ALIGNMENT_RULES.burstWindowHours} hours whose words overlap ` +
        `(Jaccard ≥ ${ALIGNMENT_RULES.burstMinSimilarity}), in the last ${ALIGNMENT_RULES.reputationWeeks} weeks.`,
      evidence: pickEvidence(
        members.map((member) => ({
          signalId: member.signal.id,
          quote: quoteOf(member.signal.text),
          title: member.signal.title,
          sourceId: member.signal.sourceId,
          channel: member.signal.channel,
          publishedAt: member.signal.publishedAt,
          rating: ratingText(member.signal.rating),
          time: member.time,
          strength: 1,
        })),
      ),
      severity: severityOf('review-burst', members.length / (members.length + 10)),
    });
  }
  return flags;
}
