import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CSV_LIMITS, createCsvConnector } from '#adapters/feeds/csv-connector';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { drain, drainUntilFailure } from '#test/support/drain';
import { ALLOW_LOOPBACK, localServers } from '#test/support/local-server';

const FIXTURES = fileURLToPath(new URL('../../fixtures/connectors/csv/', import.meta.url));
const connector = createCsvConnector({ baseDir: FIXTURES, allowHosts: ALLOW_LOOPBACK });

const servers = localServers();
afterEach(() => servers.closeAll());

const REVIEW_COLUMNS = {
  id: 'Review ID',
  date: 'Submitted',
  title: 'Headline',
  text: 'Review text',
  rating: 'Stars',
  url: 'Link',
  author: 'Reviewer',
  channel: 'Channel',
  language: 'Lang',
};

const SURVEY_COLUMNS = { id: 'id', date: 'date', text: 'body', rating: 'stars' };

function csvSource(
  location: { path: string } | { url: string },
  overrides: Partial<SourceOfKind<'csv'>> = {},
): SourceOfKind<'csv'> {
  return {
    id: 'shop-reviews',
    kind: 'csv',
    channel: 'review',
    schedule: 'daily',
    timezone: 'UTC',
    columns: REVIEW_COLUMNS,
    delimiter: ',',
    ratingBest: 5,
    ...location,
    ...overrides,
  };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const fixture = (name: string) => readFile(join(FIXTURES, name));

describe('the csv connector on a file', () => {
  it('maps each mapped column to the feed item exactly and counts unreadable rows', async () => {
    const result = await drain(await connector.read(csvSource({ path: 'reviews.csv' }), {}));

    expect(result.items).toEqual([
      {
        guid: 'csv:FH-1001',
        link: 'https://reviews.example/fernhill/FH-1001',
        title: 'Lifetime repairs are real',
        html: 'Took my Heron in with a cracked dropout, fixed free under the lifetime repair promise.',
        author: 'Dana K.',
        date: '2026-11-02T09:15:00.000Z',
        rating: { value: 5, best: 5 },
        language: 'en-GB',
        channel: 'review',
      },
      {
        guid: 'csv:FH-1002',
        link: 'https://reviews.example/fernhill/FH-1002',
        title: 'Slow, but "fair"',
        html: 'The shop took three weeks.\nThey did call me every week though.',
        author: 'Morgan T.',
        date: '2026-11-03T18:40:00.000Z',
        rating: { value: 3, best: 5 },
        language: 'en',
        channel: 'review',
      },
      // A rating that is not a number keeps the row without a rating; an empty channel means the source's.
      {
        guid: 'csv:FH-1003',
        link: undefined,
        title: 'Great commuter',
        html: 'The Tor commuter is light and the hub gears are smooth.',
        author: 'Sam P.',
        date: '2026-11-04T12:00:00.000Z',
        rating: undefined,
        language: undefined,
        channel: undefined,
      },
      // A rating above ratingBest is dropped, the row kept.
      expect.objectContaining({ guid: 'csv:FH-1004', rating: undefined }),
      // The channel is matched whatever its case; a decimal rating is kept.
      expect.objectContaining({ guid: 'csv:FH-1007', channel: 'social', rating: { value: 4.5, best: 5 } }),
      // A row shorter than the header has empty cells for the missing columns.
      {
        guid: 'csv:FH-1009',
        link: undefined,
        title: 'Short row',
        html: 'Good fit after a proper bike fitting.',
        author: undefined,
        date: '2026-11-08T08:00:00.000Z',
        rating: undefined,
        language: undefined,
        channel: undefined,
      },
    ]);
    // FH-1005 has no text, FH-1006 an unknown channel, FH-1008 one field too many (an unquoted comma);
    // the blank line and the row of empty cells are not rows at all.
    expect(result.invalidItems).toBe(3);
    expect(result.batchSizes).toEqual([6]);
  });

  it('returns the sha256 of the file and reports the same file as unchanged without parsing it', async () => {
    const first = await drain(await connector.read(csvSource({ path: 'reviews.csv' }), {}));

    const second = await connector.read(csvSource({ path: 'reviews.csv' }), first.validators);

    expect(first.validators).toEqual({ contentHash: sha256(await fixture('reviews.csv')) });
    expect(second).toEqual({ status: 'unchanged', validators: first.validators });
  });

  it('reads a semicolon-separated file with decimal-comma ratings', async () => {
    const source = csvSource(
      { path: 'survey-semicolon.csv' },
      { delimiter: ';', columns: SURVEY_COLUMNS, channel: 'stance' },
    );

    const result = await drain(await connector.read(source, {}));

    expect(result.items.map(({ guid, html, date, rating }) => ({ guid, html, date, rating }))).toEqual([
      {
        guid: 'csv:S-201',
        html: 'Repair was quick, staff were friendly',
        date: '2026-10-30T00:00:00.000Z',
        rating: { value: 4.5, best: 5 },
      },
      {
        guid: 'csv:S-202',
        html: 'Price; not great for a basic service',
        date: '2026-10-31T00:00:00.000Z',
        rating: { value: 2, best: 5 },
      },
    ]);
    expect(result.invalidItems).toBe(0);
  });

  it('drops the byte-order mark so the first header name matches, and reads CRLF lines', async () => {
    const source = csvSource(
      { path: 'support-bom.csv' },
      { columns: { id: 'Ticket', date: 'Opened', text: 'Message' } },
    );

    const result = await drain(await connector.read(source, {}));

    expect(result.items.map(({ guid, html }) => ({ guid, html }))).toEqual([
      { guid: 'csv:T-88', html: 'My Fernhill gravel bike creaks, can someone call me back?' },
      { guid: 'csv:T-89', html: 'Thanks for sorting the warranty claim so fast.' },
    ]);
  });

  it('leaves the guid undefined without an id column, so identity falls back to link, then title and date', async () => {
    const { id: _id, ...withoutId } = REVIEW_COLUMNS;

    const result = await drain(await connector.read(csvSource({ path: 'reviews.csv' }, { columns: withoutId }), {}));

    expect(result.items.map((item) => item.guid)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads ratings out of ratingBest', async () => {
    const result = await drain(await connector.read(csvSource({ path: 'reviews.csv' }, { ratingBest: 10 }), {}));

    expect(result.items.find((item) => item.guid === 'csv:FH-1004')?.rating).toEqual({ value: 7, best: 10 });
  });

  it('names the missing column, the file and the columns it has when the header does not match the config', async () => {
    const source = csvSource(
      { path: 'survey-semicolon.csv' },
      { delimiter: ';', columns: { ...SURVEY_COLUMNS, text: 'Review text' } },
    );

    const error = await feedFailure(drain(await connector.read(source, {})));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'shop-reviews' });
    expect(error.message).toBe(
      `source \`shop-reviews\`: column "Review text" (columns.text) is not in the header of ${join(FIXTURES, 'survey-semicolon.csv')}; ` +
        'the file has: id, date, body, stars; fix the source and run again',
    );
  });

  it('suggests the delimiter when the header reads as one column', async () => {
    const source = csvSource({ path: 'survey-semicolon.csv' }, { columns: SURVEY_COLUMNS });

    const error = await feedFailure(drain(await connector.read(source, {})));

    expect(error.message).toContain(
      'columns "id" (columns.id), "date" (columns.date), "body" (columns.text), "stars" (columns.rating) are not',
    );
    expect(error.message).toContain(
      'the file has: id;date;body;stars (one column: if the file is separated by ";", set delimiter: ";")',
    );
  });

  it('reports a quote that is never closed with the line it starts on, after handing over the rows before it', async () => {
    const source = csvSource({ path: 'unclosed-quote.csv' }, { columns: SURVEY_COLUMNS });
    const result = await connector.read(source, {});

    const { batches, error } = await drainUntilFailure(result);

    expect(batches.map((batch) => batch.items.map((item) => item.guid))).toEqual([['csv:Q-1']]);
    expect(error).toMatchObject({ reason: 'unreadable', retryable: false, sourceId: 'shop-reviews' });
    expect((error as Error).message).toBe(
      `source \`shop-reviews\`: ${join(FIXTURES, 'unclosed-quote.csv')} is not valid CSV: a quoted field in the row after line 2 ` +
        'is never closed (the file ends at line 4); look for a stray " in line 3; fix the source and run again',
    );
  });

  it('reports a stray quote inside a quoted field with its line', async () => {
    const source = csvSource({ path: 'stray-quote.csv' }, { columns: SURVEY_COLUMNS });

    const error = await feedFailure(drain(await connector.read(source, {})));

    expect(error).toMatchObject({ reason: 'unreadable', retryable: false });
    expect(error.message).toContain(
      `${join(FIXTURES, 'stray-quote.csv')} is not valid CSV at line 3: Invalid Closing Quote`,
    );
  });

  it('reports an empty file as having no header row', async () => {
    const error = await feedFailure(drain(await connector.read(csvSource({ path: 'empty.csv' }), {})));

    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false });
    expect(error.message).toContain('empty.csv is empty: it has no header row');
  });

  it('reports a missing file as not-found, not retryable', async () => {
    const error = await feedFailure(connector.read(csvSource({ path: 'no-such-export.csv' }), {}));

    expect(error).toMatchObject({ reason: 'not-found', retryable: false, sourceId: 'shop-reviews' });
    expect(error.message).toContain(`file not found: ${join(FIXTURES, 'no-such-export.csv')}`);
  });
});

