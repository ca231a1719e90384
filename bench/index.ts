// `npm run bench`: the performance figures docs/performance.md reports, on a generated corpus of
// 100,000 signals over 52 weeks (`npm run bench -- --signals 10000` for a quicker, smaller run).
// Prints progress while it runs, then every figure and each target met or missed, and writes the
// figures to bench/results/latest.json. Nothing here is a test: no figure fails the run.
//
//   1. the corpus: a seeded CSV export, generated into a temporary directory
//   2. each stage alone, in one pass over the corpus (stages.ts), with the Comprehend counts
//   3. the pipeline end to end, in a process of its own: its digest (the digest stage), ingesting the
//      same feeds again, and the store stage again on the full table (end-to-end.ts)
//   4. a digest of 20 values x 52 weeks (alignment.ts)
//   4b. the digest of a synthetic brand at 1k, 10k and 100k signals a week over 12 weeks, each scale
//      populated and digested in processes of their own (digest-scale.ts; `--scales` picks them,
//      `--scales none` skips it)
//   5. each Lambda bundle's size and cold module-load time (bundles.ts)
//   6. value matching alone, by aspect words and by meaning, on one thread (matching-speed.ts)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalAnalyzerPool } from '#adapters/analyzers/local/local-analyzer-pool';
import { isoWeekOf } from '#domain/iso-week';
import { benchAlignment } from './alignment';
import { benchBundles, nodeStartupMs } from './bundles';
import { benchDigestScale, DEFAULT_SCALES, parseScales } from './digest-scale';
import { benchHostileInput } from './hostile-input';
import { benchMatchingSpeed } from './matching-speed';
import { CORPUS_SEED, writeCorpus } from './corpus';
import { runEndToEndProcess } from './end-to-end';
import { describeMachine, maxRssBytes, progress, RssSampler } from './measure';
import { writeBenchProfile } from './profile';
import { formatReport, type BenchResults } from './report';
import { measureStagesAlone } from './stages';

// The bench talks only to its mocks and its embedded store; the SDK's notice about Node versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    signals: { type: 'string', default: '100000' },
    'store-sample': { type: 'string', default: '4000' },
    'single-thread-sample': { type: 'string', default: '4000' },
    out: { type: 'string', default: 'bench/results/latest.json' },
    scales: { type: 'string', default: DEFAULT_SCALES.join(',') },
  },
});
const scales = parseScales(values.scales);
const signals = Number(values.signals);
if (!Number.isInteger(signals) || signals < 1_000)
  throw new Error(`--signals ${values.signals}: give a whole number of at least 1000`);
const storeSample = Math.min(signals, Number(values['store-sample']));
const singleThreadSample = Math.min(signals, Number(values['single-thread-sample']));
/** Signals stored alone at the end, on the table the end-to-end run filled. */
const FULL_TABLE_STORE_SAMPLE = 2_000;
/** Rows of the corpus exported again with other bytes, to ingest a second time. */
const REEXPORT_ROWS = Math.min(signals, 10_000);
// A fixed clock just after the corpus's last week: the same run gives the same signals and digest.
const NOW = new Date('2026-11-23T06:00:00.000Z');
const now = () => NOW;

const benchStarted = performance.now();
const machine = describeMachine(totalmem());
const rss = new RssSampler();
const workDir = mkdtempSync(join(tmpdir(), 'congruence-bench-'));
progress(
  `machine: ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverageAtStart}; working in ${workDir}`,
);

