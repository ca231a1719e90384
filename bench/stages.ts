// Each pipeline stage measured alone, in one streaming pass over the corpus. Ingest reads the CSV
// export batch by batch (500 rows) and hands each batch's signals to a store; here that store runs
// the later stages on the batch one after the other, each with its own stopwatch, so that no stage
// runs while another is timed:
//   parse  - everything ingest does outside the store: reading and parsing the CSV, making signals,
//            the relevance checks and redaction (the time of the whole pass minus the time below);
//   score  - the score use case with the local analyzer pool, on an in-memory store;
//            and, on a sample, with the single-threaded analyzer, to compare and to check that both
//            give identical scores;
//   store  - on a sample of the corpus, every DynamoDB call the pipeline makes for a signal:
//            saveNewSignals, getSignals, scoredSignalIds, and storing scores, mentions and weekly
//            rollups as scoring does (storeScores, then the rollups compacted), on local mode's
//            embedded table persisted on disk, here empty; end-to-end.ts measures it again on the
//            full table. The same calls go, untimed, to dynalite through the DynamoDB client, where
//            the items and capacity units AWS would bill are counted (bench/table-items.ts);
// and, untimed: the Comprehend analyzer on every signal, as the scoring Lambda scores them (batches
// of up to ten messages of 25 signal ids, each batch scored together), each batch delivered twice;
// and the data of the digest's history window, for the alignment measured after the pass.
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { isDeepStrictEqual } from 'node:util';
import type { SQSRecord } from 'aws-lambda';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { LocalAnalyzerPool } from '#adapters/analyzers/local/local-analyzer-pool';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { openEmbeddedTable } from '#adapters/store/embedded/open';
import { startLocalDynamo } from '#adapters/store/local-dynamo';
import { HISTORY_WEEKS, weeksEndingWith } from '#app/digest';
import { ingest } from '#app/ingest';
import { storeScores, TouchedRollups } from '#app/rollups';
import { score, type ScoreReport } from '#app/score';
import { computeAlignment, type AlignmentSignal } from '#domain/alignment/index';
import { analyzerKey } from '#domain/analyzer';
import { isoWeekRange } from '#domain/iso-week';
import type { SignalStore } from '#domain/ports';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { scoreQueueBatch } from '#functions/score/score-batch';
import { MESSAGES_PER_SCORE_BATCH } from '#adapters/lambda/contract';
import { IDS_PER_MESSAGE, parseScoreMessage } from '#functions/scoring-message';
import { callFloor, countingComprehend, type ComprehendCounts } from './comprehend';
import { progress, Stopwatch, type Lap } from './measure';
import { sqsRecord } from '#test/support/sqs';
import { BatchScoreStore, QueueScoreStore } from './stores';
import { countTableItems, type TableCounts } from './table-items';

/** Documents per analyzer call when scoring locally: what `congruence score` uses. */
export const LOCAL_SCORE_BATCH = 200;
const TABLE = 'congruence';

export interface StagesContext {
  profile: Profile;
  baseDir: string;
  pool: LocalAnalyzerPool;
  now: () => Date;
  /** Where the sample store keeps its files. */
  dataDir: string;
  /** The week the digest reports on: the corpus's last. */
  week: string;
  storeSample: number;
  singleThreadSample: number;
}

export interface StageLap extends Lap {
  /** Signals (or rows, for parse) the stage handled in that time. */
  items: number;
}

export interface ComprehendFigures {
  /** Signals scored by Comprehend, and the value sentences scored with them. */
  documents: number;
  sentences: number;
  /** Scoring messages (up to 25 signal ids), and the score Lambda batches they came in (up to ten messages). */
  messages: number;
  batches: number;
  /** Counted at the client mock, per API. */
  sent: ComprehendCounts;
  /** What the analyzer's own ledger says it sent (must agree with the mock). */
  ledger: { calls: number; units: number };
  /**
   * The floor: per API, ceil(N/25) calls for the N texts it was sent (documents, and for sentiment
   * the value sentences with them; a text repeated within a message is sent once); and
   * max(3, ceil(chars/100)) units for each document and value sentence scoring needs.
   * `invocationCalls` is the floor within each invocation of the score Lambda, summed: ceil(N/25)
   * per API and language for the texts one invocation sends; texts that arrive in different
   * invocations cannot share a call, so this is the floor the Lambda can reach.
   */
  floor: { calls: Record<string, number>; invocationCalls: Record<string, number>; units: number };
  /** Time spent in the Comprehend measurement (untimed for the stages; reported to explain the benchmark's length). */
  ms: number;
  /** Calls made by the second delivery of every message (must be 0). */
  redeliveryCalls: number;
}

