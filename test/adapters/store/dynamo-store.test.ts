import { saveScored } from '#test/support/saved-scores';
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { monthsBetween } from '#adapters/store/table';
import { isoWeekRange } from '#domain/iso-week';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { makeProfile } from '#test/support/profile';
import { makeSignal } from '#test/support/signals';
import { RETAIN_DAYS, TEXT_EXPIRES_AT } from '#test/support/retention';
import { useLocalTable } from '#test/support/local-table';

// The store's contract: this file runs against dynalite and against the embedded table (vitest.config.ts).
const table = useLocalTable('congruence-test');

/** A store on the shared table, with a brand of its own so tests do not see each other's items. */
function freshStore(): DynamoStore {
  return table.store();
}

describe('storing signals', () => {
  it('stores new signals and reads one back exactly', async () => {
    const store = freshStore();
    const signal = makeSignal({ key: 'a', rating: { value: 4, best: 5 }, author: 'Priya S.' });
    const result = await store.saveNewSignals([signal], RETAIN_DAYS);
    expect(result).toEqual({ inserted: [signal.id], existing: [] });
    expect(await store.getSignal(signal.id)).toEqual(signal);
  });

  it('never overwrites or duplicates a stored signal when it comes again', async () => {
    const store = freshStore();
    const original = makeSignal({
      key: 'undated',
      publishedAtSource: 'fetch-time',
      publishedAt: '2026-11-20T00:00:00.000Z',
    });
    await store.saveNewSignals([original], RETAIN_DAYS);
    // The same item fetched a day later would be dated at the later fetch time: the first date must stay.
    const again = { ...original, publishedAt: '2026-11-21T00:00:00.000Z', fetchedAt: '2026-11-21T00:00:00.000Z' };
    const result = await store.saveNewSignals([again, makeSignal({ key: 'b' })], RETAIN_DAYS);
    expect(result.existing).toEqual([original.id]);
    expect(result.inserted).toEqual([makeSignal({ key: 'b' }).id]);
    expect(await store.getSignal(original.id)).toEqual(original);
    expect(await store.signalsBySource('shop-reviews')).toHaveLength(2);
  });

  it('collapses the same signal given twice in one call', async () => {
    const store = freshStore();
    const signal = makeSignal({ key: 'twice' });
    expect(await store.saveNewSignals([signal, signal], RETAIN_DAYS)).toEqual({ inserted: [signal.id], existing: [] });
  });

  it('stores more than one batch of 25 and more than one read batch of 100', async () => {
    const store = freshStore();
    const signals = Array.from({ length: 230 }, (_, index) => makeSignal({ key: `bulk-${index}` }));
    expect((await store.saveNewSignals(signals, RETAIN_DAYS)).inserted).toHaveLength(230);
    const again = await store.saveNewSignals(signals, RETAIN_DAYS);
    expect(again.inserted).toEqual([]);
    expect(again.existing).toHaveLength(230);
  });

  it('finds the signals of an ISO week, of all channels or one, in time order', async () => {
    const store = freshStore();
    const week = isoWeekRange('2026-W45', 'Europe/London'); // 2026-11-02 00:00Z .. 2026-11-09 00:00Z
    const inWeekReview = makeSignal({ key: 'r', publishedAt: '2026-11-04T12:00:00.000Z' });
    const inWeekSocial = makeSignal({
      key: 's',
      channel: 'social',
      sourceId: 'social',
      publishedAt: '2026-11-02T00:00:00.000Z',
    });
    const before = makeSignal({ key: 'before', publishedAt: '2026-11-01T23:59:59.999Z' });
    const atEnd = makeSignal({ key: 'end', publishedAt: '2026-11-09T00:00:00.000Z' });
    await store.saveNewSignals([inWeekReview, inWeekSocial, before, atEnd], RETAIN_DAYS);
    expect((await store.signalsBetween(week)).map((each) => each.id)).toEqual([inWeekSocial.id, inWeekReview.id]);
    expect((await store.signalsBetween(week, 'review')).map((each) => each.id)).toEqual([inWeekReview.id]);
    // a filter keeps only what it accepts
    expect(
      (await store.signalsBetween(week, undefined, (signal) => signal.channel === 'social')).map((each) => each.id),
    ).toEqual([inWeekSocial.id]);
  });

  it('finds signals across a month boundary', async () => {
    const store = freshStore();
    const october = makeSignal({ key: 'oct', publishedAt: '2026-10-30T10:00:00.000Z' });
    const november = makeSignal({ key: 'nov', publishedAt: '2026-11-01T10:00:00.000Z' });
    await store.saveNewSignals([october, november], RETAIN_DAYS);
    const week = isoWeekRange('2026-W44', 'UTC'); // Mon 2026-10-26 .. Mon 2026-11-02
    expect((await store.signalsBetween(week)).map((each) => each.id)).toEqual([october.id, november.id]);
  });

  it('finds the signals of one source, optionally in a time range', async () => {
    const store = freshStore();
    const mine = [1, 2, 3].map((day) => makeSignal({ key: `m${day}`, publishedAt: `2026-11-0${day}T08:00:00.000Z` }));
    const other = makeSignal({ key: 'o', sourceId: 'news-search', channel: 'news' });
    await store.saveNewSignals([...mine, other], RETAIN_DAYS);
    expect(await store.signalsBySource('shop-reviews')).toHaveLength(3);
    const range = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' };
    expect((await store.signalsBySource('shop-reviews', range)).map((each) => each.id)).toEqual([mine[1]?.id]);
  });

  it('lists the ids of one source’s signals, oldest first, without reading their text', async () => {
    const store = freshStore();
    const mine = [3, 1, 2].map((day) => makeSignal({ key: `i${day}`, publishedAt: `2026-11-0${day}T08:00:00.000Z` }));
    await store.saveNewSignals(
      [...mine, makeSignal({ key: 'o', sourceId: 'news-search', channel: 'news' })],
      RETAIN_DAYS,
    );
    expect(await store.signalIdsBySource('shop-reviews')).toEqual([mine[1]?.id, mine[2]?.id, mine[0]?.id]);
    expect(await store.signalIdsBySource('nowhere')).toEqual([]);
  });

  it('counts a range’s signals per channel, across months, the range half-open', async () => {
    const store = freshStore();
    const week = isoWeekRange('2026-W44', 'UTC'); // Mon 2026-10-26 .. Mon 2026-11-02
    await store.saveNewSignals(
      [
        makeSignal({ key: 'oct', publishedAt: '2026-10-30T10:00:00.000Z' }),
        makeSignal({ key: 'nov', publishedAt: '2026-11-01T10:00:00.000Z' }),
        makeSignal({ key: 'post', channel: 'social', sourceId: 'social', publishedAt: '2026-10-26T00:00:00.000Z' }),
        makeSignal({ key: 'next-week', publishedAt: '2026-11-02T00:00:00.000Z' }),
        makeSignal({ key: 'before', channel: 'news', sourceId: 'news', publishedAt: '2026-10-25T23:59:59.999Z' }),
      ],
      RETAIN_DAYS,
    );
    expect(await store.signalCountsByChannel(week)).toEqual({ news: 0, review: 2, social: 1, stance: 0 });
  });

  it('keeps brands apart in one table', async () => {
    const first = freshStore();
    const second = freshStore();
    await first.saveNewSignals([makeSignal({ key: 'shared' })], RETAIN_DAYS);
    expect(await second.signalsBySource('shop-reviews')).toEqual([]);
    expect((await second.saveNewSignals([makeSignal({ key: 'shared' })], RETAIN_DAYS)).inserted).toHaveLength(1);
  });
});

