// Reads the dates sources give, with luxon, so that no result depends on the machine's time zone or
// language: a date without a zone is read in the source's `timezone` (UTC unless it says otherwise),
// a date with a zone or an offset keeps it, and every connector hands dates on as UTC instants.
// `new Date(text)` is never used on a feed's text: it reads zone-less dates in local time.
import { DateTime } from 'luxon';
import { dateFormatParts, type DateFormatPart, type DateFormatToken } from '#domain/date-format';
import type { ItemBatch } from '#domain/ports';

/** Month names and AM/PM are English in every export we read, whatever the machine's language. */
const LOCALE = 'en-US';

/** Zone-less RFC 2822-like dates ("Wed, 04 Nov 2026 12:00:00"), which the RFC parser refuses. */
const ZONELESS_RFC_2822_FORMATS = [
  'EEE, d MMM yyyy HH:mm:ss',
  'EEE, d MMM yyyy HH:mm',
  'd MMM yyyy HH:mm:ss',
  'd MMM yyyy HH:mm',
];
const zonelessRfc2822Parsers = ZONELESS_RFC_2822_FORMATS.map((format) =>
  DateTime.buildFormatParser(format, { locale: LOCALE }),
);

/** ISO 8601 and SQL-style dates start with the year; luxon would read a bare time as today. */
const STARTS_WITH_YEAR = /^[+-]?\d{4}/;

/**
 * A feed's date as a point in time: ISO 8601, RFC 2822 (with or without its zone), an HTTP date, or
 * "YYYY-MM-DD HH:mm[:ss]"; undefined when it is none of these or names a day that does not exist.
 */
export function readFeedDate(text: string, zone: string): DateTime | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const options = { zone, locale: LOCALE };
  const readers: Array<() => DateTime> = [
    ...(STARTS_WITH_YEAR.test(trimmed)
      ? [() => DateTime.fromISO(trimmed, options), () => DateTime.fromSQL(trimmed, options)]
      : []),
    () => DateTime.fromRFC2822(trimmed, options),
    () => DateTime.fromHTTP(trimmed, options),
    ...zonelessRfc2822Parsers.map((parser) => () => DateTime.fromFormatParser(trimmed, parser, options)),
  ];
  for (const read of readers) {
    const date = read();
    if (date.isValid) return date;
  }
  return undefined;
}

/** The form every connector hands dates on in: ISO 8601 in UTC, as Date#toISOString writes it. */
export function instantOf(date: DateTime): string {
  return new Date(date.toMillis()).toISOString();
}

/** luxon's spelling of each spreadsheet-style token (docs/configuration.md has the table). */
const LUXON_TOKEN: Record<DateFormatToken, string> = {
  YYYY: 'yyyy',
  YY: 'yy',
  MMM: 'MMM',
  MM: 'MM',
  M: 'M',
  DD: 'dd',
  D: 'd',
  HH: 'HH',
  H: 'H',
  hh: 'hh',
  h: 'h',
  mm: 'mm',
  ss: 'ss',
  A: 'a',
};

export interface FormatReader {
  /** The format as the config declares it. */
  format: string;
  /** The text read strictly in the format, in `zone`; an invalid DateTime when it does not fit. */
  read(text: string, zone: string): DateTime;
  /** The fields the text gave for each part of the format (month 24, ...), to say why it does not fit. */
  fields(text: string): Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>>;
}

/** Reads dates in one spreadsheet-style format (already checked by the profile schema). */
export function formatReader(format: string): FormatReader {
  const luxonFormat = luxonFormatOf(dateFormatParts(format));
  const parser = DateTime.buildFormatParser(luxonFormat, { locale: LOCALE });
  return {
    format,
    read: (text, zone) => DateTime.fromFormatParser(text.trim(), parser, { zone, locale: LOCALE }),
    fields: (text) => DateTime.fromFormatExplain(text.trim(), luxonFormat, { locale: LOCALE }).result ?? {},
  };
}

function luxonFormatOf(parts: DateFormatPart[]): string {
  // Letters are luxon tokens unless quoted, so the one letter separator (T) is quoted.
  return parts
    .map((part) => ('token' in part ? LUXON_TOKEN[part.token] : part.literal === 'T' ? "'T'" : part.literal))
    .join('');
}

/**
 * The batch with each item's date as a UTC instant, zone-less dates read in `zone`. A date that
 * cannot be read is dropped and counted, so the item is dated at fetch time and the report says so.
 */
export function withInstantDates<B extends ItemBatch>(batch: B, zone: string): B {
  let unreadableDates = batch.unreadableDates ?? 0;
  const items = batch.items.map((item) => {
    if (item.date === undefined) return item;
    const { date: text, ...undated } = item;
    const date = readFeedDate(text, zone);
    if (date) return { ...item, date: instantOf(date) };
    if (text.trim() !== '') unreadableDates++;
    return undated;
  });
  return { ...batch, items, ...(unreadableDates > 0 ? { unreadableDates } : {}) };
}