export interface AlignmentWindow {
  weeks: string[];
  mentions: ValueMention[];
  scores: SignalScore[];
  signals: Map<string, AlignmentSignal>;
}

export interface StagesResult {
  rows: number;
  signals: number;
  offBrand: number;
  parse: StageLap;
  score: StageLap;
  scoreSingleThread: StageLap;
  /** True when the pool and the single-threaded analyzer stored identical scores and mentions for the sample. */
  identicalScores: boolean;
  /** `table`: what the store stage asked of DynamoDB (counted at the client, bench/table-items.ts). */
  store: StageLap & { table: TableCounts };
  align: StageLap & { mentions: number; runs: number[] };
  comprehend: ComprehendFigures;
  window: { signals: number; from: string; to: string };
}

/**
 * Mirrors the scoring queue: the ingest Lambda sends new ids 25 to a message, and the score Lambda
 * receives the messages ten at a time (its event source's batch size).
 */
class ScoringQueue {
  private waiting: string[] = [];
  private batch: SQSRecord[] = [];
  messages = 0;
  batches = 0;

  constructor(private readonly deliver: (records: SQSRecord[]) => Promise<void>) {}

  async push(ids: readonly string[], flush = false): Promise<void> {
    this.waiting.push(...ids);
    while (this.waiting.length >= IDS_PER_MESSAGE || (flush && this.waiting.length > 0)) {
      const signalIds = this.waiting.splice(0, IDS_PER_MESSAGE);
      this.batch.push(sqsRecord(`message-${this.messages++}`, JSON.stringify({ signalIds })));
      if (this.batch.length === MESSAGES_PER_SCORE_BATCH) await this.deliverBatch();
    }
    if (flush && this.batch.length > 0) await this.deliverBatch();
  }

  private async deliverBatch(): Promise<void> {
    const records = this.batch;
    this.batch = [];
    this.batches++;
    await this.deliver(records);
  }
}

/** The score Lambda's log, kept quiet: a batch that fails here is a fault of the benchmark. */
const QUIET_LOG = {
  info: () => undefined,
  warn: (message: string, details: Record<string, unknown>) => {
    throw new Error(`the Comprehend measurement failed: ${message} ${JSON.stringify(details)}`);
  },
};