describe('scores and value mentions', () => {
  const sentiment = { label: 'NEGATIVE' as const, scores: { positive: 0.1, negative: 0.8, neutral: 0.1, mixed: 0 } };
  const mention = (signalId: string, valueId: string, publishedAt: string, analyzer = 'local@1.0.0'): ValueMention => ({
    signalId,
    valueId,
    sourceId: 'shop-reviews',
    channel: 'review',
    publishedAt,
    analyzer,
    sentiment,
    net: -0.7,
    excerpts: ['The workshop refused the repair.'],
  });
  const score = (signalId: string, publishedAt: string, analyzer = 'local@1.0.0'): SignalScore => ({
    status: 'scored',
    signalId,
    analyzer,
    sourceId: 'shop-reviews',
    channel: 'review',
    publishedAt,
    scoredAt: '2026-11-23T10:00:00.000Z',
    language: 'en',
    sentiment,
    keyPhrases: ['workshop', 'repair'],
    rating: { value: 5, best: 5 },
    valueIds: ['free-repairs'],
    truncated: false,
    analyzedChars: 31,
  });

  it('returns the mentions of one value in one week only, by one analyzer version', async () => {
    const store = freshStore();
    const week = isoWeekRange('2026-W47', 'UTC');
    await saveScored(
      store,
      [],
      [
        mention('a'.repeat(32), 'free-repairs', '2026-11-17T10:00:00.000Z'),
        mention('a'.repeat(32), 'free-repairs', '2026-11-17T10:00:00.000Z', 'comprehend@1'),
        mention('b'.repeat(32), 'free-repairs', '2026-11-10T10:00:00.000Z'),
        mention('c'.repeat(32), 'honest-pricing', '2026-11-18T10:00:00.000Z'),
      ],
      () => TEXT_EXPIRES_AT,
    );
    const found = await store.valueMentionsBetween('free-repairs', week, 'local@1.0.0');
    expect(found).toEqual([mention('a'.repeat(32), 'free-repairs', '2026-11-17T10:00:00.000Z')]);
    // of one channel: the mentions above are reviews
    expect(await store.valueMentionsBetween('free-repairs', week, 'local@1.0.0', 'review')).toEqual(found);
    expect(await store.valueMentionsBetween('free-repairs', week, 'local@1.0.0', 'social')).toEqual([]);
  });

  it('knows which signals a given analyzer version has scored', async () => {
    const store = freshStore();
    await saveScored(store, [score('a'.repeat(32), '2026-11-17T10:00:00.000Z')], [], () => TEXT_EXPIRES_AT);
    expect(await store.scoredSignalIds(['a'.repeat(32), 'b'.repeat(32)], 'local@1.0.0')).toEqual(
      new Set(['a'.repeat(32)]),
    );
    expect(await store.scoredSignalIds(['a'.repeat(32)], 'local@2.0.0')).toEqual(new Set());
  });

  it('gives the key phrases of the signals a given analyzer version scored, by signal', async () => {
    const store = freshStore();
    await saveScored(store, [score('a'.repeat(32), '2026-11-17T10:00:00.000Z')], [], () => TEXT_EXPIRES_AT);
    expect(await store.keyPhrasesOf(['a'.repeat(32), 'b'.repeat(32)], 'local@1.0.0')).toEqual(
      new Map([['a'.repeat(32), ['workshop', 'repair']]]),
    );
    expect(await store.keyPhrasesOf(['a'.repeat(32)], 'local@2.0.0')).toEqual(new Map());
  });

  it('returns the scores of a week by one analyzer version', async () => {
    const store = freshStore();
    await saveScored(
      store,
      [
        score('a'.repeat(32), '2026-11-17T10:00:00.000Z'),
        score('b'.repeat(32), '2026-11-10T10:00:00.000Z'),
        score('c'.repeat(32), '2026-11-18T10:00:00.000Z', 'comprehend@1'),
      ],
      [],
      () => TEXT_EXPIRES_AT,
    );
    const found = await store.scoresBetween(isoWeekRange('2026-W47', 'UTC'), 'local@1.0.0');
    expect(found).toEqual([score('a'.repeat(32), '2026-11-17T10:00:00.000Z')]);
  });
});

