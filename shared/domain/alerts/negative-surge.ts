// Alert kind 1, a surge in negative mentions: per declared value and channel, the last hours (24 by
// default) hold more negative mentions, and a larger negative share, than the same weekday hours of
// the weeks before explain. Counted from the weekly rollups' hourly counts (rollup.ts), so detection
// reads the same few items at 1,000 or 100,000 signals a week. docs/alerts.md gives the rule in words.
//
// It fires when all of these hold:
//   1. the window holds at least minMentions mentions of the value on the channel (the profile's);
//   2. its negative count is beyond what the baseline explains: of the negatives of the window and
//      its baseline windows, the window holds more than its share (1 / (baseline windows + 1) when
//      volume is steady) by a one-sided binomial test at the profile's confidence,
//      P(X ≥ window | all, share) ≤ (1 − confidence) / 2, and at least `countRatio` times the
//      baseline's mean per window;
//   3. its negative share rose: the difference of the shares (window − baseline) is at least
//      `shareRise`, and, when the baseline holds at least minMentions mentions, its interval (Wilson
//      limits, Newcombe's method) lies above 0 (a smaller baseline's share is too loose to test
//      against: test 2 carries the evidence there).
// The baseline is the same hours in each of the `baselineWeeks` weeks before that has data (a week
// with scored signals, after the store's data began); with none, the hours with data of the 6 days
// before the window (at least a window's worth), scaled to its length, and the alert says so.
import { binomialUpperTail, differenceInterval, wilsonInterval, zFor } from '../alignment/statistics';
import type { Interval } from '../digest-model';
import type { Channel, Profile } from '../profile';
import type { Rollup } from '../rollup';
import { type HourCounter, type HourCounts, hourCounter } from './hour-counts';
import { type HourWindow, hoursBefore, lastHours, weeksEarlier } from './hour-window';
import type { SENSITIVITIES } from './settings';

export type Sensitivity = (typeof SENSITIVITIES)[number];

/** What each sensitivity asks of a surge beyond the statistical tests: how large it must be. */
export const SENSITIVITY: Record<Sensitivity, { shareRise: number; countRatio: number }> = {
  fewer: { shareRise: 0.25, countRatio: 3 },
  balanced: { shareRise: 0.15, countRatio: 2 },
  more: { shareRise: 0.1, countRatio: 1.5 },
};

export const SURGE_DEFAULTS = {
  windowHours: 24,
  /** Weeks of the same hours compared with. */
  baselineWeeks: 4,
  /** Without any earlier week: the hours just before the window, 6 days' worth. */
  fallbackHours: 6 * 24,
  sensitivity: 'balanced' as Sensitivity,
};

/** The channels a surge is looked for on: where customers speak (statements are the brand's own). */
export const SURGE_CHANNELS = ['review', 'social', 'news'] as const satisfies readonly Channel[];

export interface SurgeBaseline {
  /** same-hours: the same hours of earlier weeks; hours-before: the hours just before the window (no earlier week had data). */
  basis: 'same-hours' | 'hours-before';
  /** How many earlier weeks it holds, of how many the rule wants (0 with hours-before). */
  weeks: number;
  wanted: number;
  /** How many windows of the window's length it spans: its weeks, or with hours-before its hours with data over the window's (at most 6 for 24 hours). */
  windows: number;
  mentions: number;
  negative: number;
  /** Negative share of the baseline; null without mentions. */
  share: number | null;
  /** Negatives a window of the baseline holds on average (scaled to the window's length with hours-before). */
  negativePerWindow: number;
}

export interface NegativeSurge {
  kind: 'negative-surge';
  valueId: string;
  channel: Channel;
  window: { from: string; to: string; hours: number };
  mentions: number;
  negative: number;
  share: number;
  /** Wilson interval of the window's negative share at the profile's confidence. */
  shareInterval: Interval;
  baseline: SurgeBaseline;
  /** Window share minus baseline share, with its interval. */
  shareRise: { value: number; interval: Interval };
  /** Window negatives over the baseline's mean per window (the mean taken as at least 1). */
  countRatio: number;
  /** The binomial test's P(X ≥ window negatives). */
  pValue: number;
  /** How large, for ordering: the share rise times the count ratio's log. */
  severity: number;
}

export interface SurgeSearch {
  profile: Profile;
  /** The rollups of the weeks the window and its baseline touch: the values' and the weeks' totals. */
  rollups: readonly Rollup[];
  /** Epoch ms. */
  now: number;
  /**
   * When the store's data begins (epoch ms: its earliest signal). Hours before it are unknown, not
   * quiet: a window reaching back before it is not judged, and a baseline holds only later hours.
   */
  dataFrom?: number;
  windowHours?: number;
  sensitivity?: Sensitivity;
  baselineWeeks?: number;
}

/** The windows a search reads: the last hours, and each baseline window (for the caller to read their weeks' rollups). */
export function surgeWindows(
  now: number,
  zone: string,
  options: Pick<SurgeSearch, 'windowHours' | 'baselineWeeks'> = {},
): { window: HourWindow; earlier: HourWindow[]; before: HourWindow } {
  const window = lastHours(now, options.windowHours ?? SURGE_DEFAULTS.windowHours, zone);
  const weeks = options.baselineWeeks ?? SURGE_DEFAULTS.baselineWeeks;
  return {
    window,
    earlier: Array.from({ length: weeks }, (_, index) => weeksEarlier(window, index + 1, zone)),
    before: hoursBefore(window, SURGE_DEFAULTS.fallbackHours, zone),
  };
}