export async function measureStagesAlone(context: StagesContext): Promise<StagesResult> {
  const { profile, pool, now } = context;
  const zone = profile.digest.timezone;
  const key = analyzerKey(pool);
  const single = createLocalAnalyzer();
  const local = await startLocalDynamo({ dataDir: context.dataDir, tableName: TABLE });
  const countedStore = new DynamoStore({ client: local.client, tableName: TABLE, brandId: profile.brand.id, now });
  // The store sample is the client's only user, so everything counted here is the store stage's.
  const tableCounts = countTableItems(local.client);
  const embedded = await openEmbeddedTable({ dataDir: `${context.dataDir}-embedded`, tableName: TABLE });
  const sampleStore = new DynamoStore({ documents: embedded.table, tableName: TABLE, brandId: profile.brand.id, now });

  const comprehend = countingComprehend();
  const comprehendAnalyzer = createComprehendAnalyzer({ client: comprehend.client });
  const queueStore = new QueueScoreStore();
  const figures: ComprehendFigures = {
    documents: 0,
    sentences: 0,
    messages: 0,
    batches: 0,
    sent: comprehend.counts,
    ledger: { calls: 0, units: 0 },
    floor: { calls: {}, invocationCalls: {}, units: 0 },
    redeliveryCalls: 0,
    ms: 0,
  };
  const comprehendWatch = new Stopwatch();
  const scoreByComprehend = (records: SQSRecord[]): Promise<void> => comprehendWatch.time(() => scoreBatch(records));
  const scoreBatch = async (records: SQSRecord[]): Promise<void> => {
    const deps = { store: queueStore, analyzer: comprehendAnalyzer, now };
    comprehend.takeInvocationFloor(); // nothing should be pending; the floor counts this invocation alone
    const first = await scoreQueueBatch(records, profile, deps, QUIET_LOG);
    if (first.report) addComprehend(figures, first.report);
    for (const [api, calls] of Object.entries(comprehend.takeInvocationFloor()))
      figures.floor.invocationCalls[api] = (figures.floor.invocationCalls[api] ?? 0) + calls;
    // SQS delivers at least once: the same messages again must not reach Comprehend.
    const before = comprehend.totalCalls();
    await scoreQueueBatch(records, profile, deps, QUIET_LOG);
    figures.redeliveryCalls += comprehend.totalCalls() - before;
    queueStore.release(records.flatMap((each) => parseScoreMessage(each.body).signalIds));
    comprehend.forget();
  };
  const queue = new ScoringQueue(scoreByComprehend);

  const weeks = weeksEndingWith(context.week, HISTORY_WEEKS, zone);
  const windowRange = { from: isoWeekRange(weeks[0] as string, zone).from, to: isoWeekRange(context.week, zone).to };
  const inWindow = (at: string) => at >= windowRange.from && at < windowRange.to;
  const window: AlignmentWindow = { weeks, mentions: [], scores: [], signals: new Map() };

  const watches = { tap: new Stopwatch(), score: new Stopwatch(), single: new Stopwatch(), store: new Stopwatch() };
  const counts = { signals: 0, single: 0, stored: 0, nextProgress: 10_000 };
  let identicalScores = true;
  const seen = new Set<string>();

  const stages: SignalStore = {
    getSourceState: async () => undefined,
    putSourceState: async () => undefined,
    recordRun: async () => undefined,
    saveNewSignals: (signals) =>
      watches.tap.time(async () => {
        const fresh = signals.filter((signal) => !seen.has(signal.id));
        for (const signal of fresh) seen.add(signal.id);
        const ids = fresh.map((signal) => signal.id);

        const scored = new BatchScoreStore(fresh);
        await watches.score.time(() =>
          score(
            profile,
            { store: scored, analyzer: pool, now, wordVectors: bundledWordVectors(), wordSenses: bundledWordSenses() },
            { signalIds: ids, batchSize: LOCAL_SCORE_BATCH },
          ),
        );

        if (counts.single < context.singleThreadSample) {
          const alone = new BatchScoreStore(fresh);
          await watches.single.time(() =>
            score(
              profile,
              {
                store: alone,
                analyzer: single,
                now,
                wordVectors: bundledWordVectors(),
                wordSenses: bundledWordSenses(),
              },
              { signalIds: ids, batchSize: LOCAL_SCORE_BATCH },
            ),
          );
          identicalScores &&=
            isDeepStrictEqual(alone.scores, scored.scores) && isDeepStrictEqual(alone.mentions, scored.mentions);
          counts.single += fresh.length;
        }

        if (counts.stored < context.storeSample) {
          await watches.store.time(() => storeStage(sampleStore, fresh, scored, key, profile, now));
          await storeStage(countedStore, fresh, scored, key, profile, now);
          counts.stored += fresh.length;
        }

        for (const each of scored.scores) if (inWindow(each.publishedAt)) window.scores.push(each);
        for (const each of scored.mentions) if (inWindow(each.publishedAt)) window.mentions.push(each);
        for (const signal of fresh) {
          if ((signal.channel === 'stance' || signal.channel === 'review') && inWindow(signal.publishedAt)) {
            const { id, channel, publishedAt, rating, title, text, sourceId } = signal;
            window.signals.set(id, { id, channel, publishedAt, rating, title, text, sourceId });
          }
        }

        queueStore.hold(fresh);
        await queue.push(ids);

        counts.signals += fresh.length;
        if (counts.signals >= counts.nextProgress) {
          progress(
            `stages alone: ${counts.signals.toLocaleString('en-GB')} signals; score ${(watches.score.ms / 1000).toFixed(1)} s, ` +
              `store sample ${(watches.store.ms / 1000).toFixed(1)} s, Comprehend ${comprehend.totalCalls().toLocaleString('en-GB')} calls`,
          );
          counts.nextProgress += 10_000;
        }
        return {
          inserted: ids,
          existing: signals.filter((signal) => !fresh.includes(signal)).map((signal) => signal.id),
        };
      }),
  };

  const whole = new Stopwatch();
  let report: Awaited<ReturnType<typeof ingest>>;
  try {
    report = await whole.time(() =>
      ingest(profile, { store: stages, connectorFor: connectorRegistry({ baseDir: context.baseDir }), now }),
    );
    await queue.push([], true);
  } finally {
    embedded.close();
    await local.close();
  }
  const source = report.sources[0];
  if (source?.outcome !== 'new') throw new Error(`the corpus was not read: ${source?.error?.message ?? 'no source'}`);
  figures.messages = queue.messages;
  figures.batches = queue.batches;
  figures.ms = comprehendWatch.ms;
  figures.floor.calls = Object.fromEntries(
    Object.entries(figures.sent)
      .filter(([, api]) => api.texts > 0)
      .map(([name, api]) => [name, callFloor(api.texts)]),
  );

  const align = measureAlignment(profile, context.week, window);
  return {
    rows: source.items,
    signals: counts.signals,
    offBrand: source.offBrand,
    parse: { items: source.items, ms: whole.ms - watches.tap.ms, cpuMs: whole.cpuMs - watches.tap.cpuMs },
    score: { items: counts.signals, ms: watches.score.ms, cpuMs: watches.score.cpuMs },
    scoreSingleThread: { items: counts.single, ms: watches.single.ms, cpuMs: watches.single.cpuMs },
    identicalScores,
    store: { items: counts.stored, ms: watches.store.ms, cpuMs: watches.store.cpuMs, table: tableCounts },
    align,
    comprehend: figures,
    window: { signals: window.scores.length, ...windowRange },
  };
}

