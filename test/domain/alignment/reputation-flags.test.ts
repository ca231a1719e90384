// Signs of reputation management: ratings that contradict the words, and bursts of near-identical praise.
import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentReport, type AlignmentSignal } from '#domain/alignment/index';
import type { SentimentLabel } from '#domain/analyzer';
import type { SignalScore } from '#domain/signal-score';
import { at, inputOf, mapOf, profileWith, REPAIRS, score, signal, weeksOf } from './builders';

const weeks = weeksOf(42, 47);

function review(
  stars: number,
  label: SentimentLabel,
  publishedAt: string,
  text: string,
  best = 5,
): { score: SignalScore; signal: AlignmentSignal } {
  const made = signal({ publishedAt, text, rating: { value: stars, best }, title: 'Review' });
  return { signal: made, score: score({ label, publishedAt, rating: { value: stars, best }, signalId: made.id }) };
}

function reportOf(reviews: Array<{ score: SignalScore; signal: AlignmentSignal }>): AlignmentReport {
  return computeAlignment(
    inputOf({
      profile: profileWith([REPAIRS]),
      weeks,
      scores: reviews.map((each) => each.score),
      signals: mapOf(reviews.map((each) => each.signal)),
    }),
  );
}

const flagsOf = (report: AlignmentReport, kind: string) => report.flags.filter((flag) => flag.kind === kind);

describe('a rating-text mismatch', () => {
  const mismatches = () => [
    review(5, 'NEGATIVE', at('2026-W47'), 'The frame creaks on every hill. Really disappointed.'),
    review(1, 'POSITIVE', at('2026-W45'), 'Absolutely love this bike, brilliant!'),
    review(4, 'NEGATIVE', at('2026-W43', 0, 1), 'Paint chipped within a week, awful.'),
  ];

  it('flags at least 3 reviews in the last 5 weeks whose stars contradict their words, quoting them with their ratings', () => {
    const [flag] = flagsOf(reportOf(mismatches()), 'rating-text-mismatch');
    expect(flag?.title).toBe('3 reviews’ stars contradict their words');
    expect(flag?.explanation).toContain(
      '19 Oct–22 Nov: 2 rated 4–5 stars read negative and 1 rated 1–2 stars read positive',
    );
    expect(flag?.evidence.map((item) => item.rating).sort()).toEqual(['1/5', '4/5', '5/5']);
  });

  it('is not raised on 2 such reviews, nor counts middling stars or reviews before the window', () => {
    const [first, second] = mismatches();
    const others = [
      review(3, 'NEGATIVE', at('2026-W46'), 'Average bike, the bell rattles.'),
      review(5, 'NEGATIVE', at('2026-W42'), 'Terrible saddle, awful.'),
      review(5, 'POSITIVE', at('2026-W46'), 'Great bike.'),
    ];
    expect(
      flagsOf(reportOf([first, second, ...others].filter((each) => each !== undefined)), 'rating-text-mismatch'),
    ).toEqual([]);
  });
});

describe('a review burst', () => {
  const start = Date.parse(at('2026-W43', 5, 14));
  const texts = [
    'Best bike shop ever, amazing service, highly recommend!',
    'Best bike shop ever! Amazing service, highly recommend!',
    'best bike shop ever, amazing service, highly recommended',
    'Best bike shop ever, amazing service. Highly recommend!',
    'Best bike shop ever, amazing service, would highly recommend!',
  ];
  const burst = (count: number, options: { lastAfterHours?: number; stars?: number } = {}) =>
    texts.slice(0, count).map((text, index) => {
      const hours = index === count - 1 && options.lastAfterHours !== undefined ? options.lastAfterHours : index * 0.2;
      return review(options.stars ?? 5, 'POSITIVE', new Date(start + hours * 3_600_000).toISOString(), text);
    });

  it('flags 5 near-identical top-rated reviews within 24 hours', () => {
    const [flag] = flagsOf(reportOf(burst(5)), 'review-burst');
    expect(flag?.title).toBe('5 near-identical 5-star reviews within an hour on 24 Oct');
    expect(flag?.explanation).toContain('5 reviews rated 5/5 on review-source between 14:00 and 14:48 on 24 Oct');
    expect(flag?.evidence).toHaveLength(3);
  });

  it('names both days of a burst that runs past midnight', () => {
    // the first at 14:00 on 24 Oct (British Summer Time), the last 20 hours later
    const [flag] = flagsOf(reportOf(burst(5, { lastAfterHours: 20 })), 'review-burst');
    expect(flag?.title).toBe('5 near-identical 5-star reviews within 20 hours on 24 Oct–25 Oct');
    expect(flag?.explanation).toContain(
      '5 reviews rated 5/5 on review-source between 14:00 on 24 Oct and 10:00 on 25 Oct',
    );
  });

  it('is not raised on 4 of them', () => {
    expect(flagsOf(reportOf(burst(4)), 'review-burst')).toEqual([]);
  });

  it('is not raised when the fifth comes just after 24 hours', () => {
    expect(flagsOf(reportOf(burst(5, { lastAfterHours: 24.01 })), 'review-burst')).toEqual([]);
  });

  it('is not raised on reviews below the top rating', () => {
    expect(flagsOf(reportOf(burst(5, { stars: 4 })), 'review-burst')).toEqual([]);
  });

  it('is not raised on different praise in the same hours', () => {
    const varied = [
      'The mechanic fixed my gears in ten minutes.',
      'Lovely staff in Leeds, they remembered my name.',
      'Delivered in two days and ready to ride.',
      'Best bike shop ever, amazing service, highly recommend!',
      'Fair price and no hidden fees at all.',
    ].map((text, index) => review(5, 'POSITIVE', new Date(start + index * 600_000).toISOString(), text));
    expect(flagsOf(reportOf(varied), 'review-burst')).toEqual([]);
  });
});
