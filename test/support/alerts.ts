// A surge alert as detection gives it, for the tests of what happens to one after: its messages,
// its delivery and the rules against spam. The figures follow from the negatives and mentions given,
// against a baseline of 8 negative of 48 mentions over 4 weeks.
import type { BurstAlert, SurgeAlert } from '#app/alerts';

export interface SurgeSpec extends Partial<Omit<SurgeAlert, 'valueId' | 'negative' | 'mentions' | 'window'>> {
  valueId?: string;
  /** When its 24-hour window ends. */
  windowTo?: string;
  negative?: number;
  mentions?: number;
}

export function surgeAlert(spec: SurgeSpec = {}): SurgeAlert {
  const {
    valueId = 'free-repairs',
    windowTo = '2026-11-18T12:00:00.000Z',
    negative = 15,
    mentions = 21,
    ...overrides
  } = spec;
  const to = Date.parse(windowTo);
  return {
    kind: 'negative-surge',
    subject: `${valueId}#social`,
    valueId,
    channel: 'social',
    window: { from: new Date(to - 24 * 3_600_000).toISOString(), to: windowTo, hours: 24 },
    mentions,
    negative,
    share: negative / mentions,
    shareInterval: { low: 0.52, high: 0.85 },
    baseline: {
      basis: 'same-hours',
      weeks: 4,
      wanted: 4,
      windows: 4,
      mentions: 48,
      negative: 8,
      share: 8 / 48,
      negativePerWindow: 2,
    },
    shareRise: { value: negative / mentions - 8 / 48, interval: { low: 0.3, high: 0.7 } },
    countRatio: negative / 2,
    pValue: 0.0001,
    severity: 1,
    value: { id: valueId, label: valueId, promise: `The promise of ${valueId}.` },
    topPhrases: [],
    quotes: [],
    checkFirst: 'Look for one story being passed on.',
    ...overrides,
  };
}

/** A review-burst alert as detection gives it: five near-identical five-star reviews from `firstAt`, ten minutes apart. */
export function burstAlert(firstAt = '2026-11-18T08:00:00.000Z', reviews = 5): BurstAlert {
  const first = Date.parse(firstAt);
  const lastAt = new Date(first + (reviews - 1) * 600_000).toISOString();
  return {
    kind: 'review-burst',
    channel: 'review',
    subject: 'review-1',
    value: null,
    burst: {
      anchorId: 'review-1',
      firstAt,
      lastAt,
      reviews,
      sources: ['shop-reviews'],
      meanSimilarity: 0.8,
      best: 5,
      evidence: [],
    },
    window: { from: firstAt, to: lastAt, hours: 1 },
    severity: reviews * 0.8,
    topPhrases: [],
    quotes: [],
    checkFirst: 'Open the reviews quoted here on their platform.',
  };
}