/**
 * Every store call the pipeline makes for a batch of signals: ingest stores them (after checking
 * which are new), scoring checks which are scored and reads the others back, then stores their
 * scores, value mentions and rollups as scoring does (storeScores, a batch of LOCAL_SCORE_BATCH at
 * a time), and compacts the rollups it wrote at the end, as a score run does.
 */
export async function storeStage(
  store: DynamoStore,
  signals: Signal[],
  scored: BatchScoreStore,
  analyzer: string,
  profile: Profile,
  now: () => Date,
): Promise<void> {
  const ids = signals.map((signal) => signal.id);
  await store.saveNewSignals(signals, profile.retention.signalTextDays);
  await store.scoredSignalIds(ids, analyzer);
  const read = new Map((await store.getSignals(ids)).map((signal) => [signal.id, signal]));
  const { scores, mentions } = scored;
  const touched = new TouchedRollups();
  for (let start = 0; start < scores.length; start += LOCAL_SCORE_BATCH) {
    const batch = scores.slice(start, start + LOCAL_SCORE_BATCH);
    const inBatch = new Set(batch.map((score) => score.signalId));
    const { rollups } = await storeScores(store, profile, {
      analyzer,
      scores: batch,
      mentions: mentions.filter((mention) => inBatch.has(mention.signalId)),
      signals: read,
      openedAt: now().toISOString(),
    });
    touched.add(rollups);
  }
  await touched.compact(store, analyzer);
}

function addComprehend(figures: ComprehendFigures, report: ScoreReport): void {
  figures.documents += report.scored;
  figures.sentences += report.sentences;
  figures.floor.units += report.estimatedComprehendUnits;
  figures.ledger.calls += Object.values(report.cost.calls).reduce((sum, calls) => sum + calls, 0);
  figures.ledger.units += Object.values(report.cost.units).reduce((sum, units) => sum + units, 0);
}

/** The digest week's alignment over its history window, as the digest computes it: median of 3 runs. */
function measureAlignment(profile: Profile, week: string, window: AlignmentWindow): StagesResult['align'] {
  const runs: Lap[] = [];
  for (let run = 0; run < 3; run++) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    computeAlignment({
      profile,
      week,
      weeks: window.weeks,
      mentions: window.mentions,
      scores: window.scores,
      signals: window.signals,
      previousIndex: null,
    });
    const used = process.cpuUsage(cpu);
    runs.push({ ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 });
  }
  const median = [...runs].sort((a, b) => a.ms - b.ms)[1] as Lap;
  return {
    items: window.scores.length,
    ...median,
    mentions: window.mentions.length,
    runs: runs.map((run) => Math.round(run.ms)),
  };
}
