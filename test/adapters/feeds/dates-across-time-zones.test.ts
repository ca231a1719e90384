// Dates must mean the same instant on every machine: the reading program runs as a child process
// with the machine's time zone (TZ) and language (LANG) set to each case, and must print the same
// instants every time; it also prints the zone it ran in, so a setting that did not take cannot
// pass for one that did.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runToExit } from '#test/support/process';

const PROGRAM = fileURLToPath(new URL('./dates-in-zone.child.ts', import.meta.url));
const FETCHED = '2026-11-23T10:00:00.000Z';

const EXPECTED = {
  signals: {
    'month-first': ['2015-02-24T11:35:00.000Z', '2015-03-02T09:05:00.000Z', '2015-12-31T23:59:00.000Z'],
    'day-first-declared': ['2015-02-03T09:05:00.000Z', '2015-02-24T11:35:00.000Z', '2015-03-01T18:00:00.000Z'],
    'mixed-layouts': [
      '2015-02-24T10:35:00.000Z',
      FETCHED,
      FETCHED,
      '2015-02-24T11:35:00.000Z',
      FETCHED,
      '2015-02-24T11:35:00.000Z',
    ],
    'zone-less-jsonfeed': ['2026-03-01T09:30:00.000Z', '2026-03-01T17:00:00.000Z'],
    // In UTC, the source's default; an offset the feed gives is kept.
    'zone-less-rss': ['2026-11-04T12:00:00.000Z', '2026-11-05T08:30:00.000Z', '2026-11-06T08:00:00.000Z'],
    // In the source's Europe/London, which is UTC in November.
    'zone-less-atom': ['2026-11-10T09:00:00.000Z'],
  },
  feedDates: [
    '2026-11-02T09:15:00.000Z',
    '2026-11-02T09:15:00.000Z',
    '2026-11-04T12:00:00.000Z',
    '2026-11-04T12:00:00.000Z',
    '2015-02-03T21:05:00.000Z',
  ],
};

describe('dates read on machines in other time zones and languages', () => {
  it.each([
    ['America/Los_Angeles', 'en_US.UTF-8'],
    ['Asia/Tokyo', 'ja_JP.UTF-8'],
    ['Europe/Berlin', 'de_DE.UTF-8'],
  ])('are the same instants with TZ=%s and LANG=%s', async (zone, language) => {
    const run = await runToExit(['--import', 'tsx', PROGRAM], {
      deadlineMs: 25_000,
      env: { TZ: zone, LANG: language, LC_ALL: language },
    });

    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as typeof EXPECTED & { machine: { timeZone: string; locale: string } };
    expect(printed.machine).toEqual({ timeZone: zone, locale: language.slice(0, 5).replace('_', '-') });
    expect({ signals: printed.signals, feedDates: printed.feedDates }).toEqual(EXPECTED);
  });
});
