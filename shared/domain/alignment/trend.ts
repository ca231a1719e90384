// Real change or noise? The value's last weeks pooled against all earlier weeks of the history: the
// difference of the two nets gets a MOVER interval from their own intervals, and counts as a change
// only when that interval excludes 0 and the change is at least thresholds.divergence.
import { lastWeeks, type WeekCalendar } from './calendar';
import { ALIGNMENT_RULES } from './rules';
import { differenceInterval, netEstimate, netInterval, netOfTally } from './statistics';
import type { PeriodFigure, Tally, TrendDirection, TrendTest } from './types';
import { periodTally, type ValueEvidence } from './weekly-figures';

export interface TrendSettings {
  z: number;
  minMentions: number;
  divergence: number;
}

function periodFigure(calendar: WeekCalendar, weeks: number[], tally: Tally, z: number): PeriodFigure {
  return {
    weeks: weeks.map((week) => calendar.weeks[week] as string),
    mentions: tally.n,
    net: netOfTally(tally),
    interval: netInterval(tally, z),
  };
}

export function trendTest(evidence: ValueEvidence, calendar: WeekCalendar, settings: TrendSettings): TrendTest {
  const recentWeeks = lastWeeks(calendar, ALIGNMENT_RULES.trendRecentWeeks);
  const earlierWeeks = Array.from({ length: recentWeeks[0] ?? 0 }, (_, week) => week);
  const recentTally = periodTally(evidence, recentWeeks);
  const earlierTally = periodTally(evidence, earlierWeeks);
  const recent = periodFigure(calendar, recentWeeks, recentTally, settings.z);
  const earlier = periodFigure(calendar, earlierWeeks, earlierTally, settings.z);
  const a = netEstimate(recentTally, settings.z);
  const b = netEstimate(earlierTally, settings.z);
  if (a === null || b === null)
    return { recent, earlier, difference: null, interval: null, direction: 'not-enough-evidence' };
  const difference = a.value - b.value;
  const interval = differenceInterval(a, b);
  let direction: TrendDirection = 'steady';
  if (recentTally.n < settings.minMentions || earlierTally.n < settings.minMentions) direction = 'not-enough-evidence';
  else if (interval.high < 0 && difference <= -settings.divergence) direction = 'falling';
  else if (interval.low > 0 && difference >= settings.divergence) direction = 'rising';
  return { recent, earlier, difference, interval, direction };
}
