// Counting a value's mentions on a channel over hours of the week, from the weekly rollups' hourly
// counts: what every alert rule reads instead of the mentions themselves, so that detection reads
// the same few items at 1,000 or 100,000 signals a week.
import { slotStart } from '../alignment/calendar';
import type { Channel } from '../profile';
import { hourlyCounts, type Rollup, WEEK_TOTALS } from '../rollup';
import { type HourWindow, weekBounds } from './hour-window';

export interface HourCounts {
  mentions: number;
  positive: number;
  negative: number;
  /** The hours counted. */
  hours: number;
}

/** Counts a value's mentions on a channel over a window's hours; undefined when they are not known. */
export type HourCounter = (
  valueId: string,
  channel: Channel,
  hours: HourWindow,
  /** Count the hours of the window that are known and pass over the others (else: all known, or undefined). */
  partial?: boolean,
) => HourCounts | undefined;

/**
 * An hour is known when it began after the store's data did (dataFrom, epoch ms: hours before it
 * are unknown, not quiet), its week had scored signals (a WEEK_TOTALS rollup), and the value's rollup
 * of it kept hours (a week with data and no rollup of the value had no mention of it).
 */
export function hourCounter(rollups: readonly Rollup[], zone: string, dataFrom?: number): HourCounter {
  const weeksWithData = new Set(
    rollups.filter((rollup) => rollup.subject === WEEK_TOTALS).map((rollup) => rollup.week),
  );
  const byValueWeek = new Map(rollups.map((rollup) => [`${rollup.subject}\u0000${rollup.week}`, rollup]));
  const bounds = weekBounds(zone);
  return (valueId, channel, hours, partial = false) => {
    const counts: HourCounts = { mentions: 0, positive: 0, negative: 0, hours: 0 };
    for (const { week, slot } of hours.slots) {
      const rollup = byValueWeek.get(`${valueId}\u0000${week}`);
      const hourly = rollup === undefined ? {} : hourlyCounts(rollup, channel);
      const { start, end } = bounds(week);
      const beforeData = dataFrom !== undefined && slotStart(start, end, slot) < dataFrom;
      if (beforeData || !weeksWithData.has(week) || hourly === undefined) {
        if (partial) continue;
        return undefined;
      }
      const [mentions, positive, negative] = hourly[slot] ?? [0, 0, 0];
      counts.mentions += mentions;
      counts.positive += positive;
      counts.negative += negative;
      counts.hours++;
    }
    return counts.hours === 0 ? undefined : counts;
  };
}
