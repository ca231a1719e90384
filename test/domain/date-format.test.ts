import { describe, expect, it } from 'vitest';
import { dateFormatParts, dateFormatProblem } from '#domain/date-format';

describe('a spreadsheet-style date format', () => {
  it('splits a format into its tokens and the separators between them', () => {
    expect(dateFormatParts('DD/MM/YYYY HH:mm')).toEqual([
      { token: 'DD' },
      { literal: '/' },
      { token: 'MM' },
      { literal: '/' },
      { token: 'YYYY' },
      { literal: ' ' },
      { token: 'HH' },
      { literal: ':' },
      { token: 'mm' },
    ]);
  });

  it.each([
    'M/D/YYYY H:mm',
    'YYYY-MM-DD',
    'D.M.YY',
    'D MMM YYYY, h:mm:ss A',
    'YYYY-MM-DDTHH:mm:ss',
    'M/D/YYYY hh:mm A',
  ])('accepts %s', (format) => {
    expect(dateFormatProblem(format)).toBeUndefined();
  });

  it('names a lower-case token and suggests the one that was meant', () => {
    expect(dateFormatProblem('dd/mm/yyyy')).toBe(
      '"dd/mm/yyyy": "dd" is not a date token (did you mean "DD"?); write the format with YYYY, YY, MMM, MM, M, DD, D, ' +
        'HH, H, hh, h, mm, ss, A and the separators / - . : , space and T, e.g. "DD/MM/YYYY HH:mm"',
    );
  });

  it('names a token that is not in the table', () => {
    expect(dateFormatProblem('YYYY-MM-DD HH:mm:ss.SSS')).toContain('"SSS" is not a date token;');
  });

  it('names a character that is neither a token nor a separator', () => {
    expect(dateFormatProblem('DD|MM|YYYY')).toContain('"|" is not a date token or separator;');
  });

  it('says a format without a month is incomplete, and that mm means minutes', () => {
    expect(dateFormatProblem('DD/mm/YYYY')).toBe(
      '"DD/mm/YYYY" has no month; add M, MM or MMM (mm is minutes), e.g. "DD/MM/YYYY HH:mm"',
    );
  });

  it('says a format without a year or a day is incomplete', () => {
    expect(dateFormatProblem('MM/DD')).toBe('"MM/DD" has no year; add YYYY or YY, e.g. "DD/MM/YYYY HH:mm"');
    expect(dateFormatProblem('MM/YYYY')).toBe('"MM/YYYY" has no day; add D or DD, e.g. "DD/MM/YYYY HH:mm"');
  });

  it('refuses a part given twice', () => {
    expect(dateFormatProblem('D/M/YYYY D')).toBe('"D/M/YYYY D" gives the day twice (D and D); keep one');
  });

  it('refuses a 12-hour clock without AM/PM, and AM/PM with a 24-hour clock', () => {
    expect(dateFormatProblem('M/D/YYYY h:mm')).toBe(
      '"M/D/YYYY h:mm" has a 12-hour clock (h) without A for AM/PM; add A, or use H for a 24-hour clock',
    );
    expect(dateFormatProblem('M/D/YYYY H:mm A')).toBe(
      '"M/D/YYYY H:mm A" has AM/PM (A) with a 24-hour clock (H); use h or hh with A, or drop A',
    );
  });

  it('refuses minutes without an hour and seconds without minutes', () => {
    expect(dateFormatProblem('YYYY-MM-DD mm')).toBe('"YYYY-MM-DD mm" has minutes without an hour; add H, HH, h or hh');
    expect(dateFormatProblem('YYYY-MM-DD HH:ss')).toBe('"YYYY-MM-DD HH:ss" has seconds without minutes; add mm');
  });

  it('refuses an empty format', () => {
    expect(dateFormatProblem('  ')).toBe(
      'the date format is empty; write it like "DD/MM/YYYY HH:mm", or leave dateFormat out',
    );
  });
});
