// The whole local pipeline on the corpus, the way a deployment runs it but in one process: ingest
// reads the export and stores new signals (the embedded table persisted on disk, as local mode runs it), and
// hands their ids to scoring as it goes, as the ingest Lambda hands them to the scoring queue;
// scoring (the local analyzer pool, two score runs at a time) reads them back, scores them and
// stores scores and mentions; when both are done, the week's digest is built and written to files.
// The digest runs once ingest and scoring are done, so its time in the run is also its time alone.
// Then ingesting the same feeds again, and the store stage alone on the full table.
// It runs in a process of its own (end-to-end-process.ts), so that its memory is the pipeline's
// alone, not the rest of the benchmark's; runEndToEndProcess starts it and reads its figures.
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { spawn } from 'node:child_process';
import { compiled, WORKER_ENTRY } from '../bin/compiled.js';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import type { LocalAnalyzerPool } from '#adapters/analyzers/local/local-analyzer-pool';
import { writeDigestFiles } from '#adapters/digest/index';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { openEmbeddedTable } from '#adapters/store/embedded/open';
import { buildDigest } from '#app/digest';
import { ingest } from '#app/ingest';
import { score } from '#app/score';
import { analyzerKey } from '#domain/analyzer';
import type { SignalStore } from '#domain/ports';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { MESSAGES_PER_SCORE_BATCH } from '#adapters/lambda/contract';
import { IDS_PER_MESSAGE } from '#functions/scoring-message';
import { countingComprehend } from './comprehend';
import { maxRssBytes, progress, type RssSampler, Stopwatch, type Lap } from './measure';
import { LOCAL_SCORE_BATCH, storeStage } from './stages';
import { BatchScoreStore, QueueScoreStore } from './stores';

const TABLE = 'congruence';
/** Signal ids per score run: about one ingest batch. */
const SCORE_CHUNK = 500;
/** Score runs in flight at once, so the threads have work while the other run reads or writes the store. */
const SCORERS = 2;

export interface EndToEndContext {
  profile: Profile;
  baseDir: string;
  pool: LocalAnalyzerPool;
  now: () => Date;
  dataDir: string;
  outDir: string;
  week: string;
  rss: RssSampler;
  /** A profile reading another export of some of the same rows (other bytes, same items). */
  reexport: { profile: Profile; baseDir: string; rows: number };
  /** The same rows as another source, so they are new signals: the store stage alone on the full table. */
  fresh: { profile: Profile; baseDir: string; signals: number };
}

export interface ReingestFigure {
  what: string;
  rows: number;
  newSignals: number;
  alreadyStored: number;
  outcome: string;
  comprehendCalls: number;
  ms: number;
}

export interface EndToEndResult extends Lap {
  /** Worker threads of the local analyzer pool, and how long they took to start. */
  threads: number;
  poolStartMs: number;
  /** The process's high-water mark, the digest stage alone and the second ingests included. */
  processMaxRssBytes: number;
  rows: number;
  signals: number;
  scored: number;
  mentions: number;
  /** Time to the last signal stored and scored, before the digest. */
  ingestAndScoreMs: number;
  /** Resident memory, sampled: while ingesting and scoring, and while building the digest at the end. */
  peakRssBytes: { ingestAndScore: number; digest: number };
  /**
   * Where the system says (Linux): the file-backed part of those peaks (mapped files: the node binary
   * and its libraries, and LevelDB's table files; page cache the system can reclaim), and the peak of
   * the process's anonymous memory.
   */
  fileBytesAtPeak: { ingestAndScore: number | null; digest: number | null };
  peakAnonymousBytes: { ingestAndScore: number | null; digest: number | null };
  /** The process's high-water mark when ingest and scoring were done (pool start included). */
  maxRssAfterIngestAndScoreBytes: number;
  /** The same after the run's digest: the whole run's peak. */
  maxRssAfterRunBytes: number;
  /** The run's digest: built, rendered and written with nothing else running. */
  digest: Lap & { files: number; values: number; divergences: number };
  reingest: ReingestFigure[];
  /** Every store call for `items` new signals, alone, on the table the run filled. */
  storeOnFullTable: Lap & { items: number; tableSignals: number };
}

export type EndToEndFigures = Omit<EndToEndResult, 'threads' | 'poolStartMs' | 'processMaxRssBytes'>;

/** What the parent hands the end-to-end process. */
export interface EndToEndArguments {
  profileFile: string;
  reexportProfileFile: string;
  reexportRows: number;
  freshProfileFile: string;
  freshSignals: number;
  week: string;
  now: string;
  threads: number;
  dataDir: string;
  outDir: string;
  resultFile: string;
}

