// The `csv` connector: reads a CSV export with a header row (RFC 4180 quoting, parsed by csv-parse)
// from a file or an http(s) URL, and maps the columns the config names (`columns.text`, `.date`, ...)
// to feed items. A file is streamed: its rows are handed over in batches of at most 500 as they are
// parsed, so a 1 GB export never sits whole in memory; an unchanged file (same sha256) is not parsed.
// With a date column the export is read twice: first its dates alone, so that how they are read is
// decided over the whole column (csv-dates.ts) before any row is handed over, then the rows.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { FeedItem } from '#domain/feed-item';
import { CHANNELS, type Channel } from '#domain/profile';
import type { CsvSource } from '#domain/sources/csv';
import type { ConnectorResult, ItemBatch, SourceConnector, SourceWarning, Validators } from '#domain/ports';
import { httpLimitsOf, type ConnectorOptions } from './connector-options';
import { dateColumnScan, type DatePlan } from './csv-dates';
import { decodeFeed } from './decode';
import { fetchDocument, fileError } from './document-source';
import { FeedError } from './errors';

type ColumnRole = keyof CsvSource['columns'];

export interface CsvLimits {
  /** Rows handed over per batch (each batch is stored before the next is parsed). */
  batchSize: number;
  /** Data rows read from one file; a longer file fails after this many were handed over. */
  maxRows: number;
  /** Characters in one row: catches a wrong delimiter or a stray quote before it swallows the file. */
  maxRowChars: number;
}

export const CSV_LIMITS: CsvLimits = { batchSize: 500, maxRows: 1_000_000, maxRowChars: 500_000 };

const CSV_ACCEPT = 'text/csv, text/plain;q=0.9, */*;q=0.1';
/** Header names shown when a mapped column is missing; an export can have hundreds of columns. */
const HEADER_NAMES_SHOWN = 30;

/** `limits` is for tests; the registry uses CSV_LIMITS. */
export function createCsvConnector(
  options: ConnectorOptions,
  limits: CsvLimits = CSV_LIMITS,
): SourceConnector<CsvSource> {
  const httpLimits = httpLimitsOf(options);
  return {
    async read(source, previous: Validators): Promise<ConnectorResult> {
      if (source.path) return readCsvFile(source, resolve(options.baseDir, source.path), previous, limits);
      // From a URL the export is at most the HTTP byte cap (10 MB), read whole, then parsed in the same batches.
      const document = await fetchDocument(source, previous, {
        baseDir: options.baseDir,
        limits: httpLimits,
        accept: CSV_ACCEPT,
      });
      if (document.status === 'unchanged') return document;
      const text = decodeFeed(document.body, document.contentType);
      return {
        status: 'fetched',
        batches: csvBatches(source, () => Readable.from([text]), source.url ?? '', limits),
        validators: () => document.validators,
      };
    },
  };
}

async function readCsvFile(
  source: CsvSource,
  path: string,
  previous: Validators,
  limits: CsvLimits,
): Promise<ConnectorResult> {
  // A first streaming pass for the hash costs a read of the file but spares parsing an unchanged one.
  const contentHash = await hashFile(source.id, path);
  const validators: Validators = { contentHash };
  if (previous.contentHash === contentHash) return { status: 'unchanged', validators };
  return {
    status: 'fetched',
    batches: csvBatches(source, () => createReadStream(path), path, limits),
    validators: () => validators,
  };
}

async function hashFile(sourceId: string, path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw fileError(sourceId, path, error);
  }
  return hash.digest('hex');
}

/** What csv-parse hands over with `info: true` and no `columns`: the fields and where the row ended. */
interface ParsedRow {
  record: string[];
  info: { lines: number };
}

/** A parse error, handed over in line after the rows parsed before it. */
interface ParseFailure {
  failure: unknown;
}

/** One record of the file (the header first), and the line it starts on. */
interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * The rows of the CSV text `open` streams, as feed items, batch by batch; `where` names the file or
 * URL in messages. Nothing is opened before the first batch is asked for.
 */
