// What the rating-text mismatch rule needs of a week's reviews, counted as they are scored: how many
// were rated 4–5 stars and read negative, how many were rated 1–2 stars and read positive, and which
// of them could be quoted (per kind and source, the three most telling of distinct text: all that
// pickEvidence can choose from). The weekly rollup of the week's totals keeps it (rollup.ts), so the
// digest reads no review one by one for this rule; only the few quoted ones are read back.
import { z } from 'zod';
import type { SentimentLabel } from '../analyzer';
import type { Signal } from '../signal';
import { keepTelling, quoteOf, ratingText } from './evidence';
import { ALIGNMENT_RULES } from './rules';
import { quoteHashOf } from './topic-tallies';

/** Quotable reviews kept per kind and source. */
export const MISMATCH_REFS_PER_SOURCE = 3;

export const MismatchRefSchema = z.object({
  signalId: z.string(),
  sourceId: z.string(),
  /** Praised: rated ≥ 4/5, reads negative. Panned: rated ≤ 2/5, reads positive. */
  kind: z.enum(['praised', 'panned']),
  publishedAt: z.iso.datetime(),
  /** The review's score in the direction its words go. */
  strength: z.number(),
  rating: z.string(),
  /** A hash of the quote, so that reviews of the same text are told apart without keeping it. */
  quoteHash: z.string(),
});
export type MismatchRef = z.infer<typeof MismatchRefSchema>;

export const RatingMismatchSchema = z.object({
  praisedButNegative: z.number().int().min(0),
  pannedButPositive: z.number().int().min(0),
  refs: z.array(MismatchRefSchema),
});
export type RatingMismatch = z.infer<typeof RatingMismatchSchema>;

export const noMismatch = (): RatingMismatch => ({ praisedButNegative: 0, pannedButPositive: 0, refs: [] });

export interface RatedReview {
  signalId: string;
  sourceId: string;
  publishedAt: string;
  label: SentimentLabel;
  scores: { positive: number; negative: number };
  rating: Signal['rating'];
  /** The review's text, when there is some to quote. */
  text: string | undefined;
}

/** Whether a review's stars contradict its words, and which way; null when they agree or it has no rating. */
export function mismatchOf(review: Pick<RatedReview, 'rating' | 'label'>): MismatchRef['kind'] | null {
  const { rating } = review;
  if (rating === null || rating.best <= 0) return null;
  const stars = rating.value / rating.best;
  if (stars >= ALIGNMENT_RULES.ratingHighShare && review.label === 'NEGATIVE') return 'praised';
  if (stars <= ALIGNMENT_RULES.ratingLowShare && review.label === 'POSITIVE') return 'panned';
  return null;
}

const keepRefs = (refs: readonly MismatchRef[]) =>
  keepTelling(
    refs,
    (ref) => `${ref.kind}\u0000${ref.sourceId}`,
    (ref) => ref.quoteHash,
    MISMATCH_REFS_PER_SOURCE,
  );

/** A week's (or batch's) reviews counted. */
export function ratingMismatchOf(reviews: readonly RatedReview[]): RatingMismatch {
  const tally = noMismatch();
  const refs: MismatchRef[] = [];
  for (const review of reviews) {
    const kind = mismatchOf(review);
    if (kind === null || review.rating === null) continue;
    if (kind === 'praised') tally.praisedButNegative += 1;
    else tally.pannedButPositive += 1;
    const quote = quoteOf(review.text ?? '');
    if (quote.length === 0) continue;
    refs.push({
      signalId: review.signalId,
      sourceId: review.sourceId,
      kind,
      publishedAt: review.publishedAt,
      strength: kind === 'praised' ? review.scores.negative : review.scores.positive,
      rating: ratingText(review.rating) as string,
      quoteHash: quoteHashOf(quote),
    });
  }
  return { ...tally, refs: keepRefs(refs) };
}

/** Counts added, quotable reviews pooled: in any order, the same result. */
export function mergeRatingMismatches(parts: readonly RatingMismatch[]): RatingMismatch {
  return {
    praisedButNegative: parts.reduce((sum, part) => sum + part.praisedButNegative, 0),
    pannedButPositive: parts.reduce((sum, part) => sum + part.pannedButPositive, 0),
    refs: keepRefs(parts.flatMap((part) => part.refs)),
  };
}
