import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorRegistry } from '#adapters/feeds/connectors';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { ingest } from '#app/ingest';
import type { Profile, ProfileInput } from '#domain/profile';
import { pseudonymFor } from '#domain/redaction';
import { ALLOW_LOOPBACK } from '#test/support/local-server';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';

const FIXTURES = join(process.cwd(), 'test/fixtures/feeds');
const table = useLocalTable();
let store: DynamoStore;
let feedDir: string;

// A feed server on loopback whose answer each test sets.
let answer: { status: number; body?: string; headers?: Record<string, string> } = { status: 200 };
let server: Server;
let feedUrl: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

beforeEach(() => {
  store = table.store();
  feedDir = mkdtempSync(join(tmpdir(), 'congruence-feeds-'));
  for (const file of ['rss2-html-and-gaps.xml', 'rss1-social.rdf', 'atom-newsroom.atom']) {
    copyFileSync(join(FIXTURES, file), join(feedDir, file));
  }
  answer = { status: 200 };
});
afterEach(() => {
  answer = { status: 200 };
});

const fixedClock = () => new Date('2026-11-23T10:00:00.000Z');
const CSV_FIXTURES = join(process.cwd(), 'test/fixtures/connectors/csv');

function profileWith(extra: ProfileInput['sources'] = []): Profile {
  return makeProfile([
    { id: 'reviews', kind: 'rss', path: 'rss2-html-and-gaps.xml', channel: 'review' },
    { id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' },
    { id: 'newsroom', kind: 'rss', path: 'atom-newsroom.atom', channel: 'stance' },
    ...extra,
  ]);
}

function run(profile: Profile) {
  return ingest(profile, {
    store,
    connectorFor: connectorRegistry({ baseDir: feedDir, allowHosts: ALLOW_LOOPBACK }),
    now: fixedClock,
  });
}

describe('ingesting a brand’s sources', () => {
  it('stores the items of RSS 2.0, RSS 1.0 and Atom feeds, and says what it dropped and why', async () => {
    const report = await run(profileWith());
    const bySource = Object.fromEntries(report.sources.map((source) => [source.sourceId, source]));
    expect(bySource.reviews).toMatchObject({
      outcome: 'new',
      items: 7,
      new: 6,
      duplicatesInFeed: 1,
      undated: 1,
      offBrand: 0,
    });
    expect(bySource.social).toMatchObject({ outcome: 'new', items: 2, new: 2, offBrand: 0 });
    expect(bySource.newsroom).toMatchObject({ outcome: 'new', items: 2, new: 2 });
    expect(report.totals).toEqual({ sources: 3, new: 3, unchanged: 0, failed: 0, newSignals: 10 });

    const reviews = await store.signalsBySource('reviews');
    expect(reviews.map((signal) => signal.title).sort()).toEqual([
      'A javascript link',
      'Duplicate guid, first copy',
      'Great & quick repair',
      'Neither guid nor link',
      'No date on this one',
      'Only a link',
    ]);
    const first = reviews.find((signal) => signal.title === 'Great & quick repair');
    expect(first).toMatchObject({
      text: "The mechanic fixed my gears in ten minutes.\nBrilliant’s the word & I'll be back.",
      rating: { value: 4, best: 5 },
      // privacy.redact is on by default: a reviewer's name is stored as a pseudonym.
      author: pseudonymFor('fernhill-bikes', 'Priya S.'),
      language: 'en',
      publishedAt: '2026-11-10T08:30:00.000Z',
    });
    const undated = reviews.find((signal) => signal.title === 'No date on this one');
    expect(undated).toMatchObject({ publishedAt: '2026-11-23T10:00:00.000Z', publishedAtSource: 'fetch-time' });
  });

  it('stores nothing again and reports every source unchanged on a second run', async () => {
    await run(profileWith());
    const second = await run(profileWith());
    expect(second.sources.map((source) => source.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(second.totals.newSignals).toBe(0);
    expect(await store.signalsBySource('reviews')).toHaveLength(6);
    // What the source's content held is kept while it is unchanged: the digest's coverage reads it.
    expect(await store.getSourceState('reviews')).toMatchObject({
      lastOutcome: 'unchanged',
      lastContent: { items: 7, stored: 6, offBrand: 0, filtered: 0 },
    });
  });

  it('stores only the new item when a feed gains one', async () => {
    await run(profileWith());
    const file = join(feedDir, 'rss1-social.rdf');
    const added = `<item rdf:about="https://social.example/@ana/1003"><title>New</title><link>https://social.example/@ana/1003</link><description>Fernhill fixed it for free!</description><dc:date>2026-11-20T10:00:00Z</dc:date></item>`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('</rdf:RDF>', `${added}</rdf:RDF>`));
    const report = await run(profileWith());
    expect(report.sources.find((source) => source.sourceId === 'social')).toMatchObject({
      outcome: 'new',
      items: 3,
      new: 1,
      alreadyStored: 2,
    });
    expect(await store.signalsBySource('social')).toHaveLength(3);
  });

  it('drops news and social items that never mention the brand, and counts them', async () => {
    const file = join(feedDir, 'rss1-social.rdf');
    const offBrand = `<item rdf:about="https://social.example/@x/9"><title>Sunday ride</title><link>https://social.example/@x/9</link><description>Lovely ride along the coast today #cycling</description><dc:date>2026-11-20T10:00:00Z</dc:date></item>`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('</rdf:RDF>', `${offBrand}</rdf:RDF>`));
    const report = await run(profileWith());
    expect(report.sources.find((source) => source.sourceId === 'social')).toMatchObject({
      items: 3,
      new: 2,
      offBrand: 1,
    });
  });

  it('applies a source’s filters before storing', async () => {
    const profile = makeProfile([
      {
        id: 'reviews',
        kind: 'rss',
        path: 'rss2-html-and-gaps.xml',
        channel: 'review',
        filters: { exclude: ['javascript'] },
      },
    ]);
    const report = await run(profile);
    expect(report.sources[0]).toMatchObject({ new: 5, filtered: 1 });
  });

  it('reports a failing source, goes on with the others, and catches up when it recovers', async () => {
    answer = { status: 503, headers: { 'retry-after': '120' } };
    const profile = profileWith([{ id: 'press', kind: 'rss', url: feedUrl, channel: 'news' }]);
    const failed = await run(profile);
    const press = failed.sources.find((source) => source.sourceId === 'press');
    expect(press).toMatchObject({ outcome: 'failed', new: 0 });
    expect(press?.error).toEqual({
      message: `source \`press\`: HTTP 503 from ${feedUrl} (the server asks to wait 120 s); will retry next run`,
      retryable: true,
    });
    expect(failed.totals).toMatchObject({ new: 3, failed: 1, newSignals: 10 });
    expect(await store.getSourceState('press')).toMatchObject({
      lastOutcome: 'failed',
      consecutiveFailures: 1,
      validators: {},
    });

    answer = {
      status: 200,
      headers: { etag: '"v1"', 'content-type': 'application/rss+xml' },
      body: '<rss version="2.0"><channel><title>Press</title><item><guid>p1</guid><title>Fernhill opens a store</title><pubDate>Thu, 19 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>',
    };
    const recovered = await run(profile);
    expect(recovered.sources.find((source) => source.sourceId === 'press')).toMatchObject({ outcome: 'new', new: 1 });
    expect(await store.getSourceState('press')).toMatchObject({
      lastOutcome: 'new',
      consecutiveFailures: 0,
      validators: { etag: '"v1"' },
    });
  });

  it('reads a source again after a crash between storing its signals and saving its state, without duplicates', async () => {
    const profile = profileWith();
    const crashing = Object.create(store) as DynamoStore;
    crashing.putSourceState = async () => {
      throw new Error('process killed');
    };
    const crashed = await ingest(profile, {
      store: crashing,
      connectorFor: connectorRegistry({ baseDir: feedDir, allowHosts: ALLOW_LOOPBACK }),
      now: fixedClock,
    });
    expect(crashed.sources.every((source) => source.outcome === 'failed')).toBe(true);
    expect(await store.getSourceState('reviews')).toBeUndefined();

    const rerun = await run(profile);
    expect(rerun.sources.map((source) => [source.sourceId, source.outcome, source.new, source.alreadyStored])).toEqual([
      ['reviews', 'new', 0, 6],
      ['social', 'new', 0, 2],
      ['newsroom', 'new', 0, 2],
    ]);
    expect(await store.signalsBySource('reviews')).toHaveLength(6);
    expect((await run(profile)).totals.unchanged).toBe(3);
  });

  it('records each run with its totals', async () => {
    const report = await run(profileWith());
    const [latest] = await store.recentRuns(1);
    expect(latest).toMatchObject({ runId: report.runId, kind: 'ingest', summary: { totals: report.totals } });
  });

  it('reads only the sources asked for', async () => {
    const report = await ingest(
      profileWith(),
      { store, connectorFor: connectorRegistry({ baseDir: feedDir, allowHosts: ALLOW_LOOPBACK }), now: fixedClock },
      { sourceIds: ['social'] },
    );
    expect(report.sources.map((source) => source.sourceId)).toEqual(['social']);
  });

  it('tells progress listeners when each source starts and finishes', async () => {
    const events: string[] = [];
    await ingest(
      profileWith(),
      { store, connectorFor: connectorRegistry({ baseDir: feedDir, allowHosts: ALLOW_LOOPBACK }), now: fixedClock },
      {
        concurrency: 1,
        onEvent: (event) =>
          events.push(`${event.type}:${'sourceId' in event ? event.sourceId : event.report.sourceId}`),
      },
    );
    expect(events).toEqual([
      'source-started:reviews',
      'source-finished:reviews',
      'source-started:social',
      'source-finished:social',
      'source-started:newsroom',
      'source-finished:newsroom',
    ]);
  });
});

describe('ingesting a CSV export’s dates', () => {
  /** A profile whose one source is the CSV export `posts.csv` in the feed folder, copied from `fixture`. */
  function csvExport(
    fixture: string,
    extra: Partial<Extract<ProfileInput['sources'][number], { kind: 'csv' }>> = {},
  ): Profile {
    copyFileSync(join(CSV_FIXTURES, fixture), join(feedDir, 'posts.csv'));
    return makeProfile([
      {
        id: 'posts',
        kind: 'csv',
        path: 'posts.csv',
        channel: 'review',
        columns: { id: 'id', date: 'posted', text: 'text' },
        ...extra,
      },
    ]);
  }

  it('reports the dates it could not read and why, and stores those rows dated at fetch time', async () => {
    const report = await run(csvExport('customer-posts-unreadable-dates.csv', { timezone: 'Europe/London' }));

    expect(report.sources[0]).toMatchObject({ outcome: 'new', items: 6, new: 6, undated: 3, unreadableDates: 2 });
    expect(report.sources[0]?.warnings).toEqual([
      {
        code: 'unreadable-dates',
        message: expect.stringMatching(/^source `posts`: 2 dates in column "posted" could not be read/),
      },
    ]);
    const stored = Object.fromEntries((await store.signalsBySource('posts')).map((signal) => [signal.text, signal]));
    expect(stored['Fernhill fixed my wheel while I waited.']).toMatchObject({
      publishedAt: '2015-02-24T10:35:00.000Z',
      publishedAtSource: 'feed',
    });
    expect(stored['The Fernhill repair desk was closed again at lunchtime.']).toMatchObject({
      publishedAt: '2026-11-23T10:00:00.000Z',
      publishedAtSource: 'fetch-time',
    });
  });

  it('reports a column whose dates read both ways with the setting to add, and records it with the run', async () => {
    const report = await run(csvExport('customer-posts-ambiguous.csv'));

    expect(report.sources[0]?.warnings.map((warning) => warning.code)).toEqual(['ambiguous-dates']);
    const [latest] = await store.recentRuns(1);
    expect(latest?.summary).toMatchObject({ sources: [{ sourceId: 'posts', warnings: report.sources[0]?.warnings }] });
  });

  it('stores nothing from an export whose dates contradict each other, keeps what earlier runs stored, and reads it again once fixed', async () => {
    const profile = csvExport('customer-posts-day-first.csv');
    expect((await run(profile)).sources[0]).toMatchObject({ outcome: 'new', new: 3 });
    const before = await store.getSourceState('posts');

    copyFileSync(join(CSV_FIXTURES, 'customer-posts-mixed-orders.csv'), join(feedDir, 'posts.csv'));
    const contradicted = await run(profile);

    expect(contradicted.sources[0]).toMatchObject({ outcome: 'failed', new: 0, error: { retryable: false } });
    expect(contradicted.sources[0]?.error?.message).toContain('mixes day-first and month-first dates');
    expect(await store.signalsBySource('posts')).toHaveLength(3);
    expect((await store.getSourceState('posts'))?.validators).toEqual(before?.validators);

    copyFileSync(join(CSV_FIXTURES, 'customer-posts-day-first.csv'), join(feedDir, 'posts.csv'));
    expect((await run(profile)).sources[0]).toMatchObject({ outcome: 'unchanged', new: 0 });
    expect(await store.signalsBySource('posts')).toHaveLength(3);
  });
});
