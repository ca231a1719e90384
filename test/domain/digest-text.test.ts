import { describe, expect, it } from 'vitest';
import { lastCompleteWeek, renderSubject, weekLabel } from '#domain/digest-text';

describe('the digest’s wording', () => {
  it('names a week in words, in the digest’s time zone', () => {
    expect(weekLabel('2026-W47', 'Europe/London')).toBe('16–22 November 2026');
    expect(weekLabel('2026-W44', 'Europe/London')).toBe('26 October – 1 November 2026');
    expect(weekLabel('2026-W53', 'UTC')).toBe('28 December 2026 – 3 January 2027');
  });

  it('fills the subject template and says "new" when there is no earlier index', () => {
    const parts = {
      brand: 'Fernhill Bikes',
      week: '2026-W47',
      index: 68.4,
      change: -7.2,
      headline: '“Free repairs for life” contradicted in reviews',
    };
    expect(renderSubject('Alignment {index} ({change}): {headline}', parts)).toBe(
      'Alignment 68 (−7): “Free repairs for life” contradicted in reviews',
    );
    expect(renderSubject('{brand} {week}: {index} ({change})', { ...parts, change: null })).toBe(
      'Fernhill Bikes 2026-W47: 68 (new)',
    );
    expect(renderSubject('{index} ({change})', { ...parts, change: 3 })).toBe('68 (+3)');
  });

  it('keeps untrusted text in the subject from starting another mail header', () => {
    const subject = renderSubject('{headline}', {
      brand: '',
      week: '',
      index: null,
      change: null,
      headline: 'Bad\r\nBcc: victim@example.com',
    });
    expect(subject).toBe('Bad Bcc: victim@example.com');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('states a partial week in place of the change, so a short week is not read as a trend', () => {
    const parts = { brand: 'Acme', week: '2015-W09', index: 61, change: -15, headline: 'h' };
    expect(renderSubject('Alignment {index} ({change}): {headline}', parts)).toBe('Alignment 61 (−15): h');
    expect(
      renderSubject('Alignment {index} ({change}): {headline}', { ...parts, partial: 'partial: 2 of 7 days' }),
    ).toBe('Alignment 61 (partial: 2 of 7 days): h');
  });

  it('takes the week before the one in progress as the last complete week, in the zone', () => {
    const monday = new Date('2026-11-23T09:00:00Z');
    expect(lastCompleteWeek(monday, 'Europe/London')).toBe('2026-W47');
    // 23:30 UTC on Sunday is already Monday in Tokyo.
    expect(lastCompleteWeek(new Date('2026-11-22T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-W47');
    expect(lastCompleteWeek(new Date('2026-11-22T23:30:00Z'), 'UTC')).toBe('2026-W46');
  });
});