try {
  rss.enter('corpus');
  const generateStarted = performance.now();
  const corpus = writeCorpus(join(workDir, 'corpus.csv'), signals);
  const generateMs = performance.now() - generateStarted;
  writeCorpus(join(workDir, 'reexport.csv'), signals, { firstRows: REEXPORT_ROWS, newline: '\n' });
  const { profile, baseDir } = writeBenchProfile(workDir, 'corpus.csv');
  writeBenchProfile(workDir, 'reexport.csv', 'brand-reexport.yaml');
  // The same rows as another source are new signals: for the store alone on the full table.
  writeBenchProfile(workDir, 'reexport.csv', 'brand-fresh.yaml', 'bench-export-again');
  const week = isoWeekOf(corpus.to, profile.digest.timezone);
  progress(
    `corpus: ${corpus.rows.toLocaleString('en-GB')} rows, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB, in ${(generateMs / 1000).toFixed(1)} s; digest week ${week}`,
  );

  // Scoring alone has the cores to itself: one thread each. End to end, the main thread is busy
  // parsing and storing, so the pool there has one thread fewer (and at least one).
  const pool = createLocalAnalyzerPool({ threads: machine.cores });
  const poolStarted = performance.now();
  await pool.ready();
  const poolStartMs = performance.now() - poolStarted;
  progress(`local analyzer pool: ${pool.threads} threads ready in ${(poolStartMs / 1000).toFixed(1)} s`);

  let stages: Awaited<ReturnType<typeof measureStagesAlone>>;
  try {
    rss.enter('stages alone');
    progress('stages alone: one pass over the corpus (parse; score; store on a sample; Comprehend counts)');
    stages = await measureStagesAlone({
      profile,
      baseDir,
      pool,
      now,
      dataDir: join(workDir, 'store-sample'),
      week,
      storeSample,
      singleThreadSample,
    });
  } finally {
    await pool.close();
  }
  rss.enter('end to end');
  progress('stages alone: done; end to end, in a process of its own, on a fresh store');
  const endToEnd = await runEndToEndProcess({
    profileFile: join(workDir, 'brand.yaml'),
    reexportProfileFile: join(workDir, 'brand-reexport.yaml'),
    reexportRows: REEXPORT_ROWS,
    freshProfileFile: join(workDir, 'brand-fresh.yaml'),
    freshSignals: Math.min(FULL_TABLE_STORE_SAMPLE, storeSample),
    week,
    now: NOW.toISOString(),
    threads: Math.max(1, machine.cores - 1),
    dataDir: join(workDir, 'end-to-end'),
    outDir: join(workDir, 'out'),
    resultFile: join(workDir, 'end-to-end.json'),
  });

  rss.enter('digest 20 x 52');
  progress('digest for 20 values x 52 weeks');
  const alignment = await benchAlignment(join(workDir, 'out-history'));
  rss.enter('digest scale');
  progress(`digest at scale: ${scales.length > 0 ? scales.join(', ') : 'no'} signals a week`);
  const digestScale = await benchDigestScale(scales, join(workDir, 'digest-scale'));
  rss.enter('bundles');
  progress('lambda bundles: size and cold module load');
  const startup = nodeStartupMs();
  const bundles = await benchBundles(join(workDir, 'bundles'));
  progress('hostile feed input: nesting and unclosed constructs');
  const hostileInput = benchHostileInput();
  progress('value matching alone, one thread');
  const matching = benchMatchingSpeed();
  rss.stop();

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine,
    options: {
      signals,
      storeSample,
      singleThreadSample,
      threads: pool.threads,
      endToEndThreads: endToEnd.threads,
      seed: CORPUS_SEED,
      week,
    },
    corpus: { ...corpus, generateMs: Math.round(generateMs) },
    poolStartMs: Math.round(poolStartMs),
    stages,
    endToEnd,
    alignment,
    digestScale,
    nodeStartupMs: Math.round(startup),
    bundles,
    hostileInput,
    matching,
    harnessMaxRssBytes: maxRssBytes(),
    loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    benchMs: Math.round(performance.now() - benchStarted),
  };
  process.stdout.write(formatReport(results));
  mkdirSync(join(values.out, '..'), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(results, roundedMs, 2)}\n`);
  progress(`figures written to ${values.out}`);
} finally {
  rss.stop();
  rmSync(workDir, { recursive: true, force: true });
}

/** Milliseconds and other fractions to three decimals at most: the JSON is read by people too. */
function roundedMs(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}
