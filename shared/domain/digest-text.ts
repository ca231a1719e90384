// Small wording rules of the digest: the week in words, the subject line from its template, and
// the last complete week.
import { isoWeekOf, isoWeekRange } from './iso-week';

/** "16–22 November 2026" (or "28 December 2026 – 3 January 2027" across a year end), in the zone. */
export function weekLabel(week: string, zone: string): string {
  const { from, to } = isoWeekRange(week, zone);
  const first = new Date(from);
  const last = new Date(Date.parse(to) - 1);
  const part = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }).format(date);
  const sameYear = part(first, { year: 'numeric' }) === part(last, { year: 'numeric' });
  const sameMonth = sameYear && part(first, { month: 'long' }) === part(last, { month: 'long' });
  if (sameMonth)
    return `${part(first, { day: 'numeric' })}–${part(last, { day: 'numeric', month: 'long', year: 'numeric' })}`;
  if (sameYear)
    return `${part(first, { day: 'numeric', month: 'long' })} – ${part(last, { day: 'numeric', month: 'long', year: 'numeric' })}`;
  return `${part(first, { day: 'numeric', month: 'long', year: 'numeric' })} – ${part(last, { day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/** The ISO week before the one containing `now`, in the zone: the last complete week. */
export function lastCompleteWeek(now: Date, zone: string): string {
  const { from } = isoWeekRange(isoWeekOf(now, zone), zone);
  return isoWeekOf(new Date(Date.parse(from) - 1), zone);
}

export interface SubjectParts {
  brand: string;
  week: string;
  index: number | null;
  change: number | null;
  /** "partial: 2 of 7 days" for a week the data covers only in part: said in place of the change. */
  partial?: string | null;
  headline: string;
}

/**
 * The subject from its template ({brand}, {week}, {index}, {change}, {headline}). Line breaks and
 * other control characters are removed: a subject is a mail header, and untrusted text in it must
 * not be able to start another header.
 */
export function renderSubject(template: string, parts: SubjectParts): string {
  const values: Record<string, string> = {
    brand: parts.brand,
    week: parts.week,
    index: parts.index === null ? 'n/a' : String(Math.round(parts.index)),
    change: parts.partial
      ? parts.partial
      : parts.change === null
        ? 'new'
        : `${parts.change >= 0 ? '+' : '−'}${Math.abs(Math.round(parts.change))}`,
    headline: parts.headline,
  };
  const subject = template.replace(
    /\{(brand|week|index|change|headline)\}/g,
    (_whole, name: string) => values[name] ?? '',
  );
  return (
    subject
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point: a subject line stays one line
      .replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
  );
}
