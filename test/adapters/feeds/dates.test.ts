import { describe, expect, it } from 'vitest';
import { formatReader, instantOf, readFeedDate, withInstantDates } from '#adapters/feeds/dates';

/** The instant a feed date stands for, or 'unreadable'. */
function instant(text: string, zone: string): string {
  const date = readFeedDate(text, zone);
  return date ? instantOf(date) : 'unreadable';
}

describe('reading a feed date', () => {
  it('reads an ISO 8601 date without a zone in the source’s time zone', () => {
    expect(instant('2026-11-02T09:15:00', 'America/New_York')).toBe('2026-11-02T14:15:00.000Z');
    expect(instant('2026-11-02', 'Asia/Tokyo')).toBe('2026-11-01T15:00:00.000Z');
  });

  it('keeps the zone or offset an ISO 8601 date carries, whatever the source’s time zone', () => {
    expect(instant('2026-11-02T09:15:00Z', 'America/New_York')).toBe('2026-11-02T09:15:00.000Z');
    expect(instant('2026-11-02T09:15:00+01:00', 'America/New_York')).toBe('2026-11-02T08:15:00.000Z');
    expect(instant('2026-02-14T08:31:07-07:00', 'UTC')).toBe('2026-02-14T15:31:07.000Z');
  });

  it('reads RFC 2822 and HTTP dates with their zone, and RFC 2822 without one in the source’s time zone', () => {
    expect(instant('Wed, 04 Nov 2026 12:00:00 GMT', 'Asia/Tokyo')).toBe('2026-11-04T12:00:00.000Z');
    expect(instant('Wed, 04 Nov 2026 12:00:00 +0100', 'UTC')).toBe('2026-11-04T11:00:00.000Z');
    expect(instant('Wednesday, 04-Nov-26 12:00:00 GMT', 'Asia/Tokyo')).toBe('2026-11-04T12:00:00.000Z');
    expect(instant('Wed, 04 Nov 2026 12:00:00', 'Asia/Tokyo')).toBe('2026-11-04T03:00:00.000Z');
  });

  it('reads a date and time written with a space, as databases export them, in the source’s time zone', () => {
    expect(instant('2026-11-02 09:15:00', 'Europe/London')).toBe('2026-11-02T09:15:00.000Z');
    expect(instant('2026-07-02 09:15', 'Europe/London')).toBe('2026-07-02T08:15:00.000Z');
  });

  it('reads nothing it would have to guess: words, a time without a date, a date that does not exist', () => {
    expect(instant('yesterday', 'UTC')).toBe('unreadable');
    expect(instant('09:24', 'UTC')).toBe('unreadable');
    expect(instant('09:24:15', 'UTC')).toBe('unreadable');
    expect(instant('2026-02-30', 'UTC')).toBe('unreadable');
    expect(instant('', 'UTC')).toBe('unreadable');
  });
});

describe('reading a date with a declared format', () => {
  it('reads the spreadsheet-style format in the source’s time zone', () => {
    const reader = formatReader('D/M/YYYY H:mm');

    expect(instantOf(reader.read('24/2/2015 11:35', 'Europe/London'))).toBe('2015-02-24T11:35:00.000Z');
    expect(instantOf(reader.read('24/07/2015 11:35', 'Europe/London'))).toBe('2015-07-24T10:35:00.000Z');
  });

  it('reads month names and AM/PM in English whatever the machine’s language', () => {
    expect(instantOf(formatReader('D MMM YYYY, h:mm A').read('3 Feb 2015, 9:05 pm', 'UTC'))).toBe(
      '2015-02-03T21:05:00.000Z',
    );
  });

  it('reads a T between the date and the time as itself', () => {
    expect(instantOf(formatReader('YYYY-MM-DDTHH:mm').read('2015-02-24T11:35', 'UTC'))).toBe(
      '2015-02-24T11:35:00.000Z',
    );
  });

  it('is strict: two-digit tokens want two digits, and a month over 12 is no month', () => {
    expect(formatReader('MM/DD/YYYY').read('2/24/2015', 'UTC').isValid).toBe(false);
    expect(formatReader('MM/DD/YYYY').read('24/02/2015', 'UTC').isValid).toBe(false);
  });
});

describe('dating a batch of feed items', () => {
  it('writes every readable date as a UTC instant, and drops and counts the dates it cannot read', () => {
    const batch = withInstantDates(
      {
        items: [
          { guid: 'a', date: '2026-11-02T09:15:00' },
          { guid: 'b', date: 'Wed, 04 Nov 2026 12:00:00 GMT' },
          { guid: 'c', date: 'last Tuesday' },
          { guid: 'd' },
        ],
        invalidItems: 1,
        language: 'en',
      },
      'America/New_York',
    );

    expect(batch).toEqual({
      items: [
        { guid: 'a', date: '2026-11-02T14:15:00.000Z' },
        { guid: 'b', date: '2026-11-04T12:00:00.000Z' },
        { guid: 'c' },
        { guid: 'd' },
      ],
      invalidItems: 1,
      language: 'en',
      unreadableDates: 1,
    });
  });
});
