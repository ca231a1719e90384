// The csv connector reading dates: the formats it accepts, the time zone it reads them in, and the
// rows whose date it cannot read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CSV_LIMITS, createCsvConnector } from '#adapters/feeds/csv-connector';
import type { SourceOfKind } from '#domain/profile';
import { feedFailure } from '#test/support/feed-error';
import { drain, drainUntilFailure } from '#test/support/drain';
import { FIXTURES, connector, csvSource } from './csv-harness';

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
