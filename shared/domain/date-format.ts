// The date formats a CSV source may declare (`dateFormat`), written the way spreadsheet people
// write them: "DD/MM/YYYY HH:mm", "M/D/YYYY h:mm A", "YYYY-MM-DD". A small, documented token set
// (docs/configuration.md), checked when the profile is loaded so a typo is a config error with its
// line, not a week of misdated signals. Which library reads the dates is the adapters' business.

/** Every token, longest first within each letter. Case matters: MM is the month, mm the minutes. */
export const DATE_FORMAT_TOKENS = [
  'YYYY',
  'YY',
  'MMM',
  'MM',
  'M',
  'DD',
  'D',
  'HH',
  'H',
  'hh',
  'h',
  'mm',
  'ss',
  'A',
] as const;
export type DateFormatToken = (typeof DATE_FORMAT_TOKENS)[number];

/** Characters that stand for themselves between tokens. */
export const DATE_FORMAT_SEPARATORS = ['/', '-', '.', ':', ',', ' ', 'T'] as const;

export type DateFormatPart = { token: DateFormatToken } | { literal: string };

type DatePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'meridiem';

const PART_OF: Record<DateFormatToken, DatePart> = {
  YYYY: 'year',
  YY: 'year',
  MMM: 'month',
  MM: 'month',
  M: 'month',
  DD: 'day',
  D: 'day',
  HH: 'hour',
  H: 'hour',
  hh: 'hour',
  h: 'hour',
  mm: 'minute',
  ss: 'second',
  A: 'meridiem',
};

const EXAMPLE = '"DD/MM/YYYY HH:mm"';
const HOW_TO_WRITE = `write the format with ${DATE_FORMAT_TOKENS.join(', ')} and the separators / - . : , space and T, e.g. ${EXAMPLE}`;

/** What is wrong with a declared date format, said so that the reader can fix it; undefined when nothing is. */
export function dateFormatProblem(format: string): string | undefined {
  const read = readDateFormat(format);
  return 'problem' in read ? read.problem : undefined;
}

/** The tokens and separators of a format that dateFormatProblem accepts; throws on any other. */
export function dateFormatParts(format: string): DateFormatPart[] {
  const read = readDateFormat(format);
  if ('problem' in read) throw new Error(`date format ${read.problem}`);
  return read.parts;
}

function readDateFormat(format: string): { parts: DateFormatPart[] } | { problem: string } {
  if (format.trim() === '')
    return { problem: 'the date format is empty; write it like "DD/MM/YYYY HH:mm", or leave dateFormat out' };
  const parts: DateFormatPart[] = [];
  for (const run of runsOf(format)) {
    if (isDateFormatToken(run)) parts.push({ token: run });
    else if (run.length === 1 && (DATE_FORMAT_SEPARATORS as readonly string[]).includes(run))
      parts.push({ literal: run });
    else return { problem: `"${format}": ${unknownRun(run)}; ${HOW_TO_WRITE}` };
  }
  const problem = structureProblem(
    format,
    parts.flatMap((part) => ('token' in part ? [part.token] : [])),
  );
  return problem ? { problem } : { parts };
}

/** Runs of one repeated letter ("YYYY", "h"), and every other character on its own. */
function runsOf(format: string): string[] {
  return format.match(/([A-Za-z])\1*|[^A-Za-z]/g) ?? [];
}

function isDateFormatToken(text: string): text is DateFormatToken {
  return (DATE_FORMAT_TOKENS as readonly string[]).includes(text);
}

function unknownRun(run: string): string {
  if (!/^[A-Za-z]/.test(run)) return `"${run}" is not a date token or separator`;
  // "dd" for DD, "yyyy" for YYYY, "a" for A: the other case is usually what was meant.
  const meant = [run.toUpperCase(), run.toLowerCase()].find(isDateFormatToken);
  return `"${run}" is not a date token${meant ? ` (did you mean "${meant}"?)` : ''}`;
}

/** A format must say the year, month and day once each, and its time parts must fit together. */
function structureProblem(format: string, tokens: DateFormatToken[]): string | undefined {
  const byPart = new Map<DatePart, DateFormatToken[]>();
  for (const token of tokens) byPart.set(PART_OF[token], [...(byPart.get(PART_OF[token]) ?? []), token]);
  const twice = [...byPart.entries()].find(([, given]) => given.length > 1);
  if (twice) return `"${format}" gives the ${twice[0]} twice (${twice[1].join(' and ')}); keep one`;
  if (!byPart.has('year')) return `"${format}" has no year; add YYYY or YY, e.g. ${EXAMPLE}`;
  if (!byPart.has('month')) {
    return `"${format}" has no month; add M, MM or MMM${byPart.has('minute') ? ' (mm is minutes)' : ''}, e.g. ${EXAMPLE}`;
  }
  if (!byPart.has('day')) return `"${format}" has no day; add D or DD, e.g. ${EXAMPLE}`;
  const hour = byPart.get('hour')?.[0];
  const twelveHour = hour === 'h' || hour === 'hh';
  if (twelveHour && !byPart.has('meridiem')) {
    return `"${format}" has a 12-hour clock (${hour}) without A for AM/PM; add A, or use H for a 24-hour clock`;
  }
  if (byPart.has('meridiem') && !twelveHour) {
    return hour
      ? `"${format}" has AM/PM (A) with a 24-hour clock (${hour}); use h or hh with A, or drop A`
      : `"${format}" has AM/PM (A) without an hour; add h or hh`;
  }
  if (byPart.has('minute') && !hour) return `"${format}" has minutes without an hour; add H, HH, h or hh`;
  if (byPart.has('second') && !byPart.has('minute')) return `"${format}" has seconds without minutes; add mm`;
  return undefined;
}
