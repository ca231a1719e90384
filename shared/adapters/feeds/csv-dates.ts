// How a CSV export's date column is read, decided over the whole column before any row is handed
// over, so that one file never mixes orders and nothing is stored with a wrong date:
// - with `dateFormat`, every date must fit it; the first that does not fails the file, naming its
//   line, the column, the value and the format that would fit;
// - without it, ISO 8601, RFC 2822 and "YYYY-MM-DD HH:mm" dates are read as they are, and slash
//   dates (3/2/2015) month-first unless some row can only be day-first (24/2/2015). A column where
//   both orders are proven fails; one where every slash date could be either is read month-first
//   with a warning naming the setting to add. Dates that cannot be read are counted and reported.
// Dates without a zone are read in the source's time zone.
import { DateTime } from 'luxon';
import type { SourceWarning } from '#domain/ports';
import { formatReader, instantOf, readFeedDate, type FormatReader } from './dates';
import { FeedError } from './errors';

export interface DateColumn {
  sourceId: string;
  /** The column's header name (columns.date). */
  name: string;
  /** The file or URL, for messages. */
  where: string;
  /** The source's time zone, for dates without one. */
  zone: string;
  dateFormat?: string;
}

/** How the column's dates are read, once the column has been seen whole. */
export interface DatePlan {
  /** The instant of one (non-empty) date cell, or undefined when it cannot be read; throws FeedError when it contradicts dateFormat. */
  read(text: string, line: number): string | undefined;
  /** What the report should say about the column. */
  warnings: SourceWarning[];
}

/** Sees every date of the column (first pass), then says how to read them (second pass). */
export interface DateColumnScan {
  /** One non-empty date cell of a row that will be handed over; throws FeedError when it contradicts dateFormat. */
  see(text: string, line: number): void;
  /** Throws FeedError when the column contradicts itself. */
  plan(): DatePlan;
}

export function dateColumnScan(column: DateColumn): DateColumnScan {
  return column.dateFormat === undefined ? guessedOrderScan(column) : declaredFormatScan(column, column.dateFormat);
}

interface Sample {
  text: string;
  line: number;
}

/**
 * The zone the first pass checks dates in: whether a date exists does not depend on the zone (a
 * time that a clock change skips is moved on, not refused), and UTC is the cheapest to read in.
 */
const CHECK_ZONE = 'UTC';

function declaredFormatScan(column: DateColumn, dateFormat: string): DateColumnScan {
  const reader = formatReader(dateFormat);
  return {
    see: (text, line) => {
      if (!reader.read(text, CHECK_ZONE).isValid) throw formatMismatch(column, reader, { text, line }, 'nothing');
    },
    plan: () => ({
      read: (text, line) => {
        const date = reader.read(text, column.zone);
        // Every date fitted when the column was seen; one that no longer does means the file changed in between.
        if (!date.isValid) throw formatMismatch(column, reader, { text, line }, 'rows before it');
        return instantOf(date);
      },
      warnings: [],
    }),
  };
}

type Order = 'month-first' | 'day-first';

/** The two spreadsheet-style formats a slash date can be in, one per order, for its own layout. */
interface SlashLayout {
  'month-first': string;
  'day-first': string;
  /** The orders its first two numbers allow: a number over 12 cannot be the month. */
  orders: Order[];
}

// 3/2/2015, 03/02/15, 3/2/2015 9:05, 3/2/2015 9:05:30 PM; groups: the first two numbers, year,
// separator, hour, seconds, space before AM/PM, AM/PM.
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:([ T])(\d{1,2}):\d{2}(:\d{2})?( ?)([AaPp][Mm])?)?$/;

function slashLayoutOf(text: string): SlashLayout | undefined {
  const match = SLASH_DATE.exec(text);
  if (!match) return undefined;
  const [, first = '', second = '', year = '', separator, hour, seconds, meridiemSpace = '', meridiem] = match;
  const yearToken = year.length === 4 ? 'YYYY' : 'YY';
  const time =
    hour === undefined
      ? ''
      : `${separator}${meridiem ? 'h' : 'H'}:mm${seconds ? ':ss' : ''}${meridiem ? `${meridiemSpace}A` : ''}`;
  const orders: Order[] = [];
  if (Number(first) <= 12) orders.push('month-first');
  if (Number(second) <= 12) orders.push('day-first');
  // Single-letter tokens take one or two digits, so the format fits 3/2 and 03/02 alike.
  return { 'month-first': `M/D/${yearToken}${time}`, 'day-first': `D/M/${yearToken}${time}`, orders };
}