async function* csvBatches(
  source: CsvSource,
  open: () => Readable,
  where: string,
  limits: CsvLimits,
): AsyncGenerator<ItemBatch> {
  const dates = source.columns.date === undefined ? undefined : await planDates(source, open, where, limits);
  let header: Header | undefined;
  // The column's warnings go with the first batch: the report shows them once per read.
  let batch = emptyBatch(dates?.warnings);
  try {
    for await (const record of csvRecords(source, open, where, limits)) {
      if (!header) header = headerOf(source, record.fields, where);
      else {
        addRow(batch, record, header, source, dates);
        if (batch.items.length + batch.invalidItems >= limits.batchSize) {
          yield batch;
          batch = emptyBatch();
        }
      }
    }
  } catch (error) {
    // The rows parsed before the failure are kept, like the pages of an API read before one fails.
    if (batch.items.length + batch.invalidItems > 0) yield batch;
    throw error;
  }
  if (!header) throw new FeedError(source.id, 'unexpected-format', `${where} is empty: it has no header row`, false);
  if (batch.items.length + batch.invalidItems > 0) yield batch;
}

/**
 * The first pass: every date of the rows that will be handed over, seen before any is. A file that
 * fails part-way is judged on the rows before the failure, which are the ones the second pass hands
 * over before it reports the failure.
 */
async function planDates(source: CsvSource, open: () => Readable, where: string, limits: CsvLimits): Promise<DatePlan> {
  const scan = dateColumnScan({
    sourceId: source.id,
    name: source.columns.date ?? '',
    where,
    zone: source.timezone,
    dateFormat: source.dateFormat,
  });
  let header: Header | undefined;
  for await (const record of recordsBeforeFailure(csvRecords(source, open, where, limits))) {
    if (!header) header = headerOf(source, record.fields, where);
    else {
      const date = rowToItem(record.fields, header, source)?.date;
      if (date !== undefined) scan.see(date, record.line);
    }
  }
  return scan.plan();
}

async function* recordsBeforeFailure(records: AsyncIterable<CsvRecord>): AsyncGenerator<CsvRecord> {
  try {
    for await (const record of records) yield record;
  } catch {
    // The second pass meets the same failure and reports it, after handing over the rows before it.
  }
}

