// The hours an alert looks at, as the weekly rollups count them: hours of the week (slots, the
// week's length over 168, in digest.timezone) of ISO weeks. "The last 24 hours" are the 24 whole
// hours before the hour now falls in; the same hours a week earlier are the same slots of the week
// before, so comparing with the same weekday hours of earlier weeks reads the same slots of earlier
// weeks' rollups, whatever the brand's volume.
import { SLOTS_PER_WEEK, slotOfWeek, slotStart } from '../alignment/calendar';
import { isoWeekOf, isoWeekRange, previousIsoWeek } from '../iso-week';

export interface WeekSlot {
  week: string;
  slot: number;
}

export interface HourWindow {
  /** Epoch ms: the first hour's start and the last hour's end. */
  from: number;
  to: number;
  /** Its hours, oldest first. */
  slots: WeekSlot[];
}

const weekBeforeByZone = new Map<string, Map<string, string>>();

/** The ISO week before a week, in a zone, computed once (the hours of a window ask for it again and again). */
function weekBefore(week: string, zone: string): string {
  let known = weekBeforeByZone.get(zone);
  if (known === undefined) {
    known = new Map();
    weekBeforeByZone.set(zone, known);
  }
  let before = known.get(week);
  if (before === undefined) {
    before = previousIsoWeek(week, zone);
    known.set(week, before);
  }
  return before;
}

const boundsByZone = new Map<string, (week: string) => { start: number; end: number }>();

/** Bounds of ISO weeks in a zone, computed once per week and zone (a replay asks for them thousands of times). */
export function weekBounds(zone: string): (week: string) => { start: number; end: number } {
  let bounds = boundsByZone.get(zone);
  if (bounds === undefined) {
    bounds = boundsOf(zone);
    boundsByZone.set(zone, bounds);
  }
  return bounds;
}

function boundsOf(zone: string): (week: string) => { start: number; end: number } {
  const known = new Map<string, { start: number; end: number }>();
  return (week) => {
    let bounds = known.get(week);
    if (bounds === undefined) {
      const range = isoWeekRange(week, zone);
      bounds = { start: Date.parse(range.from), end: Date.parse(range.to) };
      known.set(week, bounds);
    }
    return bounds;
  };
}

/** The `hours` whole hours of the week before the one `now` falls in (epoch ms), in `zone`. */
export function lastHours(now: number, hours: number, zone: string): HourWindow {
  const bounds = weekBounds(zone);
  let week = isoWeekOf(new Date(now), zone);
  let { start, end } = bounds(week);
  let slot = slotOfWeek(start, end, now);
  const to = slotStart(start, end, slot);
  const slots: WeekSlot[] = [];
  for (let left = hours; left > 0; left--) {
    slot--;
    if (slot < 0) {
      week = weekBefore(week, zone);
      ({ start, end } = bounds(week));
      slot = SLOTS_PER_WEEK - 1;
    }
    slots.unshift({ week, slot });
  }
  const first = slots[0];
  const from = first === undefined ? to : slotStart(bounds(first.week).start, bounds(first.week).end, first.slot);
  return { from, to, slots };
}

/** The same hours `weeks` weeks earlier: the same slots of the weeks that many weeks before. */
export function weeksEarlier(window: HourWindow, weeks: number, zone: string): HourWindow {
  const bounds = weekBounds(zone);
  // a window's slots fall in one or two weeks: each is shifted once
  const shifted = new Map<string, string>();
  const shift = (week: string) => {
    let earlier = shifted.get(week);
    if (earlier === undefined) {
      earlier = week;
      for (let step = 0; step < weeks; step++) earlier = weekBefore(earlier, zone);
      shifted.set(week, earlier);
    }
    return earlier;
  };
  const slots = window.slots.map(({ week, slot }) => ({ week: shift(week), slot }));
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (first === undefined || last === undefined) return { from: window.from, to: window.to, slots };
  const firstWeek = bounds(first.week);
  const lastWeek = bounds(last.week);
  return {
    from: slotStart(firstWeek.start, firstWeek.end, first.slot),
    to: slotStart(lastWeek.start, lastWeek.end, last.slot + 1),
    slots,
  };
}

/** The `hours` hours just before a window, oldest first. */
export function hoursBefore(window: HourWindow, hours: number, zone: string): HourWindow {
  // a millisecond in, so that the window's first hour is the one found, not rounding's neighbour
  return lastHours(window.from + 1, hours, zone);
}