const readers = new Map<string, FormatReader>();
function cachedReader(format: string): FormatReader {
  let reader = readers.get(format);
  if (!reader) {
    reader = formatReader(format);
    readers.set(format, reader);
  }
  return reader;
}

function readSlashDate(text: string, layout: SlashLayout, order: Order, zone: string): DateTime | undefined {
  const date = cachedReader(layout[order]).read(text, zone);
  return date.isValid ? date : undefined;
}

interface UnreadableDates {
  count: number;
  first?: Sample;
  /** The first of them that some common format fits, to suggest that format. */
  withFormat?: Sample & { format: string };
}

/** Unreadable dates tried against the common formats for a suggestion: a column of "n/a" must stay cheap. */
const SUGGESTION_TRIES = 20;

function guessedOrderScan(column: DateColumn): DateColumnScan {
  const proof: Partial<Record<Order, Sample>> = {};
  let firstAmbiguous: Sample | undefined;
  const unreadable: UnreadableDates = { count: 0 };

  const see = (text: string, line: number): void => {
    const layout = slashLayoutOf(text);
    if (!layout) {
      if (!readFeedDate(text, CHECK_ZONE)) noteUnreadable(text, line);
      return;
    }
    // luxon checks the one order the numbers allow; when both are 12 or less, either order names a
    // day every month has, so one reading tells whether the date exists at all (2/30 does not).
    const [order, other] = layout.orders;
    if (order === undefined || !readSlashDate(text, layout, order, CHECK_ZONE)) noteUnreadable(text, line);
    else if (other !== undefined) firstAmbiguous ??= { text, line };
    else proof[order] ??= { text, line };
  };

  const noteUnreadable = (text: string, line: number): void => {
    unreadable.count++;
    unreadable.first ??= { text, line };
    if (unreadable.withFormat || unreadable.count > SUGGESTION_TRIES) return;
    const format = fittingFormats(text, CHECK_ZONE)[0];
    if (format) unreadable.withFormat = { text, line, format };
  };

  const plan = (): DatePlan => {
    const dayFirst = proof['day-first'];
    const monthFirst = proof['month-first'];
    if (dayFirst && monthFirst) throw mixedOrders(column, dayFirst, monthFirst);
    const order: Order = dayFirst ? 'day-first' : 'month-first';
    const warnings: SourceWarning[] = [];
    if (firstAmbiguous && !dayFirst && !monthFirst) warnings.push(ambiguousDates(column, firstAmbiguous));
    if (unreadable.first)
      warnings.push(unreadableDates(column, unreadable.count, unreadable.first, unreadable.withFormat));
    return {
      read: (text) => {
        const layout = slashLayoutOf(text);
        const date = layout ? readSlashDate(text, layout, order, column.zone) : readFeedDate(text, column.zone);
        return date ? instantOf(date) : undefined;
      },
      warnings,
    };
  };

  return { see, plan };
}

// Formats tried when a date fits neither dateFormat nor the readers without it, to suggest one.
// Month-first and day-first come in pairs, so a date that fits both is shown with both.
const COMMON_FORMATS = [
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD HH:mm',
  'YYYY-MM-DD',
  'M/D/YYYY H:mm:ss',
  'D/M/YYYY H:mm:ss',
  'M/D/YYYY H:mm',
  'D/M/YYYY H:mm',
  'M/D/YYYY h:mm A',
  'D/M/YYYY h:mm A',
  'M/D/YYYY',
  'D/M/YYYY',
  'M/D/YY',
  'D/M/YY',
  'D.M.YYYY H:mm:ss',
  'D.M.YYYY H:mm',
  'D.M.YYYY',
  'D-M-YYYY',
  'YYYY/M/D H:mm',
  'YYYY/M/D',
  'D MMM YYYY H:mm',
  'D MMM YYYY',
  'MMM D, YYYY',
] as const;

/** The formats the text fits: the first that does, and its day/month twin when that fits too. */
function fittingFormats(text: string, zone: string, candidates: readonly string[] = COMMON_FORMATS): string[] {
  const fits = (format: string) => cachedReader(format).read(text, zone).isValid;
  const first = candidates.find(fits);
  if (first === undefined) return [];
  const twin = swapDayAndMonth(first);
  return twin !== first && fits(twin) ? [first, twin] : [first];
}

function swapDayAndMonth(format: string): string {
  return format.replace(/MMM|MM|M|DD|D/g, (token) => ({ MM: 'DD', M: 'D', DD: 'MM', D: 'M' })[token] ?? token);
}

/** Two-digit tokens relaxed to one-or-two (MM to M, ...): the usual slip when a format is declared. */
function relaxPadding(format: string): string {
  return format.replace(/MMM|MM|DD|HH|hh/g, (token) => ({ MM: 'M', DD: 'D', HH: 'H', hh: 'h' })[token] ?? token);
}

