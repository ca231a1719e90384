import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { documentText, score } from '#app/score';
import { analyzerKey, comprehendUnitsFor, type Analyzer, type AnalyzerDocument } from '#domain/analyzer';
import { keys } from '#adapters/store/table';
import { isoWeekRange } from '#domain/iso-week';
import type { Profile } from '#domain/profile';
import { textExpiresAt } from '#domain/retention';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { makeSignal } from '../support/signals';
import { RETAIN_DAYS } from '../support/retention';

const table = useLocalTable();
let store: DynamoStore;

const profile: Profile = makeProfile(
  [
    { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
    { id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
  ],
  {
    values: [
      {
        id: 'free-repairs',
        label: 'Free repairs',
        promise: 'Free repairs for life.',
        aspects: ['repair', 'mechanic'],
        expected: { minNetSentiment: 0.3 },
      },
      {
        id: 'ready-to-ride',
        label: 'Ready to ride',
        promise: 'Delivered ready.',
        aspects: ['delivery'],
        expected: { minNetSentiment: 0.2 },
      },
      {
        id: 'expert-help',
        label: 'Expert help',
        promise: 'Expert staff.',
        aspects: ['staff'],
        expected: { minNetSentiment: 0.3 },
      },
    ],
  },
);

/** The real local analyzer, counting what it is sent. */
function countingAnalyzer(inner: Analyzer = createLocalAnalyzer()): Analyzer & { sent: AnalyzerDocument[] } {
  const sent: AnalyzerDocument[] = [];
  return {
    name: inner.name,
    version: inner.version,
    sent,
    analyze: async (documents) => {
      sent.push(...documents);
      return inner.analyze(documents);
    },
  };
}

/** The real local analyzer, except that one signal fails for a passing reason, as under throttling. */
function failingFor(signalId: string): Analyzer {
  const inner = createLocalAnalyzer();
  return {
    ...inner,
    analyze: async (documents) => {
      const { results, cost } = await inner.analyze(documents);
      return {
        cost,
        results: results.map((result) =>
          result.id === signalId
            ? { id: result.id, status: 'skipped' as const, reason: 'ThrottlingException', retryable: true }
            : result,
        ),
      };
    },
  };
}

beforeEach(() => {
  store = table.store();
});

const week = isoWeekRange('2026-W46', 'UTC');
const review = (key: string, text: string, overrides = {}) =>
  makeSignal({ key, text, title: '', publishedAt: '2026-11-10T09:00:00.000Z', ...overrides });
/** A social post that does not mention the brand. */
const offBrandPost = () =>
  makeSignal({ key: 'off', sourceId: 'social', channel: 'social', text: 'Lovely ride along the coast.', title: '' });

describe('scoring signals', () => {
  it('makes mentions and scores expire with the text of their signal', async () => {
    const retained = { ...profile, retention: { signalTextDays: 150 } };
    const brand = table.freshBrand();
    const store = table.store({ brandId: brand, now: () => new Date('2026-11-23T12:00:00.000Z') });
    const onBrand = review('ttl', 'The mechanic was brilliant.', { fetchedAt: '2026-11-12T08:00:00.000Z' });
    const offBrand = makeSignal({
      key: 'ttl-social',
      sourceId: 'social',
      channel: 'social',
      text: 'Nice weather.',
      fetchedAt: '2026-11-13T08:00:00.000Z',
    });
    await store.saveNewSignals([onBrand, offBrand], 150);
    const analyzer = countingAnalyzer();
    await score(retained, { store, analyzer });
    const key = analyzerKey(analyzer);
    const doc = DynamoDBDocumentClient.from(table.client);
    const expiryAt = async (itemKey: { pk: string; sk: string }) =>
      (await doc.send(new GetCommand({ TableName: table.name, Key: itemKey }))).Item?.expiresAt;
    const onBrandExpiry = textExpiresAt(onBrand.fetchedAt, 150);
    expect(await expiryAt(keys.signal(brand, onBrand.id))).toBe(onBrandExpiry);
    expect(await expiryAt(keys.score(brand, onBrand.id, key))).toBe(onBrandExpiry);
    expect(await expiryAt(keys.valueMention(brand, onBrand.id, 'free-repairs', key))).toBe(onBrandExpiry);
    // Skipped as not about the brand: its score still expires with its own signal.
    expect(await expiryAt(keys.score(brand, offBrand.id, key))).toBe(textExpiresAt(offBrand.fetchedAt, 150));
  });

  it('scores a value by the clause that mentions it: slow delivery is negative, lovely staff positive', async () => {
    await store.saveNewSignals([review('mixed', 'Delivery was slow but the staff were lovely.')], RETAIN_DAYS);
    const analyzer = countingAnalyzer();
    await score(profile, { store, analyzer });
    const key = analyzerKey(analyzer);
    const [delivery] = await store.valueMentionsBetween('ready-to-ride', week, key);
    const [staff] = await store.valueMentionsBetween('expert-help', week, key);
    expect(delivery).toMatchObject({ excerpts: ['Delivery was slow'], sentiment: { label: 'NEGATIVE' } });
    expect(delivery?.net).toBeLessThan(0);
    expect(staff).toMatchObject({ excerpts: ['the staff were lovely.'], sentiment: { label: 'POSITIVE' } });
    expect(staff?.net).toBeGreaterThan(0);
    expect(analyzer.sent[0]?.sentences).toEqual(['Delivery was slow', 'the staff were lovely.']);
  });

  it('matches values by meaning with word vectors, and stores which words made each match', async () => {
    await store.saveNewSignals([review('meaning', 'The repairman was brilliant. The staff were lovely.')], RETAIN_DAYS);
    const analyzer = countingAnalyzer();
    await score(profile, { store, analyzer, wordVectors: bundledWordVectors() });
    const key = analyzerKey(analyzer);
    const [repairs] = await store.valueMentionsBetween('free-repairs', week, key);
    const [staff] = await store.valueMentionsBetween('expert-help', week, key);
    expect(repairs).toMatchObject({
      excerpts: ['The repairman was brilliant.'],
      matchedBy: [{ words: 'repairman', term: expect.any(String) }],
    });
    expect(repairs?.matchedBy?.[0]?.similarity).toBeGreaterThanOrEqual(0.6);
    expect(staff).toMatchObject({
      excerpts: ['The staff were lovely.'],
      matchedBy: [{ words: 'staff', term: 'staff' }],
    });
    expect(staff?.matchedBy?.[0]?.similarity).toBeUndefined();
  });

  it('matches on aspect words only without word vectors', async () => {
    await store.saveNewSignals([review('words-only', 'The repairman was brilliant.')], RETAIN_DAYS);
    const analyzer = countingAnalyzer();
    await score(profile, { store, analyzer });
    expect(await store.valueMentionsBetween('free-repairs', week, analyzerKey(analyzer))).toEqual([]);
  });

  it('scores every signal once: a second run sends nothing to the analyzer', async () => {
    await store.saveNewSignals(
      [
        review('a', 'The mechanic fixed my brakes for free, brilliant.'),
        review('b', 'The repair was refused and I was charged. Terrible.'),
        review('c', 'Nice colour.'),
      ],
      RETAIN_DAYS,
    );
    const first = countingAnalyzer();
    const firstReport = await score(profile, { store, analyzer: first });
    expect(firstReport).toMatchObject({ signals: 3, scored: 3, alreadyScored: 0, failed: 0 });
    expect(firstReport.mentionsByValue).toEqual({ 'free-repairs': 2, 'ready-to-ride': 0, 'expert-help': 0 });
    expect(first.sent).toHaveLength(3);

    const second = countingAnalyzer();
    const secondReport = await score(profile, { store, analyzer: second });
    expect(secondReport).toMatchObject({ signals: 3, scored: 0, alreadyScored: 3 });
    expect(second.sent).toEqual([]);
  });

  it('scores again with a new analyzer version, keeping the old version’s scores', async () => {
    await store.saveNewSignals([review('a', 'The mechanic was brilliant.')], RETAIN_DAYS);
    await score(profile, { store, analyzer: countingAnalyzer() });
    const newer = countingAnalyzer({ ...createLocalAnalyzer(), version: 'next' });
    const report = await score(profile, { store, analyzer: newer });
    expect(report.scored).toBe(1);
    expect(await store.valueMentionsBetween('free-repairs', week, 'local@next')).toHaveLength(1);
    expect(await store.valueMentionsBetween('free-repairs', week, analyzerKey(createLocalAnalyzer()))).toHaveLength(1);
  });

  it('stores the document’s sentiment, key phrases and the review’s rating with its score', async () => {
    await store.saveNewSignals(
      [review('r', 'The support chat was useless and the repair failed.', { rating: { value: 5, best: 5 } })],
      RETAIN_DAYS,
    );
    const analyzer = countingAnalyzer();
    await score(profile, { store, analyzer });
    const [stored] = await store.scoresBetween(week, analyzerKey(analyzer));
    expect(stored).toMatchObject({
      status: 'scored',
      rating: { value: 5, best: 5 },
      valueIds: ['free-repairs'],
      sentiment: { label: 'NEGATIVE' },
    });
    expect(stored?.status === 'scored' && stored.keyPhrases.length).toBeGreaterThan(0);
  });

  it('skips a news or social signal that does not mention the brand, for good, without analysing it', async () => {
    await store.saveNewSignals(
      [
        offBrandPost(),
        makeSignal({ key: 'on', sourceId: 'social', channel: 'social', text: 'Fernhill staff are great.', title: '' }),
      ],
      RETAIN_DAYS,
    );
    const analyzer = countingAnalyzer();
    const report = await score(profile, { store, analyzer });
    expect(report).toMatchObject({ offBrand: 1, scored: 1 });
    expect(analyzer.sent.map((document) => document.text)).toEqual(['Fernhill staff are great.']);
    expect((await score(profile, { store, analyzer: countingAnalyzer() })).alreadyScored).toBe(2);
  });

  it('records an unsupported language as skipped for good, with its reason', async () => {
    await store.saveNewSignals([review('de', 'Die Reparatur war kostenlos.', { language: 'de' })], RETAIN_DAYS);
    const report = await score(profile, { store, analyzer: countingAnalyzer() });
    expect(report.skipped).toEqual({ 'language de is not supported by the local analyzer (English only)': 1 });
    const again = countingAnalyzer();
    await score(profile, { store, analyzer: again });
    expect(again.sent).toEqual([]);
  });

  it('leaves a signal that failed for a passing reason to the next run', async () => {
    const [great, rude] = [review('x', 'The mechanic was great.'), review('y', 'The mechanic was rude.')];
    await store.saveNewSignals([great!, rude!], RETAIN_DAYS);
    const throttled = failingFor(rude!.id);
    expect(await score(profile, { store, analyzer: throttled })).toMatchObject({ scored: 1, failed: 1 });
    const retry = countingAnalyzer();
    expect(await score(profile, { store, analyzer: retry })).toMatchObject({ scored: 1, alreadyScored: 1 });
    expect(retry.sent).toHaveLength(1);
  });

  it('keeps what earlier batches scored when the run dies half way, and finishes on the next run', async () => {
    await store.saveNewSignals(
      Array.from({ length: 5 }, (_, index) => review(`s${index}`, `The mechanic helped me, visit ${index}.`)),
      RETAIN_DAYS,
    );
    const inner = createLocalAnalyzer();
    let calls = 0;
    const dying: Analyzer = {
      ...inner,
      analyze: async (documents) => {
        calls++;
        if (calls === 2) throw new Error('process killed');
        return inner.analyze(documents);
      },
    };
    await expect(score(profile, { store, analyzer: dying }, { batchSize: 2 })).rejects.toThrow('process killed');
    const rest = countingAnalyzer();
    const report = await score(profile, { store, analyzer: rest }, { batchSize: 2 });
    expect(report).toMatchObject({ alreadyScored: 2, scored: 3 });
    expect(await store.valueMentionsBetween('free-repairs', week, analyzerKey(rest))).toHaveLength(5);
  });

  it('reads only the signals still to score, one batch at a time, never the whole history', async () => {
    const signals = Array.from({ length: 8 }, (_, index) =>
      review(`h${index}`, `The mechanic helped me, visit ${index}.`),
    );
    await store.saveNewSignals(signals.slice(0, 3), RETAIN_DAYS);
    await score(profile, { store, analyzer: countingAnalyzer() });
    await store.saveNewSignals(signals.slice(3), RETAIN_DAYS);
    const reads: string[][] = [];
    const recording = Object.assign(Object.create(store) as DynamoStore, {
      getSignals: (ids: string[]) => {
        reads.push(ids);
        return store.getSignals(ids);
      },
    });

    const report = await score(profile, { store: recording, analyzer: countingAnalyzer() }, { batchSize: 2 });

    expect(report).toMatchObject({ signals: 8, alreadyScored: 3, scored: 5 });
    expect(reads.map((ids) => ids.length)).toEqual([2, 2, 1]);
    expect(reads.flat().sort()).toEqual(
      signals
        .slice(3)
        .map((signal) => signal.id)
        .sort(),
    );
  });

  it('scores only the signals it is given, as the queue-driven Lambda does', async () => {
    const [first, second] = [review('q1', 'The mechanic was kind.'), review('q2', 'The staff were kind.')];
    await store.saveNewSignals([first!, second!], RETAIN_DAYS);
    const analyzer = countingAnalyzer();
    const report = await score(profile, { store, analyzer }, { signalIds: [second!.id] });
    expect(report.signals).toBe(1);
    expect(analyzer.sent.map((document) => document.id)).toEqual([second!.id]);
  });

  it('estimates what Amazon Comprehend would bill for what it scored', async () => {
    const text = 'The mechanic was kind.';
    await store.saveNewSignals([review('u', text)], RETAIN_DAYS);
    const report = await score(profile, { store, analyzer: countingAnalyzer() });
    // Sentiment and key phrases on a 22-character text: 3 units each (the minimum); one value sentence: 3 units.
    expect(report.estimatedComprehendUnits).toBe(9);
    expect(comprehendUnitsFor(950, ['b'.repeat(301)])).toBe(10 + 10 + 4);
    expect(comprehendUnitsFor(12_000, [])).toBe(50 + 50);
  });

  it('accounts for every signal it looked at: scored, already scored, and the count and reason of each other', async () => {
    const earlier = review('earlier', 'The mechanic was brilliant.');
    const signals = [
      earlier,
      review('now', 'The staff were kind.'),
      offBrandPost(),
      review('de', 'Die Reparatur war kostenlos.', { language: 'de' }),
      review('busy', 'The mechanic was rude.'),
    ];
    await store.saveNewSignals(signals, RETAIN_DAYS);
    const expired = review('expired', 'The mechanic was quick.', { fetchedAt: '2020-01-01T00:00:00.000Z' });
    await store.saveNewSignals([expired], 1);
    await score(profile, { store, analyzer: countingAnalyzer() }, { signalIds: [earlier.id] });
    const throttled = failingFor(signals[4]!.id);
    const neverStored = 'f'.repeat(32);

    const report = await score(
      profile,
      { store, analyzer: throttled },
      { signalIds: [...signals.map((signal) => signal.id), expired.id, neverStored] },
    );

    expect(report).toMatchObject({ signals: 7, alreadyScored: 1, scored: 1, offBrand: 1, failed: 1, unavailable: 2 });
    expect(report.notScored).toEqual([
      { count: 1, reason: expect.stringMatching(/^not about the brand: /) },
      { count: 1, reason: 'skipped for good: language de is not supported by the local analyzer (English only)' },
      { count: 1, reason: expect.stringMatching(/^failed for a passing reason .*: retried next run$/) },
      { count: 2, reason: expect.stringMatching(/^no longer stored, or their text has expired/) },
    ]);
    const notScored = report.notScored.reduce((sum, each) => sum + each.count, 0);
    expect(report.scored + report.alreadyScored + notScored).toBe(report.signals);
  });

  it('lists no reason when every signal looked at was scored', async () => {
    await store.saveNewSignals([review('a', 'The mechanic was brilliant.')], RETAIN_DAYS);
    const report = await score(profile, { store, analyzer: countingAnalyzer() });
    expect(report).toMatchObject({ signals: 1, scored: 1, unavailable: 0, notScored: [] });
  });

  it('records the run with its totals', async () => {
    await store.saveNewSignals([review('a', 'The mechanic was brilliant.')], RETAIN_DAYS);
    const report = await score(profile, { store, analyzer: countingAnalyzer() });
    const [run] = await store.recentRuns(1);
    expect(run).toMatchObject({
      runId: report.runId,
      kind: 'score',
      summary: { scored: 1, analyzer: report.analyzer },
    });
  });
});

describe('the text analysed for a signal', () => {
  it('joins title and body, but does not repeat a title that is the start of the body', () => {
    expect(documentText({ title: 'Great bike', text: 'The frame is solid.' })).toBe('Great bike\nThe frame is solid.');
    expect(documentText({ title: 'Loving the new frame…', text: 'Loving the new frame from @fernhillbikes' })).toBe(
      'Loving the new frame from @fernhillbikes',
    );
    expect(documentText({ title: '', text: 'Body only.' })).toBe('Body only.');
  });
});