describe('source state and runs ', () => {
  it('keeps a source’s validators between runs', async () => {
    const store = freshStore();
    expect(await store.getSourceState('news')).toBeUndefined();
    const state = {
      sourceId: 'news',
      validators: { etag: '"abc"', lastModified: 'Mon, 16 Nov 2026 10:00:00 GMT', contentHash: 'f'.repeat(64) },
      lastCheckedAt: '2026-11-23T10:00:00.000Z',
      lastOutcome: 'new' as const,
      consecutiveFailures: 0,
    };
    await store.putSourceState(state);
    expect(await store.getSourceState('news')).toEqual(state);
  });

  it('lists recent runs newest first', async () => {
    const store = freshStore();
    for (const [runId, startedAt] of [
      ['r1', '2026-11-20T00:00:00.000Z'],
      ['r2', '2026-11-21T00:00:00.000Z'],
    ] as const) {
      await store.recordRun({ runId, kind: 'ingest', startedAt, finishedAt: startedAt, summary: { new: 1 } });
    }
    expect((await store.recentRuns()).map((run) => run.runId)).toEqual(['r2', 'r1']);
  });

  it('writes an item only once with putIfNew', async () => {
    const store = freshStore();
    const item = { pk: 'B#x#DIGEST#2026-W47', sk: 'SENT', sentAt: '2026-11-23T08:00:00.000Z' };
    expect(await store.putIfNew(item)).toBe(true);
    expect(await store.putIfNew({ ...item, sentAt: 'later' })).toBe(false);
  });
});

