// The bundled example is what a new user sees first: it must load, ingest, and hold what its README
// promises (four channels through three kinds of connector, at least eight ISO weeks, at least 400
// items, off-brand items filtered, competitors' items kept).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import { connectorRegistry } from '#adapters/feeds/connectors';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { ingest, type IngestReport } from '#app/ingest';
import { isoWeekOf } from '#domain/iso-week';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';

const { profile, baseDir } = loadProfile('examples/fernhill/brand.yaml');
const table = useLocalTable();
let store: DynamoStore;
let first: IngestReport;
let stored: Signal[];

beforeAll(async () => {
  store = table.store({ brandId: profile.brand.id });
  first = await ingest(profile, { store, connectorFor: connectorRegistry({ baseDir }) });
  stored = (await Promise.all(profile.sources.map((source) => store.signalsBySource(source.id)))).flat();
});

describe('the Fernhill Bikes example', () => {
  it('ingests every source without a failure', () => {
    expect(first.sources.map((source) => [source.sourceId, source.outcome])).toEqual(
      profile.sources.map((source) => [source.id, 'new']),
    );
  });

  it('reads every channel through at least three kinds of connector', () => {
    const kinds = new Set(profile.sources.map((source) => source.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    const channels = new Set(profile.sources.map((source) => source.channel));
    expect(channels).toEqual(new Set(['news', 'review', 'social', 'stance']));
  });

  it('stores at least 400 signals across all four channels', () => {
    expect(stored.length).toBeGreaterThanOrEqual(400);
    expect(new Set(stored.map((signal) => signal.channel))).toEqual(new Set(['news', 'review', 'social', 'stance']));
  });

  it('stores every item that is about the brand, and counts the others as off-brand', () => {
    const items = first.sources.reduce((sum, source) => sum + source.items, 0);
    const offBrand = first.sources.reduce((sum, source) => sum + source.offBrand, 0);
    const dropped = first.sources.reduce(
      (sum, source) => sum + source.filtered + source.duplicatesInFeed + source.unreadable,
      0,
    );
    expect(dropped).toBe(0);
    // story 9 of the README: 13 news items and 16 posts name neither Fernhill nor a competitor; those
    // naming a competitor (story 12) are kept
    expect(offBrand).toBe(29);
    expect(stored).toHaveLength(items - offBrand);
    expect(
      first.sources
        .filter((source) => source.offBrand > 0)
        .map((source) => source.channel)
        .sort(),
    ).toEqual(['news', 'social']);
  });

  it('keeps the competitors’ review pages and the posts naming only a competitor (story 12)', () => {
    const pages = profile.sources.filter((source) => source.about !== undefined && source.channel === 'review');
    expect(pages.map((source) => source.about)).toEqual(['cobalt-cycles', 'alderway-bikes']);
    for (const page of pages) expect(stored.filter((signal) => signal.sourceId === page.id).length).toBeGreaterThan(50);
    const theirsOnly = stored.filter(
      (signal) => signal.channel === 'social' && /cobalt|alderway/i.test(signal.text) && !/fernhill/i.test(signal.text),
    );
    expect(theirsOnly.length).toBeGreaterThanOrEqual(60);
  });

  it('keeps Cobalt’s own newsroom, whose statement of 2 November starts its free repairs (story 12)', () => {
    const newsrooms = profile.sources.filter((source) => source.channel === 'stance');
    expect(newsrooms.map((source) => [source.id, source.about])).toEqual([
      ['newsroom', undefined],
      ['cobalt-newsroom', 'cobalt-cycles'],
    ]);
    const theirs = stored.filter((signal) => signal.sourceId === 'cobalt-newsroom');
    expect(theirs).toHaveLength(5);
    expect(theirs.some((signal) => /fernhill|alderway/i.test(signal.text))).toBe(false);
    const turn = theirs.find((signal) => signal.publishedAt.startsWith('2026-11-02'));
    expect(turn?.text).toMatch(/^From today every repair at a Cobalt Cycles workshop is free/);
  });

  it('spans at least eight ISO weeks in the digest’s time zone, every signal dated by its feed', () => {
    const weeks = new Set(stored.map((signal) => isoWeekOf(signal.publishedAt, profile.digest.timezone)));
    expect(weeks.size).toBeGreaterThanOrEqual(8);
    expect(stored.every((signal) => signal.publishedAtSource === 'feed')).toBe(true);
  });

  it('carries star ratings on reviews', () => {
    const reviews = stored.filter((signal) => signal.channel === 'review');
    expect(reviews.every((signal) => signal.rating !== null)).toBe(true);
  });

  it('stores nothing new and reports every feed unchanged when ingested again', async () => {
    const again = await ingest(profile, { store, connectorFor: connectorRegistry({ baseDir }) });
    expect(again.totals).toEqual({
      sources: profile.sources.length,
      new: 0,
      unchanged: profile.sources.length,
      failed: 0,
      newSignals: 0,
    });
  });
});
