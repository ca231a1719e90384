// The weeks of the history as instants, so that every mention, score and signal is put in its ISO
// week (in the profile's time zone) by a binary search on numbers rather than a time-zone lookup each.
import { isoWeekRange } from '../iso-week';
import { AlignmentInputError } from './errors';

export interface WeekCalendar {
  weeks: readonly string[];
  zone: string;
  /** Start of each week, epoch ms; the week i is [starts[i], starts[i + 1]) and the last ends at `end`. */
  starts: readonly number[];
  end: number;
  /** Index of the reporting week (the last). */
  last: number;
  /** Index of the week an instant falls in, or -1 outside the history. */
  weekIndexOf(instant: number): number;
  startOf(index: number): number;
  endOf(index: number): number;
}

/** Checks that `weeks` are consecutive ISO weeks ending with `week`, and lays them out as instants. */
export function weekCalendar(week: string, weeks: readonly string[], zone: string): WeekCalendar {
  if (weeks.length === 0)
    throw new AlignmentInputError(
      'weeks is empty; pass the history to report on, oldest first, ending with the reported week',
    );
  if (weeks[weeks.length - 1] !== week) {
    throw new AlignmentInputError(
      `weeks must end with the reported week ${week}; it ends with ${weeks[weeks.length - 1]}`,
    );
  }
  const ranges = weeks.map((each) => {
    try {
      return isoWeekRange(each, zone);
    } catch (error) {
      throw new AlignmentInputError(`weeks holds "${each}": ${(error as Error).message}`);
    }
  });
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i - 1]?.to !== ranges[i]?.from) {
      throw new AlignmentInputError(
        `weeks must be consecutive, oldest first; ${weeks[i]} does not follow ${weeks[i - 1]}`,
      );
    }
  }
  const starts = ranges.map((range) => Date.parse(range.from));
  const end = Date.parse((ranges[ranges.length - 1] as { to: string }).to);
  const startOf = (index: number) => starts[index] ?? end;
  return {
    weeks,
    zone,
    starts,
    end,
    last: weeks.length - 1,
    startOf,
    endOf: (index) => (index + 1 < starts.length ? startOf(index + 1) : end),
    weekIndexOf(instant) {
      if (!(instant >= startOf(0) && instant < end)) return -1;
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (startOf(middle) <= instant) low = middle;
        else high = middle - 1;
      }
      return low;
    },
  };
}

/** Indices of the last `count` weeks (fewer when the history is shorter), oldest first. */
export function lastWeeks(calendar: WeekCalendar, count: number): number[] {
  const first = Math.max(0, calendar.last - count + 1);
  return Array.from({ length: calendar.last - first + 1 }, (_, offset) => first + offset);
}

/**
 * The day of an instant in a week: the week's length over 7, so a clock change shifts a day's
 * edge by an hour at most. The alignment engine cuts days the same way (topics, backlash).
 */
export function dayOfWeek(weekStart: number, weekEnd: number, instant: number): number {
  const dayLength = (weekEnd - weekStart) / 7;
  return Math.max(0, Math.min(6, Math.floor((instant - weekStart) / dayLength)));
}

/** Hours a week is cut into for counts that need finer instants than days (24 to a day, cut as days are). */
export const SLOTS_PER_WEEK = 168;

/** The slot (hour) of an instant in a week: the week's length over 168, so 24 slots make each day of dayOfWeek. */
export function slotOfWeek(weekStart: number, weekEnd: number, instant: number): number {
  const slotLength = (weekEnd - weekStart) / SLOTS_PER_WEEK;
  return Math.max(0, Math.min(SLOTS_PER_WEEK - 1, Math.floor((instant - weekStart) / slotLength)));
}

/** Where a slot of a week starts (epoch ms); slot 168 is the week's end. */
export function slotStart(weekStart: number, weekEnd: number, slot: number): number {
  if (slot >= SLOTS_PER_WEEK) return weekEnd;
  return weekStart + ((weekEnd - weekStart) * slot) / SLOTS_PER_WEEK;
}