/** Runs the end-to-end measurement in a fresh process, compiled as the CLI runs, and returns its figures. */
export async function runEndToEndProcess(args: EndToEndArguments): Promise<EndToEndResult> {
  // compiled, as bin/congruence.js runs the CLI (bin/compiled.js): no TypeScript loader in the process or its threads
  const { urls } = await compiled('bench-end-to-end', {
    'heap-growth-first': 'shared/cli/heap-growth-first.ts',
    'end-to-end-process': 'bench/end-to-end-process.ts',
    ...WORKER_ENTRY,
  });
  const script = fileURLToPath(urls['end-to-end-process'] as string);
  const child = spawn(
    process.execPath,
    ['--import', urls['heap-growth-first'] as string, script, JSON.stringify(args)],
    {
      stdio: 'inherit',
    },
  );
  const code = await new Promise<number | null>((done, failed) => {
    child.once('error', failed);
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`the end-to-end process exited with code ${code}`);
  return JSON.parse(readFileSync(args.resultFile, 'utf8')) as EndToEndResult;
}

export async function measureEndToEnd(context: EndToEndContext): Promise<EndToEndFigures> {
  const { profile, pool, now } = context;
  const key = analyzerKey(pool);
  // local mode's own table (shared/cli/local-store.ts), persisted in the data directory
  const local = await openEmbeddedTable({ dataDir: context.dataDir, tableName: TABLE });
  try {
    const store = new DynamoStore({ documents: local.table, tableName: TABLE, brandId: profile.brand.id, now });
    context.rss.enter('ingest and score');
    const run = new Stopwatch();
    let ingestAndScoreMs = 0;
    let maxRssAfterIngestAndScoreBytes = 0;
    const digestWatch = new Stopwatch();
    let digest = { files: 0, values: 0, divergences: 0 };
    const totals = { rows: 0, signals: 0, scored: 0, mentions: 0 };
    await run.time(async () => {
      const started = performance.now();
      const pending: string[] = [];
      const waiting: Array<() => void> = [];
      const wake = () => {
        for (const resume of waiting.splice(0)) resume();
      };
      let ingesting = true;
      const handOver: SignalStore = {
        getSourceState: (sourceId) => store.getSourceState(sourceId),
        putSourceState: (state) => store.putSourceState(state),
        recordRun: (record) => store.recordRun(record),
        async saveNewSignals(signals, days) {
          const saved = await store.saveNewSignals(signals, days);
          pending.push(...saved.inserted);
          totals.signals += saved.inserted.length;
          wake();
          return saved;
        },
      };
      let nextProgress = 10_000;
      const scorer = async (): Promise<void> => {
        for (;;) {
          if (pending.length === 0) {
            if (!ingesting) return;
            await new Promise<void>((resume) => waiting.push(resume));
            continue;
          }
          const ids = pending.splice(0, SCORE_CHUNK);
          const report = await score(
            profile,
            { store, analyzer: pool, now, wordVectors: bundledWordVectors(), wordSenses: bundledWordSenses() },
            { signalIds: ids, batchSize: LOCAL_SCORE_BATCH },
          );
          totals.scored += report.scored;
          totals.mentions += Object.values(report.mentionsByValue).reduce((sum, count) => sum + count, 0);
          if (totals.scored >= nextProgress) {
            progress(
              `end to end: ${totals.signals.toLocaleString('en-GB')} signals stored, ${totals.scored.toLocaleString('en-GB')} scored ` +
                `(${((performance.now() - started) / 1000).toFixed(0)} s)`,
            );
            nextProgress += 10_000;
          }
        }
      };
      const scorers = Array.from({ length: SCORERS }, scorer);
      try {
        const report = await ingest(profile, {
          store: handOver,
          connectorFor: connectorRegistry({ baseDir: context.baseDir }),
          now,
        });
        totals.rows = report.sources[0]?.items ?? 0;
        if (report.totals.failed > 0) throw new Error(`ingest failed: ${report.sources[0]?.error?.message}`);
      } finally {
        ingesting = false;
        wake();
      }
      await Promise.all(scorers);
      ingestAndScoreMs = performance.now() - started;
      maxRssAfterIngestAndScoreBytes = maxRssBytes();
      context.rss.enter('digest');
      digest = await digestWatch.time(() => writeDigest(profile, store, key, context));
    });
    const maxRssAfterRunBytes = maxRssBytes();
    const peakRssBytes = {
      ingestAndScore: context.rss.peakOf('ingest and score'),
      digest: context.rss.peakOf('digest'),
    };
    const fileBytesAtPeak = {
      ingestAndScore: context.rss.fileAtPeakOf('ingest and score'),
      digest: context.rss.fileAtPeakOf('digest'),
    };
    const peakAnonymousBytes = {
      ingestAndScore: context.rss.anonymousPeakOf('ingest and score'),
      digest: context.rss.anonymousPeakOf('digest'),
    };
    progress(
      `end to end: done in ${(run.ms / 1000).toFixed(1)} s; the same feeds again, then the store alone on the full table`,
    );

    context.rss.enter('after');
    const reingest = [
      await ingestAgain('the same feed, unchanged', profile, context.baseDir, store, now),
      await ingestAgain(
        `the first ${context.reexport.rows.toLocaleString('en-GB')} rows exported again (LF line ends: other bytes, same rows)`,
        context.reexport.profile,
        context.reexport.baseDir,
        store,
        now,
      ),
    ];
    progress('end to end: ingested again; the store alone on the full table');
    const storeOnFullTable = await storeAloneOnFullTable(context, store, key, totals.signals);
    progress('end to end: store alone done; closing the store');
    return {
      ...run,
      ...totals,
      ingestAndScoreMs,
      peakRssBytes,
      fileBytesAtPeak,
      peakAnonymousBytes,
      maxRssAfterIngestAndScoreBytes,
      maxRssAfterRunBytes,
      digest: { ms: digestWatch.ms, cpuMs: digestWatch.cpuMs, ...digest },
      reingest,
      storeOnFullTable,
    };
  } finally {
    local.close();
    progress('end to end: store closed');
  }
}

/** Reads the fresh signals (untimed), scores them (untimed), then times every store call for them. */
async function storeAloneOnFullTable(
  context: EndToEndContext,
  store: DynamoStore,
  analyzer: string,
  tableSignals: number,
): Promise<EndToEndResult['storeOnFullTable']> {
  const { profile, now } = context;
  const signals: Signal[] = [];
  const collect: SignalStore = {
    getSourceState: async () => undefined,
    putSourceState: async () => undefined,
    recordRun: async () => undefined,
    async saveNewSignals(batch) {
      signals.push(...batch.slice(0, Math.max(0, context.fresh.signals - signals.length)));
      return { inserted: batch.map((signal) => signal.id), existing: [] };
    },
  };
  await ingest(context.fresh.profile, {
    store: collect,
    connectorFor: connectorRegistry({ baseDir: context.fresh.baseDir }),
    now,
  });
  const watch = new Stopwatch();
  for (let start = 0; start < signals.length; start += SCORE_CHUNK) {
    const batch = signals.slice(start, start + SCORE_CHUNK);
    const scored = new BatchScoreStore(batch);
    await score(
      profile,
      {
        store: scored,
        analyzer: context.pool,
        now,
        wordVectors: bundledWordVectors(),
        wordSenses: bundledWordSenses(),
      },
      { signalIds: batch.map((signal) => signal.id), batchSize: LOCAL_SCORE_BATCH },
    );
    await watch.time(() => storeStage(store, batch, scored, analyzer, profile, now));
  }
  return { items: signals.length, ms: watch.ms, cpuMs: watch.cpuMs, tableSignals };
}

async function writeDigest(profile: Profile, store: DynamoStore, analyzer: string, context: EndToEndContext) {
  const { model } = await buildDigest(profile, { store, analyzer, now: context.now }, { week: context.week });
  const files = await writeDigestFiles(model, context.outDir, {
    from: profile.digest.sender,
    to: profile.digest.recipients,
  });
  return { files: 3 + files.charts.length, values: model.values.length, divergences: model.divergences.length };
}

/**
 * Ingests a feed into the store that already holds it, then scores the new signals with the
 * Comprehend analyzer (on a counting mock) as the scoring Lambda would: nothing may reach Comprehend.
 */
async function ingestAgain(
  what: string,
  profile: Profile,
  baseDir: string,
  store: DynamoStore,
  now: () => Date,
): Promise<ReingestFigure> {
  const started = performance.now();
  const report = await ingest(profile, { store, connectorFor: connectorRegistry({ baseDir }), now });
  const source = report.sources[0];
  const comprehend = countingComprehend();
  const analyzer = createComprehendAnalyzer({ client: comprehend.client });
  const ids = source?.newSignalIds ?? [];
  const queueStore = new QueueScoreStore();
  queueStore.hold(await store.getSignals(ids));
  const perBatch = IDS_PER_MESSAGE * MESSAGES_PER_SCORE_BATCH;
  for (let start = 0; start < ids.length; start += perBatch) {
    await score(
      profile,
      { store: queueStore, analyzer, now, wordVectors: bundledWordVectors(), wordSenses: bundledWordSenses() },
      { signalIds: ids.slice(start, start + perBatch), batchSize: perBatch },
    );
  }
  return {
    what,
    rows: source?.items ?? 0,
    newSignals: source?.new ?? 0,
    alreadyStored: source?.alreadyStored ?? 0,
    outcome: source?.outcome ?? 'missing',
    comprehendCalls: comprehend.totalCalls(),
    ms: performance.now() - started,
  };
}