/** The ISO weeks whose rollups a search at `now` reads. */
export function surgeWeeks(
  now: number,
  zone: string,
  options: Pick<SurgeSearch, 'windowHours' | 'baselineWeeks'> = {},
): string[] {
  const { window, earlier, before } = surgeWindows(now, zone, options);
  const weeks = new Set([window, ...earlier, before].flatMap((each) => each.slots.map((slot) => slot.week)));
  return [...weeks].sort();
}

export function negativeSurges(search: SurgeSearch): NegativeSurge[] {
  const { profile } = search;
  const zone = profile.digest.timezone;
  const sensitivity = SENSITIVITY[search.sensitivity ?? SURGE_DEFAULTS.sensitivity];
  const z = zFor(profile.thresholds.confidence);
  const wanted = search.baselineWeeks ?? SURGE_DEFAULTS.baselineWeeks;
  const { window, earlier, before } = surgeWindows(search.now, zone, search);
  const countsOf = hourCounter(search.rollups, zone, search.dataFrom);

  const surges: NegativeSurge[] = [];
  for (const value of profile.values) {
    for (const channel of SURGE_CHANNELS) {
      const now = countsOf(value.id, channel, window);
      if (now === undefined || now.mentions < profile.thresholds.minMentions) continue;
      const baseline = baselineOf(value.id, channel, countsOf, earlier, before, wanted, window.slots.length);
      if (baseline === undefined) continue;
      const surge = judge(now, baseline, sensitivity, profile.thresholds.confidence, z, profile.thresholds.minMentions);
      if (surge === undefined) continue;
      surges.push({
        kind: 'negative-surge',
        valueId: value.id,
        channel,
        window: {
          from: new Date(window.from).toISOString(),
          to: new Date(window.to).toISOString(),
          hours: window.slots.length,
        },
        ...surge,
        baseline,
      });
    }
  }
  return surges.sort((a, b) => b.severity - a.severity || a.valueId.localeCompare(b.valueId));
}

function baselineOf(
  valueId: string,
  channel: Channel,
  countsOf: HourCounter,
  earlier: readonly HourWindow[],
  before: HourWindow,
  wanted: number,
  windowHours: number,
): SurgeBaseline | undefined {
  const weeks = earlier.map((hours) => countsOf(valueId, channel, hours)).filter((each) => each !== undefined);
  if (weeks.length > 0) {
    const mentions = weeks.reduce((sum, each) => sum + each.mentions, 0);
    const negative = weeks.reduce((sum, each) => sum + each.negative, 0);
    return {
      basis: 'same-hours',
      weeks: weeks.length,
      wanted,
      windows: weeks.length,
      mentions,
      negative,
      share: mentions === 0 ? null : negative / mentions,
      negativePerWindow: negative / weeks.length,
    };
  }
  // the hours of those 6 days that have data: a store whose data began 2 days ago compares with 2 days
  const hours = countsOf(valueId, channel, before, true);
  // at least a window's worth of known hours, or there is nothing to compare with yet
  if (hours === undefined || hours.hours < windowHours) return undefined;
  const windows = hours.hours / windowHours;
  return {
    basis: 'hours-before',
    weeks: 0,
    wanted,
    windows,
    mentions: hours.mentions,
    negative: hours.negative,
    share: hours.mentions === 0 ? null : hours.negative / hours.mentions,
    negativePerWindow: hours.negative / windows,
  };
}

function judge(
  now: HourCounts,
  baseline: SurgeBaseline,
  sensitivity: (typeof SENSITIVITY)[Sensitivity],
  confidence: number,
  z: number,
  minMentions: number,
): Omit<NegativeSurge, 'kind' | 'valueId' | 'channel' | 'window' | 'baseline'> | undefined {
  const countRatio = now.negative / Math.max(baseline.negativePerWindow, 1);
  if (countRatio < sensitivity.countRatio) return undefined;
  // the window's expected part of all these negatives, were the rate steady
  const expectedShare = 1 / (baseline.windows + 1);
  const pValue = binomialUpperTail(now.negative, now.negative + baseline.negative, expectedShare);
  if (pValue > (1 - confidence) / 2) return undefined;
  const share = now.negative / now.mentions;
  const shareInterval = wilsonInterval(now.negative, now.mentions, z) as Interval;
  const baseShare = baseline.share ?? 0;
  // a baseline without mentions had no negative share to rise from: the rise is the window's share
  const baseInterval = wilsonInterval(baseline.negative, baseline.mentions, z) ?? { low: 0, high: 0 };
  const rise = differenceInterval(
    { value: share, interval: shareInterval },
    { value: baseShare, interval: baseInterval },
  );
  if (share - baseShare < sensitivity.shareRise) return undefined;
  // a baseline of fewer than minMentions has a share too loose to test against: there the count
  // test above carries the evidence, and the share must only have risen by the sensitivity's points
  if (baseline.mentions >= minMentions && rise.low <= 0) return undefined;
  return {
    mentions: now.mentions,
    negative: now.negative,
    share,
    shareInterval,
    shareRise: { value: share - baseShare, interval: rise },
    countRatio,
    pValue,
    severity: (share - baseShare) * Math.log2(1 + countRatio),
  };
}
