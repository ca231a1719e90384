import { describe, expect, it } from 'vitest';
import { isoWeekOf, isoWeekRange } from '#domain/iso-week';

describe('ISO weeks in a time zone', () => {
  it('names the week of an instant, with the Thursday rule at year ends', () => {
    expect(isoWeekOf('2026-11-23T10:00:00Z', 'UTC')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-22T23:30:00Z', 'UTC')).toBe('2026-W47');
    expect(isoWeekOf('2027-01-01T12:00:00Z', 'UTC')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30T12:00:00Z', 'UTC')).toBe('2025-W01');
  });

  it('uses local time: late Sunday in UTC is already Monday in Tokyo', () => {
    expect(isoWeekOf('2026-11-22T20:00:00Z', 'Asia/Tokyo')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-23T03:00:00Z', 'America/Los_Angeles')).toBe('2026-W47');
  });

  it('gives the week as a half-open UTC range from local Monday midnight', () => {
    expect(isoWeekRange('2026-W47', 'UTC')).toEqual({
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
    expect(isoWeekRange('2026-W47', 'Europe/Amsterdam')).toEqual({
      from: '2026-11-15T23:00:00.000Z',
      to: '2026-11-22T23:00:00.000Z',
    });
  });

  it('handles a week in which daylight saving time ends', () => {
    // Europe/London leaves summer time on Sunday 2026-10-25: the week starts at +01:00 and ends at +00:00.
    expect(isoWeekRange('2026-W43', 'Europe/London')).toEqual({
      from: '2026-10-18T23:00:00.000Z',
      to: '2026-10-26T00:00:00.000Z',
    });
  });

  it('refuses a week that does not exist', () => {
    expect(() => isoWeekRange('2025-W53', 'UTC')).toThrow('2025 has no week 53');
    expect(() => isoWeekRange('2026-47', 'UTC')).toThrow('write it like 2026-W47');
  });
});
