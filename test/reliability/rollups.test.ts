// The weekly rollups survive whatever stops a scoring run part-way. A run is stopped at each step of
// storing a batch (the batch opened, the mentions stored, some scores claimed, the rollups written,
// the batch about to close) and of compaction (QUOTES written, BASE written, the deltas about to be
// deleted), by a DynamoDB request that fails at that point; the next run must leave exactly the
// rollups of an uninterrupted run, and a rebuild from the stored mentions the same again. Two runs
// scoring the same signals at once (a redelivered message) count each signal once. It runs against
// dynalite and against the embedded table (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DocumentCommand, DocumentSender } from '#adapters/store/document-sender';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { DELTAS_BEFORE_COMPACTION, rebuildRollups, rollupSubjects } from '#app/rollups';
import { score } from '#app/score';
import { analyzerKey } from '#domain/analyzer';
import { isoWeekOf, isoWeeksFromTo } from '#domain/iso-week';
import type { Profile } from '#domain/profile';
import type { Rollup } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '#test/support/profile';
import { RETAIN_DAYS } from '#test/support/retention';
import { makeSignal } from '#test/support/signals';

const table = useLocalTable();
const analyzer = createLocalAnalyzer();
const ANALYZER = analyzerKey(analyzer);

const profile: Profile = makeProfile(
  [
    { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
    { id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
  ],
  {
    brand: {
      name: 'Fernhill Bikes',
      aliases: ['Fernhill'],
      competitors: [{ name: 'Cobalt Cycles', aliases: ['Cobalt'] }],
    },
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
    ],
  },
);

const TEXTS = [
  'The repair was free and quick, the mechanic was brilliant.',
  'Delivery took three weeks and the bike arrived broken.',
  'My repair was refused, they wanted money for it. Awful.',
  'Fast delivery, ready to ride out of the box!',
  'The mechanic fixed the gears for free. Great shop.',
  'Delivery was fine.',
  'Cobalt did my repair for free, but the Fernhill mechanic was rude.',
];

/**
 * 48 reviews and posts over three weeks, about repairs, delivery or both; half the posts name the
 * brand, half its competitor only, and one text names both.
 */
function signals(): Signal[] {
  return Array.from({ length: 48 }, (_, index) => {
    const social = index % 3 === 0;
    return makeSignal({
      key: `signal-${index}`,
      sourceId: social ? 'social' : 'shop-reviews',
      channel: social ? 'social' : 'review',
      text: `${TEXTS[index % TEXTS.length]}${social ? (index % 2 === 0 ? ' #Fernhill' : ' #Cobalt') : ''}`,
      title: social ? '' : `Review ${index}`,
      rating: social ? null : { value: (index % 5) + 1, best: 5 },
      publishedAt: new Date(Date.UTC(2026, 10, 2, 8) + index * 11 * 3_600_000).toISOString(),
    });
  });
}

const WEEKS = isoWeeksFromTo(isoWeekOf('2026-11-02T08:00:00.000Z', 'UTC'), '2026-W48', 'UTC');

async function storedRollups(store: DynamoStore): Promise<Rollup[]> {
  return store.rollupsOf(ANALYZER, WEEKS, rollupSubjects(profile));
}

/** A store of a fresh brand holding the signals, and another client on the same table for faults. */
async function freshStore(): Promise<{ store: DynamoStore; brandId: string }> {
  const brandId = table.freshBrand();
  const store = table.store({ brandId });
  await store.saveNewSignals(signals(), RETAIN_DAYS);
  return { store, brandId };
}

/**
 * A store on the same table whose commands fail at the `nth` one that `matches` (and only that one),
 * before it reaches the table: the run stops there, as if killed, with everything before it stored.
 */
function storeFailingAt(
  brandId: string,
  matches: (command: string, input: Record<string, unknown>) => boolean,
  nth = 1,
) {
  let seen = 0;
  const failed = { at: '' };
  const documents = table.documents;
  const stopping = {
    send(command: DocumentCommand) {
      const name = command.constructor.name;
      if (!failed.at && matches(name, command.input as Record<string, unknown>) && ++seen === nth) {
        failed.at = name;
        return Promise.reject(Object.assign(new Error(`stopped at ${name}`), { name: 'StoppedHere' }));
      }
      return (documents.send as (command: DocumentCommand) => Promise<unknown>)(command);
    },
  } as DocumentSender;
  return { store: new DynamoStore({ documents: stopping, tableName: table.name, brandId }), failed };
}

const json = (value: unknown) => JSON.stringify(value);
const sumDays = (rollup: Rollup) =>
  Object.values(rollup.days)
    .flat()
    .reduce((total, day) => total + day[0], 0);
const writesItemWith = (needle: string) => (command: string, input: Record<string, unknown>) =>
  (command === 'BatchWriteCommand' || command === 'PutCommand' || command === 'DeleteCommand') &&
  json(input).includes(needle);

describe('rollups when a scoring run stops part-way', () => {
  let reference: Rollup[];
  let scoredSignals = 0;

  it('an uninterrupted run gives the rollups a rebuild gives', async () => {
    const { store } = await freshStore();
    const report = await score(
      profile,
      { store, analyzer, openBatchGraceMs: 0 },
      { batchSize: 10, deltasBeforeCompaction: 1 },
    );
    expect(report.scored).toBeGreaterThan(40);
    scoredSignals = report.scored;
    reference = await storedRollups(store);
    expect(reference.length).toBeGreaterThan(WEEKS.length);
    // every scored signal counts for the brand or its competitor, or both
    const signalsOf = (subject: string) =>
      reference.filter((rollup) => rollup.subject === subject).reduce((sum, rollup) => sum + sumDays(rollup), 0);
    expect(signalsOf('*@cobalt-cycles')).toBeGreaterThan(0);
    expect(reference.some((rollup) => rollup.subject === 'free-repairs@cobalt-cycles')).toBe(true);
    const counted = reference
      .filter((rollup) => rollup.subject === '*')
      .reduce(
        (sum, rollup) =>
          sum +
          Object.values(rollup.days)
            .flat()
            .reduce((total, day) => total + day[0], 0),
        0,
      );
    const bothOrCompetitorOnly = await store.scoresBetween(
      { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      ANALYZER,
    );
    const aboutBrand = bothOrCompetitorOnly.filter(
      (each) => each.status === 'scored' && (each.about === undefined || each.about.brand !== null),
    ).length;
    expect(aboutBrand).toBeLessThan(report.scored);
    expect(counted).toBe(aboutBrand);
    await rebuildRollups(store, profile, ANALYZER);
    expect(await storedRollups(store)).toEqual(reference);
  });

  const scorePut = (command: string, input: Record<string, unknown>) =>
    command === 'PutCommand' && json(input).includes('"score"');
  const batchClose = (command: string, input: Record<string, unknown>) =>
    command === 'DeleteCommand' && json(input).includes('ROLLUP-BATCHES');
  // [where it stops, the request that fails, which one of them, whether every batch was closed by then]
  const stops: Array<[string, (command: string, input: Record<string, unknown>) => boolean, number, boolean]> = [
    ['after the batch was opened', writesItemWith('"value-mention"'), 2, false],
    ['after the mentions were stored', scorePut, 12, false],
    ['after some scores were claimed', scorePut, 15, false],
    ['before the rollups were written', writesItemWith('"rollup-delta"'), 2, false],
    ['before the batch was closed', batchClose, 2, false],
    [
      'when compaction had written QUOTES',
      (command, input) => command === 'PutCommand' && json(input).includes('"BASE"'),
      1,
      true,
    ],
    [
      'when compaction had written BASE',
      (command, input) =>
        command === 'BatchWriteCommand' && json(input).includes('DeleteRequest') && json(input).includes('DELTA#'),
      1,
      true,
    ],
  ];

  it.each(stops)('%s, the next run leaves the same rollups', async (_, matches, nth, allClosed) => {
    const { store, brandId } = await freshStore();
    const faulty = storeFailingAt(brandId, matches, nth);
    await expect(
      score(
        profile,
        { store: faulty.store, analyzer, openBatchGraceMs: 0 },
        { batchSize: 10, deltasBeforeCompaction: 1 },
      ),
    ).rejects.toThrow(/stopped at/);
    expect(faulty.failed.at).not.toBe('');
    // a fold cut short is read as it stands: nothing counted twice, nothing missing
    if (allClosed) expect(await storedRollups(store)).toEqual(reference);

    const rerun = await score(
      profile,
      { store, analyzer, openBatchGraceMs: 0 },
      { batchSize: 10, deltasBeforeCompaction: 1 },
    );
    expect(rerun.scored + rerun.alreadyScored).toBe(48);
    expect(await storedRollups(store)).toEqual(reference);
    expect(await store.openRollupBatches(ANALYZER, '9999')).toEqual([]);
    await rebuildRollups(store, profile, ANALYZER);
    expect(await storedRollups(store)).toEqual(reference);
  });

  it.each([
    ['before its rollups were written', writesItemWith('"rollup-delta"')],
    ['after its rollups were written', batchClose],
  ])('a batch another run left open %s is not taken over before the grace period', async (_, matches) => {
    const { store, brandId } = await freshStore();
    const faulty = storeFailingAt(brandId, matches, 1);
    await expect(
      score(profile, { store: faulty.store, analyzer }, { batchSize: 10, deltasBeforeCompaction: 1 }),
    ).rejects.toThrow(/stopped at/);
    const now = new Date();
    // within the grace period the open batch is left alone, and so are its rollups if it wrote them:
    // folded now, they would be written again when the batch is finished
    await score(profile, { store, analyzer, now: () => now }, { batchSize: 10, deltasBeforeCompaction: 1 });
    expect(await store.openRollupBatches(ANALYZER, '9999')).toHaveLength(1);
    // more signals of the same weeks scored meanwhile: folds that would have taken its rollups
    const more = signals()
      .slice(0, 12)
      .map(({ id: _id, ...signal }, index) => makeSignal({ ...signal, key: `more-${index}` }));
    await store.saveNewSignals(more, RETAIN_DAYS);
    await score(profile, { store, analyzer, now: () => now }, { batchSize: 5, deltasBeforeCompaction: 1 });
    // past it, the next run finishes the batch
    const later = new Date(now.getTime() + 16 * 60_000);
    await score(profile, { store, analyzer, now: () => later }, { batchSize: 10, deltasBeforeCompaction: 1 });
    expect(await store.openRollupBatches(ANALYZER, '9999')).toEqual([]);
    const kept = await storedRollups(store);
    await rebuildRollups(store, profile, ANALYZER);
    expect(kept).toEqual(await storedRollups(store));
  });

  it('a run folds a week and subject only once enough batches have gathered; reads count them either way', async () => {
    const { store } = await freshStore();
    // 12 signals of one week about the brand, a batch each: the week's totals gather 12 batches' rollups
    const week = signals()
      .filter((signal) => !signal.text.includes('#Cobalt'))
      .slice(0, 12);
    expect(new Set(week.map((signal) => isoWeekOf(signal.publishedAt, 'UTC'))).size).toBe(1);
    const ids = week.map((signal) => signal.id);
    await score(
      profile,
      { store, analyzer, openBatchGraceMs: 0 },
      { signalIds: ids, batchSize: 1, deltasBeforeCompaction: 13 },
    );
    const unfolded = await storedRollups(store);
    expect(unfolded.length).toBeGreaterThan(0);
    const subjects = rollupSubjects(profile);
    expect(await store.compactRollups(ANALYZER, WEEKS, subjects, { minDeltas: 13 })).toBe(0);
    expect(await store.compactRollups(ANALYZER, WEEKS, subjects, { minDeltas: 12 })).toBeGreaterThanOrEqual(12);
    expect(await storedRollups(store)).toEqual(unfolded);
    expect(await store.compactRollups(ANALYZER, WEEKS, subjects)).toBeGreaterThan(0);
    expect(await store.compactRollups(ANALYZER, WEEKS, subjects)).toBe(0);
    expect(await storedRollups(store)).toEqual(unfolded);

    // the same signals scored by a run with the default: it folds the week's totals (12 batches) itself
    const other = await freshStore();
    await score(profile, { store: other.store, analyzer, openBatchGraceMs: 0 }, { signalIds: ids, batchSize: 1 });
    expect(await other.store.compactRollups(ANALYZER, WEEKS, subjects, { minDeltas: DELTAS_BEFORE_COMPACTION })).toBe(
      0,
    );
    expect(await storedRollups(other.store)).toEqual(unfolded);
  });

  it('two runs scoring the same signals at once count each signal once', async () => {
    const { brandId } = await freshStore();
    const [first, second] = await Promise.all([
      score(
        profile,
        { store: table.store({ brandId }), analyzer, openBatchGraceMs: 0 },
        { batchSize: 10, deltasBeforeCompaction: 1 },
      ),
      score(
        profile,
        { store: table.store({ brandId }), analyzer, openBatchGraceMs: 0 },
        { batchSize: 10, deltasBeforeCompaction: 1 },
      ),
    ]);
    // every signal stored once, by one run or the other
    expect((first?.alreadyScored ?? 0) + (second?.alreadyScored ?? 0)).toBeGreaterThan(0);
    expect((first?.scored ?? 0) + (second?.scored ?? 0)).toBe(scoredSignals);
    const store = table.store({ brandId });
    await store.compactRollups(ANALYZER, WEEKS, rollupSubjects(profile));
    expect(await storedRollups(store)).toEqual(reference);
  });
});
