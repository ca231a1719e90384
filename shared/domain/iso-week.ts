// ISO 8601 weeks in a time zone: the digest's week runs Monday 00:00 to Monday 00:00 local time.

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

// Building a formatter costs far more than using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Offset of `zone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(instant: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of local midnight at the start of a calendar date in `zone`. */
function localMidnight(year: number, monthIndex: number, day: number, zone: string): number {
  const guess = Date.UTC(year, monthIndex, day);
  const first = guess - zoneOffsetMs(guess, zone);
  // Across a daylight-saving change the offset at the answer can differ from the guess's.
  return guess - zoneOffsetMs(first, zone);
}

/** The calendar date (as a UTC midnight timestamp) of an instant in `zone`. */
function localDate(instant: number, zone: string): Date {
  const shifted = new Date(instant + zoneOffsetMs(instant, zone));
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** ISO week of an instant in a time zone, e.g. "2026-W47". */
export function isoWeekOf(instant: string | Date, zone: string): string {
  const date = localDate(new Date(instant).getTime(), zone);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The half-open UTC range [from, to) of an ISO week in a time zone. */
export function isoWeekRange(week: string, zone: string): { from: string; to: string } {
  const match = WEEK_PATTERN.exec(week);
  if (!match) throw new RangeError(`"${week}" is not an ISO week; write it like 2026-W47`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (number - 1) * 7);
  if (number < 1 || isoWeekOf(new Date(monday.getTime() + 3 * 86_400_000), 'UTC') !== week) {
    throw new RangeError(`${year} has no week ${number}`);
  }
  const nextMonday = new Date(monday);
  nextMonday.setUTCDate(monday.getUTCDate() + 7);
  const at = (date: Date) =>
    new Date(localMidnight(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), zone)).toISOString();
  return { from: at(monday), to: at(nextMonday) };
}

/** The seven local days of an ISO week in a time zone, Monday first, each as a half-open UTC range. */
export function isoWeekDays(week: string, zone: string): Array<{ from: string; to: string }> {
  const monday = new Date(isoWeekRange(week, 'UTC').from);
  const midnights = Array.from({ length: 8 }, (_, day) =>
    new Date(
      localMidnight(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate() + day, zone),
    ).toISOString(),
  );
  return midnights.slice(0, 7).map((from, day) => ({ from, to: midnights[day + 1] as string }));
}

/** The ISO week before `week`, in the same zone. */
export function previousIsoWeek(week: string, zone: string): string {
  // Twelve hours before a week starts is inside the week before, whatever the zone's offset.
  return isoWeekOf(new Date(Date.parse(isoWeekRange(week, zone).from) - 12 * 60 * 60 * 1000), zone);
}

/** The ISO weeks from `first` to `last`, both included, oldest first; empty when `first` is later. */
export function isoWeeksFromTo(first: string, last: string, zone: string): string[] {
  const weeks: string[] = [];
  for (let week = last; week >= first; week = previousIsoWeek(week, zone)) weeks.unshift(week);
  return weeks;
}

/** When a local calendar day (YYYY-MM-DD) begins in a time zone (epoch ms). */
export function localDayStart(day: string, zone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`"${day}" is not a date; write it like 2026-11-23`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date)
    throw new RangeError(`${day} is not a day of the calendar`);
  return localMidnight(year, month - 1, date, zone);
}
