// Rating-text tallies: which reviews' stars contradict their words, counted as they are scored, and
// the few kept to quote: every review counts, quotable or not; per kind and source the three most
// telling reviews of distinct text are kept, in any batch order.
import { describe, expect, it } from 'vitest';
import {
  mergeRatingMismatches,
  mismatchOf,
  type RatedReview,
  ratingMismatchOf,
} from '#domain/alignment/rating-tallies';

function review(index: number, overrides: Partial<RatedReview>): RatedReview {
  return {
    signalId: `r${String(index).padStart(3, '0')}`,
    sourceId: 'shop-reviews',
    publishedAt: new Date(Date.UTC(2026, 10, 16, index % 24)).toISOString(),
    label: 'NEGATIVE',
    scores: { positive: 0.1, negative: 0.5 + (index % 5) / 10 },
    rating: { value: 5, best: 5 },
    text: `Review number ${index}.`,
    ...overrides,
  };
}

describe('rating-text tallies', () => {
  it('tell praise that reads negative and pans that read positive from reviews that agree', () => {
    expect(mismatchOf({ rating: { value: 4, best: 5 }, label: 'NEGATIVE' })).toBe('praised');
    expect(mismatchOf({ rating: { value: 2, best: 5 }, label: 'POSITIVE' })).toBe('panned');
    expect(mismatchOf({ rating: { value: 3, best: 5 }, label: 'NEGATIVE' })).toBeNull();
    expect(mismatchOf({ rating: { value: 5, best: 5 }, label: 'POSITIVE' })).toBeNull();
    expect(mismatchOf({ rating: { value: 8, best: 10 }, label: 'NEGATIVE' })).toBe('praised');
    expect(mismatchOf({ rating: null, label: 'NEGATIVE' })).toBeNull();
  });

  it('count every mismatch, quote at most three of distinct text per kind and source, in any batch order', () => {
    const reviews = [
      ...Array.from({ length: 20 }, (_, index) => review(index, {})),
      // the same text twice: only the stronger may be quoted (the strongest, then the latest, come first)
      review(30, { text: 'Same words.', scores: { positive: 0, negative: 0.99 } }),
      review(31, { text: 'Same words.', scores: { positive: 0, negative: 0.98 } }),
      // no text: counted, never quoted
      review(32, { text: undefined, scores: { positive: 0, negative: 1 } }),
      ...Array.from({ length: 4 }, (_, index) =>
        review(40 + index, { label: 'POSITIVE', rating: { value: 1, best: 5 }, sourceId: 'app-store' }),
      ),
    ];
    const whole = ratingMismatchOf(reviews);
    expect([whole.praisedButNegative, whole.pannedButPositive]).toEqual([23, 4]);
    expect(whole.refs.map((ref) => ref.signalId)).toEqual(['r030', 'r019', 'r014', 'r043', 'r042', 'r041']);
    const batches = [reviews.slice(0, 7), reviews.slice(7, 21), reviews.slice(21)].map(ratingMismatchOf);
    expect(mergeRatingMismatches(batches.reverse())).toEqual(whole);
  });
});