describe('the csv connector reading dates', () => {
  const POST_COLUMNS = { id: 'id', date: 'posted', text: 'text' };
  const posts = (path: string, overrides: Partial<SourceOfKind<'csv'>> = {}) =>
    csvSource({ path }, { id: 'shop-posts', channel: 'social', columns: POST_COLUMNS, ...overrides });
  const datesOf = (items: { guid?: string; date?: string }[]) => items.map((item) => [item.guid, item.date]);

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'congruence-csv-dates-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A small export written for one case: a header and the given rows of id, posted and text. */
  async function postsFile(name: string, rows: string[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, `${['id,posted,text', ...rows].join('\n')}\n`);
    return path;
  }

  it('reads dates without a zone in UTC when the source names no time zone, month-first when a row shows the month comes first', async () => {
    const result = await drain(await connector.read(posts('customer-posts-month-first.csv'), {}));

    expect(datesOf(result.items)).toEqual([
      ['csv:P-1', '2015-02-24T11:35:00.000Z'],
      ['csv:P-2', '2015-03-02T09:05:00.000Z'],
      ['csv:P-3', '2015-12-31T23:59:00.000Z'],
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.unreadableDates).toBe(0);
  });

  it('reads dates without a zone in the source’s time zone', async () => {
    const result = await drain(
      await connector.read(posts('customer-posts-month-first.csv', { timezone: 'America/New_York' }), {}),
    );

    expect(datesOf(result.items)).toEqual([
      ['csv:P-1', '2015-02-24T16:35:00.000Z'],
      ['csv:P-2', '2015-03-02T14:05:00.000Z'],
      ['csv:P-3', '2016-01-01T04:59:00.000Z'],
    ]);
  });

  it('reads the whole column day-first when one row shows the day comes first, the rows before it included', async () => {
    const result = await drain(await connector.read(posts('customer-posts-day-first.csv'), {}));

    expect(datesOf(result.items)).toEqual([
      ['csv:P-11', '2015-02-03T09:05:00.000Z'],
      ['csv:P-12', '2015-02-24T11:35:00.000Z'],
      ['csv:P-13', '2015-03-01T18:00:00.000Z'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads a column whose every date could be either order month-first, and warns naming the source, the column and the setting to add', async () => {
    const result = await drain(await connector.read(posts('customer-posts-ambiguous.csv'), {}));

    expect(datesOf(result.items)).toEqual([
      ['csv:P-21', '2015-03-02T09:05:00.000Z'],
      ['csv:P-22', '2015-11-12T17:30:00.000Z'],
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'ambiguous-dates',
        message:
          'source `shop-posts`: every date in column "posted" reads both month-first and day-first (the first, "03/02/2015 09:05" ' +
          'on line 2, is 2 March 2015 month-first and 3 February 2015 day-first); they were read month-first. If the export ' +
          'writes the day first, set dateFormat: "D/M/YYYY H:mm" on this source; to keep month-first and silence this warning, ' +
          'set dateFormat: "M/D/YYYY H:mm"',
      },
    ]);
  });

  it('refuses a column that mixes the two orders before handing over any row, naming a row of each', async () => {
    const oneRowABatch = createCsvConnector({ baseDir: FIXTURES }, { ...CSV_LIMITS, batchSize: 1 });

    const { batches, error } = await drainUntilFailure(
      await oneRowABatch.read(posts('customer-posts-mixed-orders.csv'), {}),
    );

    expect(batches).toEqual([]);
    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'shop-posts' });
    expect(error.message).toBe(
      `source \`shop-posts\`: column "posted" of ${join(FIXTURES, 'customer-posts-mixed-orders.csv')} mixes day-first and ` +
        'month-first dates: "24/02/2015 11:35" on line 3 can only be day-first, "02/25/2015 08:00" on line 4 only month-first; ' +
        'nothing from the file was stored; correct the export so that every date puts the day in the same place; ' +
        'fix the source and run again',
    );
  });

  it('keeps the offset a date carries, reads RFC 2822 and database-style dates, and counts and reports the dates it cannot read', async () => {
    const result = await drain(
      await connector.read(posts('customer-posts-unreadable-dates.csv', { timezone: 'Europe/London' }), {}),
    );

    expect(datesOf(result.items)).toEqual([
      ['csv:P-41', '2015-02-24T10:35:00.000Z'],
      ['csv:P-42', undefined],
      ['csv:P-43', undefined],
      ['csv:P-44', '2015-02-24T11:35:00.000Z'],
      ['csv:P-45', undefined],
      ['csv:P-46', '2015-02-24T11:35:00.000Z'],
    ]);
    // The empty cell is a row without a date, not an unreadable one.
    expect(result.unreadableDates).toBe(2);
    expect(result.warnings).toEqual([
      {
        code: 'unreadable-dates',
        message:
          'source `shop-posts`: 2 dates in column "posted" could not be read (the first: "yesterday" on line 3); those rows are ' +
          'dated at the time they were fetched. Set dateFormat to the way the export writes its dates (for "24.02.2015" on ' +
          'line 6: dateFormat: "D.M.YYYY"), or write them as ISO 8601 (2015-02-24T11:35:00Z)',
      },
    ]);
  });

  it('counts a slash date that names no day of the year as unreadable, not as proof of an order', async () => {
    const path = await postsFile('no-such-day-slashes.csv', [
      'P-1,24/02/2015,First',
      'P-2,2/30/2015,Second',
      'P-3,0/5/2015,Third',
    ]);

    const result = await drain(await connector.read(posts(path), {}));

    expect(datesOf(result.items)).toEqual([
      ['csv:P-1', '2015-02-24T00:00:00.000Z'],
      ['csv:P-2', undefined],
      ['csv:P-3', undefined],
    ]);
    expect(result.unreadableDates).toBe(2);
  });

  it('reads every date in the declared dateFormat, without a warning', async () => {
    const result = await drain(
      await connector.read(posts('customer-posts-ambiguous.csv', { dateFormat: 'DD/MM/YYYY HH:mm' }), {}),
    );

    expect(datesOf(result.items)).toEqual([
      ['csv:P-21', '2015-02-03T09:05:00.000Z'],
      ['csv:P-22', '2015-12-11T17:30:00.000Z'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads the declared dateFormat in the source’s time zone', async () => {
    const source = posts('customer-posts-month-first.csv', { dateFormat: 'M/D/YYYY H:mm', timezone: 'Asia/Tokyo' });

    const result = await drain(await connector.read(source, {}));

    expect(datesOf(result.items)).toEqual([
      ['csv:P-1', '2015-02-24T02:35:00.000Z'],
      ['csv:P-2', '2015-03-02T00:05:00.000Z'],
      ['csv:P-3', '2015-12-31T14:59:00.000Z'],
    ]);
  });

  it('refuses a file whose dates contradict the declared dateFormat before handing over any row, with the line, column, value and the format that fits', async () => {
    const source = posts('customer-posts-month-first.csv', { dateFormat: 'D/M/YYYY H:mm' });

    const { batches, error } = await drainUntilFailure(await connector.read(source, {}));

    expect(batches).toEqual([]);
    expect(error).toMatchObject({ reason: 'unexpected-format', retryable: false, sourceId: 'shop-posts' });
    expect(error.message).toBe(
      'source `shop-posts`: the date "2/24/2015 11:35" on line 2 (column "posted") does not fit dateFormat "D/M/YYYY H:mm": ' +
        '24 cannot be a month (did you mean dateFormat "M/D/YYYY H:mm"?); ' +
        `nothing from ${join(FIXTURES, 'customer-posts-month-first.csv')} was stored; fix the source and run again`,
    );
  });

  it('refuses a contradiction on the last row too, having handed over none of the rows before it', async () => {
    const path = await postsFile('late-contradiction.csv', [
      'P-1,03/02/2015,First',
      'P-2,04/02/2015,Second',
      'P-3,02/29/2015,Third',
    ]);
    const oneRowABatch = createCsvConnector({ baseDir: dir }, { ...CSV_LIMITS, batchSize: 1 });

    const { batches, error } = await drainUntilFailure(
      await oneRowABatch.read(posts(path, { dateFormat: 'DD/MM/YYYY' }), {}),
    );

    expect(batches).toEqual([]);
    expect(error.message).toContain(
      'the date "02/29/2015" on line 4 (column "posted") does not fit dateFormat "DD/MM/YYYY": 29 cannot be a month',
    );
  });

  it('says a day the month does not have is no date', async () => {
    const path = await postsFile('no-such-day.csv', ['P-1,2015-02-28,First', 'P-2,2015-02-29,Second']);

    const error = await feedFailure(drain(await connector.read(posts(path, { dateFormat: 'YYYY-MM-DD' }), {})));

    expect(error.message).toContain(
      'the date "2015-02-29" on line 3 (column "posted") does not fit dateFormat "YYYY-MM-DD": February 2015 has no day 29 (',
    );
  });

  it('names both orders when a date that does not fit the declared dateFormat could be either', async () => {
    const path = await postsFile('slashes-for-iso.csv', ['P-1,03/02/2015 09:05,First']);

    const error = await feedFailure(drain(await connector.read(posts(path, { dateFormat: 'YYYY-MM-DD HH:mm' }), {})));

    expect(error.message).toContain(
      'the date "03/02/2015 09:05" on line 2 (column "posted") does not fit dateFormat "YYYY-MM-DD HH:mm" ' +
        '(did you mean dateFormat "M/D/YYYY H:mm" or "D/M/YYYY H:mm"?)',
    );
  });

  it('suggests leaving dateFormat out when the date that does not fit carries its own zone', async () => {
    const path = await postsFile('zoned.csv', ['P-1,2015-02-24T11:35:00+01:00,First']);

    const error = await feedFailure(drain(await connector.read(posts(path, { dateFormat: 'YYYY-MM-DD HH:mm' }), {})));

    expect(error.message).toContain(
      'does not fit dateFormat "YYYY-MM-DD HH:mm" (did you mean to leave dateFormat out? ISO 8601 and RFC 2822 dates are read without it)',
    );
  });

  it('says how to fix a date that fits no format at all', async () => {
    const path = await postsFile('words.csv', ['P-1,2015-02-24,First', 'P-2,last week,Second']);

    const error = await feedFailure(drain(await connector.read(posts(path, { dateFormat: 'YYYY-MM-DD' }), {})));

    expect(error.message).toContain(
      'the date "last week" on line 3 (column "posted") does not fit dateFormat "YYYY-MM-DD" ' +
        '(correct that row, or empty its date cell to date it at fetch time)',
    );
  });

  it('judges the dates only of rows it reads: a shifted row’s stray value in the date column is no contradiction', async () => {
    const path = await postsFile('shifted-row.csv', ['P-1,24/02/2015,First', 'P-2,02/25/2015,Bad, paint']);

    const result = await drain(await connector.read(posts(path), {}));

    expect(datesOf(result.items)).toEqual([['csv:P-1', '2015-02-24T00:00:00.000Z']]);
    expect(result.invalidItems).toBe(1);
  });
});

describe('the csv connector on a large file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'congruence-csv-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function exportOf(rows: number): Promise<string> {
    const lines = ['Review ID,Review text'];
    for (let row = 1; row <= rows; row++) lines.push(`R-${row},"Review number ${row}, about the Tor"`);
    const path = join(dir, `export-${rows}.csv`);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('hands the rows over in batches of at most 500 as they are parsed', async () => {
    const path = await exportOf(1234);

    const result = await drain(
      await connector.read(csvSource({ path }, { columns: { id: 'Review ID', text: 'Review text' } }), {}),
    );

    expect(CSV_LIMITS.batchSize).toBe(500);
    expect(result.batchSizes).toEqual([500, 500, 234]);
    expect(result.items[0]?.guid).toBe('csv:R-1');
    expect(result.items[1233]).toEqual(
      expect.objectContaining({ guid: 'csv:R-1234', html: 'Review number 1234, about the Tor' }),
    );
    expect(result.validators).toEqual({ contentHash: sha256(await readFile(path)) });
  });

  it('stops at the row cap after handing over the rows before it', async () => {
    const path = await exportOf(7);
    const capped = createCsvConnector({ baseDir: dir }, { ...CSV_LIMITS, batchSize: 2, maxRows: 5 });
    const result = await capped.read(csvSource({ path }, { columns: { id: 'Review ID', text: 'Review text' } }), {});

    const { batches, error } = await drainUntilFailure(result);

    expect(batches.map((batch) => batch.items.length)).toEqual([2, 2, 1]);
    expect(error).toMatchObject({ reason: 'too-large', retryable: false });
    expect((error as Error).message).toContain(
      'has more than 5 rows; the first 5 were read; export a shorter period or split the file',
    );
  });

  it('fails a row longer than the row size limit with its line', async () => {
    const path = join(dir, 'long-row.csv');
    await writeFile(path, `Review ID,Review text\nR-1,short\nR-2,"${'x'.repeat(300)}"\n`);
    const capped = createCsvConnector({ baseDir: dir }, { ...CSV_LIMITS, maxRowChars: 100 });

    const error = await feedFailure(
      drain(await capped.read(csvSource({ path }, { columns: { id: 'Review ID', text: 'Review text' } }), {})),
    );

    expect(error).toMatchObject({ reason: 'unreadable', retryable: false });
    expect(error.message).toContain('is not valid CSV: the row after line 2 is longer than 100 characters');
  });
});

describe('the csv connector on a URL', () => {
  it('reads the export, sends a CSV Accept header and our User-Agent, and returns its validators', async () => {
    const body = await fixture('reviews.csv');
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag: '"export-7"' });
      response.end(body);
    });
    const source = csvSource({ url: server.url('/exports/reviews.csv?format=csv') });

    const result = await drain(await connector.read(source, {}));

    expect(result.items.map((item) => item.guid)).toEqual([
      'csv:FH-1001',
      'csv:FH-1002',
      'csv:FH-1003',
      'csv:FH-1004',
      'csv:FH-1007',
      'csv:FH-1009',
    ]);
    expect(result.invalidItems).toBe(3);
    expect(result.validators).toEqual({ etag: '"export-7"', lastModified: undefined, contentHash: sha256(body) });
    expect(server.requests.map((request) => request.path)).toEqual(['/exports/reviews.csv?format=csv']);
    expect(server.requests[0]?.headers.accept).toBe('text/csv, text/plain;q=0.9, */*;q=0.1');
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^Congruence\//);
  });

  it('reports the same bytes as unchanged by content hash', async () => {
    const body = await fixture('survey-semicolon.csv');
    const server = await servers.serve((_request, response) => response.end(body));
    const source = csvSource({ url: server.url('/survey.csv') }, { delimiter: ';', columns: SURVEY_COLUMNS });

    const first = await drain(await connector.read(source, {}));
    const second = await connector.read(source, first.validators);

    expect(second).toEqual({ status: 'unchanged', validators: expect.objectContaining({ contentHash: sha256(body) }) });
  });

  it('decodes the body with the charset the server names', async () => {
    const server = await servers.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv; charset=windows-1252' });
      response.end(Buffer.from('id,body\nW-1,Caf\xe9 stop on the \x93Tor\x94 ride\n', 'latin1'));
    });
    const source = csvSource({ url: server.url('/export.csv') }, { columns: { id: 'id', text: 'body' } });

    const result = await drain(await connector.read(source, {}));

    expect(result.items[0]?.html).toBe('Café stop on the “Tor” ride');
  });

  it('passes a server error on as retryable and a 404 as not retryable, naming the source', async () => {
    const server = await servers.serve((request, response) =>
      response.writeHead(request.url === '/gone.csv' ? 404 : 500).end(),
    );

    const failing = await feedFailure(connector.read(csvSource({ url: server.url('/export.csv') }), {}));
    const gone = await feedFailure(connector.read(csvSource({ url: server.url('/gone.csv') }), {}));

    expect(failing).toMatchObject({ reason: 'http-status', retryable: true, sourceId: 'shop-reviews' });
    expect(failing.message).toContain(`HTTP 500 from ${server.url('/export.csv')}`);
    expect(gone).toMatchObject({ reason: 'http-status', retryable: false, sourceId: 'shop-reviews' });
  });

  it('reports a rate limit as retryable with the wait the server asks for', async () => {
    const server = await servers.serve((_request, response) => response.writeHead(429, { 'retry-after': '120' }).end());

    const error = await feedFailure(connector.read(csvSource({ url: server.url('/export.csv') }), {}));

    expect(error).toMatchObject({ reason: 'http-status', retryable: true, retryAfterSeconds: 120 });
    expect(error.message).toContain('HTTP 429');
  });

  it('reports a malformed body with its line', async () => {
    const body = await fixture('unclosed-quote.csv');
    const server = await servers.serve((_request, response) => response.end(body));
    const source = csvSource({ url: server.url('/export.csv') }, { columns: SURVEY_COLUMNS });

    const error = await feedFailure(drain(await connector.read(source, {})));

    expect(error).toMatchObject({ reason: 'unreadable', retryable: false });
    expect(error.message).toContain(
      `${server.url('/export.csv')} is not valid CSV: a quoted field in the row after line 2 is never closed`,
    );
  });
});