/** Every record of the CSV text, the header first; throws FeedError where the file cannot be read further. */
async function* csvRecords(
  source: CsvSource,
  open: () => Readable,
  where: string,
  limits: CsvLimits,
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter: source.delimiter,
    bom: true,
    // The header is read as a row of its own, so its names can be checked against the config.
    columns: false,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true,
    max_record_size: limits.maxRowChars,
    info: true,
    // A stream that fails drops the rows it had parsed but not yet handed over, and the line they
    // end on; a parse error is therefore reported as a 'skip' and passed on in line (see below).
    skip_records_with_error: true,
  });
  const input = open();
  let failed = false;
  parser.on('skip', (failure: unknown) => {
    // Only the first error counts: the rest of the file is no longer read.
    if (failed) return;
    failed = true;
    input.unpipe(parser);
    parser.push({ failure } satisfies ParseFailure);
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let records = 0;
  let lastRowEnd = 0;
  try {
    for await (const row of parser as AsyncIterable<ParsedRow | ParseFailure>) {
      if ('failure' in row) throw row.failure;
      // The header is record 0; data rows count from 1.
      if (records++ > limits.maxRows) throw tooManyRows(source.id, where, limits.maxRows);
      yield { fields: row.record, line: row.info.lines - newlinesIn(row.record) };
      lastRowEnd = row.info.lines;
    }
  } catch (error) {
    throw csvFailure(source.id, where, error, lastRowEnd, limits);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** Line breaks inside quoted fields: a row ends on its last line, and starts this many lines before. */
function newlinesIn(fields: string[]): number {
  return fields.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
}

/** Adds one data row to the batch: as an item, its date read as the column's plan says, or as unreadable. */
function addRow(
  batch: ItemBatch,
  record: CsvRecord,
  header: Header,
  source: CsvSource,
  dates: DatePlan | undefined,
): void {
  const item = rowToItem(record.fields, header, source);
  if (!item) {
    batch.invalidItems++;
    return;
  }
  if (item.date === undefined || !dates) {
    batch.items.push(item);
    return;
  }
  const { date: text, ...undated } = item;
  const date = dates.read(text, record.line);
  if (date) batch.items.push({ ...item, date });
  else {
    batch.unreadableDates = (batch.unreadableDates ?? 0) + 1;
    batch.items.push(undated);
  }
}

function emptyBatch(warnings: SourceWarning[] = []): ItemBatch {
  return { items: [], invalidItems: 0, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Where each mapped column is in the row, and how many fields a row has. */
interface Header {
  indexes: Partial<Record<ColumnRole, number>>;
  width: number;
}

function headerOf(source: CsvSource, names: string[], where: string): Header {
  const indexes: Partial<Record<ColumnRole, number>> = {};
  const missing: string[] = [];
  for (const [role, name] of Object.entries(source.columns) as [ColumnRole, string | undefined][]) {
    if (name === undefined) continue;
    const index = names.indexOf(name.trim());
    if (index >= 0) indexes[role] = index;
    else missing.push(`"${name}" (columns.${role})`);
  }
  if (missing.length > 0) {
    const shown = names.slice(0, HEADER_NAMES_SHOWN).join(', ') + (names.length > HEADER_NAMES_SHOWN ? ', ...' : '');
    throw new FeedError(
      source.id,
      'unexpected-format',
      `${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the header of ${where}; ` +
        `the file has: ${shown}${delimiterHint(names, source.delimiter)}`,
      false,
    );
  }
  return { indexes, width: names.length };
}

/** A header read as one column that holds another likely separator means the delimiter is wrong. */
function delimiterHint(names: string[], delimiter: string): string {
  if (names.length !== 1) return '';
  const likely = [',', ';', '\t', '|'].find((candidate) => candidate !== delimiter && names[0]?.includes(candidate));
  return likely
    ? ` (one column: if the file is separated by ${JSON.stringify(likely)}, set delimiter: ${JSON.stringify(likely)})`
    : '';
}

/** One row as a feed item, or undefined when it cannot be one (no text, unknown channel, shifted fields). */
function rowToItem(record: string[], header: Header, source: CsvSource): FeedItem | undefined {
  // More fields than the header has means a delimiter inside an unquoted field: the columns are shifted.
  if (record.length > header.width) return undefined;
  const cell = (role: ColumnRole): string | undefined => {
    const index = header.indexes[role];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value ? value : undefined;
  };
  const text = cell('text');
  if (!text) return undefined;
  const channelText = cell('channel');
  const channel = channelText === undefined ? undefined : channelOf(channelText);
  if (channelText !== undefined && !channel) return undefined;
  const id = cell('id');
  const ratingText = cell('rating');
  return {
    guid: id === undefined ? undefined : `csv:${id}`,
    link: cell('url'),
    title: cell('title'),
    html: text,
    author: cell('author'),
    date: cell('date'),
    rating: ratingText === undefined ? undefined : ratingOf(ratingText, source.ratingBest),
    language: cell('language'),
    channel,
  };
}

function channelOf(text: string): Channel | undefined {
  const lower = text.toLowerCase();
  return CHANNELS.find((channel) => channel === lower);
}

/** "4", "4.5" or "4,5" (a decimal comma, common in ';'-separated exports) from 0 to best; else no rating. */
function ratingOf(text: string, best: number): FeedItem['rating'] {
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return undefined;
  const value = Number(text.replace(',', '.'));
  return value <= best ? { value, best } : undefined;
}

function tooManyRows(sourceId: string, where: string, maxRows: number): FeedError {
  return new FeedError(
    sourceId,
    'too-large',
    `${where} has more than ${maxRows.toLocaleString('en-GB')} rows; the first ${maxRows.toLocaleString('en-GB')} were read; ` +
      'export a shorter period or split the file',
    false,
  );
}

function csvFailure(sourceId: string, where: string, error: unknown, lastRowEnd: number, limits: CsvLimits): FeedError {
  if (error instanceof FeedError) return error;
  if (!(error instanceof CsvError)) return fileError(sourceId, where, error);
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new FeedError(
        sourceId,
        'unreadable',
        `${where} is not valid CSV: a quoted field in the row after line ${lastRowEnd} is never closed ` +
          `(the file ends at line ${line ?? '?'}); look for a stray " in line ${lastRowEnd + 1}`,
        false,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new FeedError(
        sourceId,
        'unreadable',
        `${where} is not valid CSV: the row after line ${lastRowEnd} is longer than ` +
          `${limits.maxRowChars.toLocaleString('en-GB')} characters ` +
          `(still going at line ${line ?? '?'}); look for a stray " or a wrong delimiter`,
        false,
      );
    default:
      return new FeedError(
        sourceId,
        'unreadable',
        `${where} is not valid CSV at line ${line ?? '?'}: ${error.message}`,
        false,
      );
  }
}
