// A review burst alerts when its last review falls in the window or in the day before it (a burst
// is a day long, and the daily search may keep it the morning after), and fewer alerts ask for
// larger bursts.
import { describe, expect, it } from 'vitest';
import type { ReviewBurst } from '#domain/alignment/review-bursts';
import { reviewBurstFindings } from '#domain/alerts/review-burst';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-18T12:30:00.000Z');

function burst(lastAt: number, reviews = 5): ReviewBurst {
  return {
    anchorId: `review-${lastAt}`,
    firstAt: new Date(lastAt - 3 * HOUR).toISOString(),
    lastAt: new Date(lastAt).toISOString(),
    reviews,
    sources: ['shop-reviews'],
    meanSimilarity: 0.8,
    best: 5,
    evidence: [],
  };
}

describe('review-burst alerts', () => {
  it('fire for a burst that ended within the window or the 24 hours before it, not earlier and not after now', () => {
    const recent = burst(NOW - 2 * HOUR);
    const yesterday = burst(NOW - 40 * HOUR);
    const older = burst(NOW - 49 * HOUR);
    const later = burst(NOW + HOUR);
    const found = reviewBurstFindings([older, yesterday, recent, later], { now: NOW, windowHours: 24 });
    expect(new Set(found.map((finding) => finding.burst.anchorId))).toEqual(
      new Set([recent.anchorId, yesterday.anchorId]),
    );
    expect(found[0]).toMatchObject({ kind: 'review-burst', channel: 'review', window: { hours: 3 } });
  });

  it('ask for ten reviews with fewer alerts, five otherwise', () => {
    const small = burst(NOW - HOUR, 6);
    const large = burst(NOW - 2 * HOUR, 10);
    const at = (sensitivity: 'fewer' | 'balanced' | 'more') =>
      reviewBurstFindings([small, large], { now: NOW, windowHours: 24, sensitivity }).map((each) => each.burst.reviews);
    expect(at('fewer')).toEqual([10]);
    expect(at('balanced')).toEqual([10, 6]);
    expect(at('more')).toEqual([10, 6]);
  });
});
