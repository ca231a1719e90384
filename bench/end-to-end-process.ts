// The end-to-end measurement's own process (see end-to-end.ts): loads the profiles, starts the local
// analyzer pool, measures, and writes its figures to the file the parent named.
import { writeFileSync } from 'node:fs';
import { loadProfile } from '#adapters/config/load-profile';
import { createLocalAnalyzerPool } from '#adapters/analyzers/local/local-analyzer-pool';
import { measureEndToEnd, type EndToEndArguments, type EndToEndResult } from './end-to-end';
import { maxRssBytes, progress, RssSampler } from './measure';

// Measured as `congruence` runs: compiled, with its heaps limited as bin/congruence.js limits them
// (shared/cli/heap-growth-first.ts, loaded first by end-to-end.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = JSON.parse(process.argv[2] ?? '{}') as EndToEndArguments;
const rss = new RssSampler();
const { profile, baseDir } = loadProfile(args.profileFile);
const reexport = loadProfile(args.reexportProfileFile);
const fresh = loadProfile(args.freshProfileFile);
const now = new Date(args.now);

const pool = createLocalAnalyzerPool({ threads: args.threads });
const poolStarted = performance.now();
await pool.ready();
const poolStartMs = performance.now() - poolStarted;
progress(
  `end to end (own process): local analyzer pool of ${pool.threads} thread(s) ready in ${(poolStartMs / 1000).toFixed(1)} s`,
);
try {
  const figures = await measureEndToEnd({
    profile,
    baseDir,
    pool,
    now: () => now,
    dataDir: args.dataDir,
    outDir: args.outDir,
    week: args.week,
    rss,
    reexport: { profile: reexport.profile, baseDir: reexport.baseDir, rows: args.reexportRows },
    fresh: { profile: fresh.profile, baseDir: fresh.baseDir, signals: args.freshSignals },
  });
  const result: EndToEndResult = { ...figures, threads: pool.threads, poolStartMs, processMaxRssBytes: maxRssBytes() };
  writeFileSync(args.resultFile, JSON.stringify(result));
} finally {
  rss.stop();
  await pool.close();
}
