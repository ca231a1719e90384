import { describe, expect, it } from 'vitest';
import { isoWeekDays, isoWeeksFromTo, previousIsoWeek } from '#domain/iso-week';
import { partialWeekText, weekCoverage } from '#domain/week-coverage';

const LATER = new Date('2030-01-01T00:00:00Z');

describe('the days of an ISO week', () => {
  it('are seven local days, the one with the clock change 23 hours long', () => {
    // Clocks in London go forward on Sunday 29 March 2026, the last day of 2026-W13.
    const days = isoWeekDays('2026-W13', 'Europe/London');
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ from: '2026-03-23T00:00:00.000Z', to: '2026-03-24T00:00:00.000Z' });
    expect(days[6]).toEqual({ from: '2026-03-29T00:00:00.000Z', to: '2026-03-29T23:00:00.000Z' });
  });

  it('follow the zone: a Tokyo Monday starts at 15:00 UTC on Sunday', () => {
    expect(isoWeekDays('2026-W48', 'Asia/Tokyo')[0]).toEqual({
      from: '2026-11-22T15:00:00.000Z',
      to: '2026-11-23T15:00:00.000Z',
    });
  });
});

describe('weeks in order', () => {
  it('steps back across a year end, including a 53-week year', () => {
    expect(previousIsoWeek('2027-W01', 'UTC')).toBe('2026-W53');
    expect(isoWeeksFromTo('2026-W52', '2027-W02', 'Europe/London')).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
    ]);
    expect(isoWeeksFromTo('2027-W02', '2026-W52', 'UTC')).toEqual([]);
  });
});

describe('week coverage', () => {
  it('counts a day as covered when any part of it lies inside a source’s span', () => {
    const spans = [{ sourceId: 'export', from: '2015-02-16T08:00:00Z', to: '2015-02-24T00:30:00Z' }];
    expect(weekCoverage('2015-W09', 'UTC', spans, LATER)).toEqual({
      week: '2015-W09',
      coveredDays: 2,
      complete: false,
    });
    expect(weekCoverage('2015-W08', 'UTC', spans, LATER)).toEqual({ week: '2015-W08', coveredDays: 7, complete: true });
  });

  it('joins the spans of several sources, and days in a gap between them are not covered', () => {
    const spans = [
      { sourceId: 'a', from: '2015-02-23T10:00:00Z', to: '2015-02-24T10:00:00Z' },
      { sourceId: 'b', from: '2015-02-27T10:00:00Z', to: '2015-03-09T10:00:00Z' },
    ];
    expect(weekCoverage('2015-W09', 'UTC', spans, LATER).coveredDays).toBe(5);
  });

  it('reads days in the digest’s zone: a UTC evening is the next day in Tokyo', () => {
    const spans = [{ sourceId: 'export', from: '2015-02-16T00:00:00Z', to: '2015-02-22T16:00:00Z' }];
    expect(weekCoverage('2015-W08', 'UTC', spans, LATER).complete).toBe(true);
    // 16:00 UTC on Sunday 22 February is 01:00 on Monday 23 February in Tokyo: 2015-W09 has one day.
    expect(weekCoverage('2015-W09', 'Asia/Tokyo', spans, LATER).coveredDays).toBe(1);
  });

  it('does not count days that have not begun', () => {
    const spans = [{ sourceId: 'feed', from: '2026-11-01T00:00:00Z', to: '2026-12-04T12:00:00Z' }];
    expect(weekCoverage('2026-W49', 'UTC', spans, new Date('2026-12-04T12:00:00Z')).coveredDays).toBe(5);
  });

  it('is worded only when partial', () => {
    expect(partialWeekText({ coveredDays: 2, complete: false })).toBe('partial: 2 of 7 days');
    expect(partialWeekText({ coveredDays: 0, complete: false })).toBe('no data for this week');
    expect(partialWeekText({ coveredDays: 7, complete: true })).toBeNull();
  });
});
