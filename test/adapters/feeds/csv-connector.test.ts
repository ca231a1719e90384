// The csv connector on a file: each mapped column to the feed item, unreadable rows counted, and a
// large file read in bounded memory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CSV_LIMITS, createCsvConnector } from '#adapters/feeds/csv-connector';
import { feedFailure } from '#test/support/feed-error';
import { drain, drainUntilFailure } from '#test/support/drain';
import { FIXTURES, connector, REVIEW_COLUMNS, SURVEY_COLUMNS, csvSource, sha256, fixture } from './csv-harness';

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
