// The fixed calendar of the example: ISO weeks 2026-W39 to 2026-W47, times in UTC between 07:00
// and 21:59, and the date formats the feeds use. Nothing here reads the clock.

import { int, type Rng } from './random';

export const WEEKS = [39, 40, 41, 42, 43, 44, 45, 46, 47] as const;
export type Week = (typeof WEEKS)[number];

/** Monday 2026-09-21 00:00 UTC starts ISO week 2026-W39. */
const W39_MONDAY = Date.UTC(2026, 8, 21);
export const DAY_MS = 86_400_000;

/** day: 0 = Monday ... 6 = Sunday; hh:mm in UTC. All times stay inside 07:00-21:59 UTC, so the
 *  ISO week is the same in UTC and in Europe/London (BST until 25 October, GMT after). */
export function at(week: number, day: number, hour: number, minute: number): Date {
  if (hour < 7 || hour > 21) throw new Error(`hour ${hour} outside 07-21 UTC`);
  return new Date(W39_MONDAY + ((week - 39) * 7 + day) * DAY_MS + (hour * 60 + minute) * 60_000);
}

export function atClock(week: number, day: number, clock: string): Date {
  const [hh, mm] = clock.split(':').map(Number);
  return at(week, day, hh!, mm!);
}

export function randomTime(r: Rng, week: number, fromDay = 0, toDay = 6): Date {
  return at(week, int(r, fromDay, toDay), int(r, 7, 21), int(r, 0, 59));
}

export function isoWeekOf(date: Date): number {
  return 39 + Math.floor((date.getTime() - W39_MONDAY) / (7 * DAY_MS));
}

export const iso = (d: Date): string => d.toISOString().replace('.000Z', 'Z');
export const rfc822 = (d: Date): string => d.toUTCString();