function formatMismatch(
  column: DateColumn,
  reader: FormatReader,
  date: Sample,
  stored: 'nothing' | 'rows before it',
): FeedError {
  const reason = whyItDoesNotFit(reader, date.text);
  const declared = reader.format;
  const variants = [swapDayAndMonth(declared), relaxPadding(declared), relaxPadding(swapDayAndMonth(declared))].filter(
    (variant) => variant !== declared,
  );
  const suggested = fittingFormats(date.text, column.zone, [...new Set([...variants, ...COMMON_FORMATS])]);
  const fix =
    suggested.length > 0
      ? `did you mean dateFormat ${suggested.map((format) => `"${format}"`).join(' or ')}?`
      : readFeedDate(date.text, column.zone)
        ? 'did you mean to leave dateFormat out? ISO 8601 and RFC 2822 dates are read without it'
        : 'correct that row, or empty its date cell to date it at fetch time';
  const outcome =
    stored === 'nothing'
      ? `nothing from ${column.where} was stored`
      : `the rows before it in ${column.where} were stored`;
  return new FeedError(
    column.sourceId,
    'unexpected-format',
    `the date "${date.text}" on line ${date.line} (column "${column.name}") does not fit dateFormat "${declared}"` +
      `${reason ? `: ${reason}` : ''} (${fix}); ${outcome}`,
    false,
  );
}

/** Why a date that has the format's shape is still no date (month 24, 30 February), if that is the trouble. */
function whyItDoesNotFit(reader: FormatReader, text: string): string | undefined {
  const { year, month, day, hour, minute, second } = reader.fields(text);
  if (month !== undefined && (month < 1 || month > 12)) return `${month} cannot be a month`;
  if (year !== undefined && month !== undefined && day !== undefined) {
    const { daysInMonth, monthLong } = DateTime.utc(year, month).setLocale('en-GB');
    if (daysInMonth !== undefined && (day < 1 || day > daysInMonth)) return `${monthLong} ${year} has no day ${day}`;
  }
  if (hour !== undefined && hour > 23) return `${hour} cannot be an hour`;
  if (minute !== undefined && minute > 59) return `${minute} cannot be a minute`;
  if (second !== undefined && second > 59) return `${second} cannot be a second`;
  return undefined;
}

function mixedOrders(column: DateColumn, dayFirst: Sample, monthFirst: Sample): FeedError {
  return new FeedError(
    column.sourceId,
    'unexpected-format',
    `column "${column.name}" of ${column.where} mixes day-first and month-first dates: "${dayFirst.text}" on line ` +
      `${dayFirst.line} can only be day-first, "${monthFirst.text}" on line ${monthFirst.line} only month-first; ` +
      'nothing from the file was stored; correct the export so that every date puts the day in the same place',
    false,
  );
}

function ambiguousDates(column: DateColumn, sample: Sample): SourceWarning {
  const layout = slashLayoutOf(sample.text) as SlashLayout;
  const asRead = (order: Order) =>
    readSlashDate(sample.text, layout, order, 'UTC')?.setLocale('en-GB').toFormat('d MMMM yyyy');
  return {
    code: 'ambiguous-dates',
    message:
      `source \`${column.sourceId}\`: every date in column "${column.name}" reads both month-first and day-first ` +
      `(the first, "${sample.text}" on line ${sample.line}, is ${asRead('month-first')} month-first and ` +
      `${asRead('day-first')} day-first); they were read month-first. If the export writes the day first, set ` +
      `dateFormat: "${layout['day-first']}" on this source; to keep month-first and silence this warning, set ` +
      `dateFormat: "${layout['month-first']}"`,
  };
}

function unreadableDates(
  column: DateColumn,
  count: number,
  first: Sample,
  withFormat?: Sample & { format: string },
): SourceWarning {
  const example = withFormat
    ? ` (for "${withFormat.text}" on line ${withFormat.line}: dateFormat: "${withFormat.format}")`
    : '';
  return {
    code: 'unreadable-dates',
    message:
      `source \`${column.sourceId}\`: ${count} ${count === 1 ? 'date' : 'dates'} in column "${column.name}" could not be read ` +
      `(the first: "${first.text}" on line ${first.line}); ${count === 1 ? 'that row is' : 'those rows are'} dated at the ` +
      `time ${count === 1 ? 'it was' : 'they were'} fetched. Set dateFormat to the way the export writes its dates${example}, ` +
      'or write them as ISO 8601 (2015-02-24T11:35:00Z)',
  };
}