describe('month partitions', () => {
  it('lists every month a half-open range touches', () => {
    expect(monthsBetween('2026-10-26T00:00:00.000Z', '2026-11-02T00:00:00.000Z')).toEqual(['2026-10', '2026-11']);
    expect(monthsBetween('2026-11-16T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual(['2026-11']);
    expect(monthsBetween('2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z')).toEqual(['2026-12', '2027-01']);
  });
});

describe('weekly snapshots ', () => {
  const snapshot = (week: string, index: number | null) => ({
    week,
    analyzer: 'local@1',
    computedAt: '2026-11-23T08:00:00.000Z',
    index,
    values: [{ valueId: 'free-repairs', status: 'contradicted', mentions: 20, net: -0.6, low: -0.8, high: -0.4 }],
    flags: [{ kind: 'say-do-gap', valueId: 'free-repairs', title: 'Free repairs contradicted in reviews' }],
  });

  it('finds the latest snapshot before a week, and replaces a week’s snapshot when computed again', async () => {
    const store = freshStore();
    await store.putSnapshot(snapshot('2026-W45', 74));
    await store.putSnapshot(snapshot('2026-W46', 70));
    await store.putSnapshot(snapshot('2026-W46', 69));
    expect((await store.snapshotBefore('2026-W47'))?.index).toBe(69);
    expect((await store.snapshotBefore('2026-W46'))?.index).toBe(74);
    expect(await store.snapshotBefore('2026-W45')).toBeUndefined();
    expect((await store.snapshots()).map((each) => each.week)).toEqual(['2026-W45', '2026-W46']);
  });
});

describe("the span of a source's signals ", () => {
  it('finds the earliest and latest signal of each source, however old, across months and channels', async () => {
    const store = freshStore();
    expect(await store.signalSpanOfSource('reviews')).toBeUndefined();
    await store.saveNewSignals(
      [
        makeSignal({ key: 'middle', sourceId: 'reviews', publishedAt: '2015-02-20T10:00:00.000Z' }),
        makeSignal({ key: 'first', sourceId: 'reviews', publishedAt: '2013-02-16T08:00:00.000Z' }),
        makeSignal({ key: 'last', sourceId: 'reviews', publishedAt: '2015-03-02T23:59:00.000Z' }),
        makeSignal({ key: 'other', channel: 'social', sourceId: 'social', publishedAt: '2026-10-02T10:00:00.000Z' }),
      ],
      RETAIN_DAYS,
    );
    expect(await store.signalSpanOfSource('reviews')).toEqual({
      earliest: '2013-02-16T08:00:00.000Z',
      latest: '2015-03-02T23:59:00.000Z',
    });
    expect(await store.signalSpanOfSource('social')).toEqual({
      earliest: '2026-10-02T10:00:00.000Z',
      latest: '2026-10-02T10:00:00.000Z',
    });
  });
});

describe('the deployed profile and the sent digests ', () => {
  it('keeps the profile as deployed and validates it again on read', async () => {
    const store = freshStore();
    expect(await store.getProfile()).toBeUndefined();
    const profile = makeProfile([{ id: 'news', kind: 'rss', url: 'https://news.example/feed', channel: 'news' }]);
    await store.putProfile(profile, '2026-11-23T08:00:00.000Z');
    expect(await store.getProfile()).toEqual(profile);
  });

  it('lets a week’s digest be marked sent once, and cleared when the send failed', async () => {
    const store = freshStore();
    expect(await store.markDigestSent('2026-W47', '2026-11-23T08:00:00.000Z', '<id>')).toBe(true);
    expect(await store.markDigestSent('2026-W47', '2026-11-23T08:05:00.000Z', '<id>')).toBe(false);
    await store.clearDigestSent('2026-W47');
    expect(await store.markDigestSent('2026-W47', '2026-11-23T08:10:00.000Z', '<id>')).toBe(true);
  });
});
