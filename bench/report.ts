// What `npm run bench` prints and writes to bench/results/latest.json: every figure, then each
// target with what was measured, met or missed, and by how much.
import { MESSAGES_PER_SCORE_BATCH } from '#adapters/lambda/contract';
import type { AlignmentFigures } from './alignment';
import { type DigestScaleResults, digestScaleOutcomes, formatDigestScale } from './digest-scale';
import { formatHostileInput, type HostileInputFigure } from './hostile-input';
import { formatMatchingSpeed, type MatchingSpeedFigure } from './matching-speed';
import { BUNDLE_TARGET_BYTES, type BundleFigures } from './bundles';
import type { CorpusSummary } from './corpus';
import type { EndToEndResult } from './end-to-end';
import { MB, perSecond, type MachineDescription } from './measure';
import type { StageLap, StagesResult } from './stages';

// The local pipeline's targets for a big brand (100,000 signals): end to end at least 1,500 signals/s
// and at least 0.8 of the slowest stage alone, peak RSS of the whole run at most 400 MB, the store at
// most 0.8 ms of CPU a signal.
export const TARGETS = {
  endToEndPerSecond: 1_500,
  fractionOfSlowestStage: 0.8,
  peakRssBytes: 400 * MB,
  storeCpuMsPerSignal: 0.8,
  comprehendUnitsOverFloor: 1.05,
  digestMs: 5_000,
  bundleBytes: BUNDLE_TARGET_BYTES,
  benchMs: 10 * 60_000,
} as const;

export interface BenchResults {
  generatedAt: string;
  machine: MachineDescription;
  options: {
    signals: number;
    storeSample: number;
    singleThreadSample: number;
    threads: number;
    endToEndThreads: number;
    seed: number;
    week: string;
  };
  corpus: CorpusSummary & { generateMs: number };
  poolStartMs: number;
  stages: StagesResult;
  endToEnd: EndToEndResult;
  alignment: AlignmentFigures;
  /** The digest of a synthetic brand at each scale asked for (`--scales`), against its targets. */
  digestScale: DigestScaleResults;
  nodeStartupMs: number;
  bundles: BundleFigures[];
  hostileInput: HostileInputFigure[];
  matching: MatchingSpeedFigure[];
  /** The benchmark's own process (everything but the end-to-end run). */
  harnessMaxRssBytes: number;
  loadAverageAtEnd: number;
  benchMs: number;
}

export interface StageRate {
  stage: string;
  items: number;
  ms: number;
  perSecond: number;
  /** CPU time per item, all threads. */
  cpuMsPerItem: number;
  /** Cores kept busy on average: CPU time over wall time. */
  cores: number;
  what: string;
}

export interface TargetOutcome {
  target: string;
  measured: string;
  met: boolean;
  /** How far from the target, in words, when missed. */
  gap?: string;
}

function rateOf(stage: string, lap: StageLap, what: string): StageRate {
  return {
    stage,
    items: lap.items,
    ms: Math.round(lap.ms),
    perSecond: perSecond(lap.items, lap.ms),
    cpuMsPerItem: lap.items > 0 ? Math.round((lap.cpuMs / lap.items) * 1000) / 1000 : 0,
    cores: lap.ms > 0 ? Math.round((lap.cpuMs / lap.ms) * 100) / 100 : 0,
    what,
  };
}

/** Rows shown for context, not stages of their own: the slowest stage is never one of them. */
const DETAIL_ROWS = new Set(['score, 1 thread', 'store, empty table', 'store, full table']);

export function stageRates(results: BenchResults): StageRate[] {
  const { stages, endToEnd } = results;
  const window = stages.window.signals;
  const empty = stages.store;
  const full = endToEnd.storeOnFullTable;
  // The run's table grows from empty to full: its store cost per signal is taken as the mean of the two ends.
  const meanMsPerSignal = (empty.ms / empty.items + full.ms / full.items) / 2;
  const meanCpuPerSignal = (empty.cpuMs / empty.items + full.cpuMs / full.items) / 2;
  return [
    rateOf('parse', stages.parse, 'rows of the export read, parsed, checked and redacted (ingest without the store)'),
    rateOf(
      'score',
      stages.score,
      `signals scored by the local analyzer pool (${results.options.threads} threads), value matching included`,
    ),
    rateOf('score, 1 thread', stages.scoreSingleThread, 'the same on a sample, with the single-threaded analyzer'),
    rateOf(
      'store',
      {
        items: empty.items + full.items,
        ms: meanMsPerSignal * (empty.items + full.items),
        cpuMs: meanCpuPerSignal * (empty.items + full.items),
      },
      "every store call for a signal (local mode's embedded table on disk), the mean cost per signal of the next two",
    ),
    rateOf('store, empty table', empty, 'on a sample, into an empty table'),
    rateOf(
      'store, full table',
      full,
      `on a sample, into the table the end-to-end run filled (${full.tableSignals.toLocaleString('en-GB')} signals)`,
    ),
    rateOf('align', stages.align, `signals of the digest's 12-week window aligned in memory (median of 3)`),
    rateOf(
      'digest',
      { items: window, ms: endToEnd.digest.ms, cpuMs: endToEnd.digest.cpuMs },
      'the same window read from the store, aligned, rendered and written',
    ),
  ];
}

export function endToEndRate(results: BenchResults): StageRate {
  const { endToEnd } = results;
  return rateOf(
    'end to end',
    { items: endToEnd.rows, ms: endToEnd.ms, cpuMs: endToEnd.cpuMs },
    'rows of the export to a written digest',
  );
}

/** The slowest of the stages a signal goes through, each alone (the single-thread comparison excluded). */
export function slowestStage(rates: StageRate[]): StageRate {
  return rates
    .filter((rate) => !DETAIL_ROWS.has(rate.stage))
    .reduce((slowest, rate) => (rate.perSecond < slowest.perSecond ? rate : slowest));
}

const n = (value: number) => Math.round(value).toLocaleString('en-GB');
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ratio = (value: number) => value.toFixed(2);

export function targetOutcomes(results: BenchResults): TargetOutcome[] {
  const rates = stageRates(results);
  const e2e = endToEndRate(results);
  const slowest = slowestStage(rates);
  const fraction = e2e.perSecond / slowest.perSecond;
  const anonymousPeaks = Object.values(results.endToEnd.peakAnonymousBytes);
  const anonymousPeak = anonymousPeaks.every((peak) => peak !== null)
    ? Math.max(...(anonymousPeaks as number[]))
    : null;
  const { comprehend } = results.stages;
  const sentCalls =
    comprehend.sent.DetectSentiment.calls +
    comprehend.sent.DetectKeyPhrases.calls +
    comprehend.sent.DetectDominantLanguage.calls;
  const floorCalls = Object.values(comprehend.floor.calls).reduce((sum, calls) => sum + calls, 0);
  const invocationFloorCalls = Object.values(comprehend.floor.invocationCalls).reduce((sum, calls) => sum + calls, 0);
  const sentUnits =
    comprehend.sent.DetectSentiment.units +
    comprehend.sent.DetectKeyPhrases.units +
    comprehend.sent.DetectDominantLanguage.units;
  const unitsRatio = sentUnits / comprehend.floor.units;
  const reingestCalls =
    results.endToEnd.reingest.reduce((sum, each) => sum + each.comprehendCalls, 0) + comprehend.redeliveryCalls;
  const storeRate = rates.find((rate) => rate.stage === 'store');
  const single = rates.find((rate) => rate.stage === 'score, 1 thread');
  const pool = rates.find((rate) => rate.stage === 'score');
  const speedup = single && pool && single.perSecond > 0 ? pool.perSecond / single.perSecond : 0;
  const outcomes: TargetOutcome[] = [
    {
      target: `end to end >= ${n(TARGETS.endToEndPerSecond)} signals/s`,
      measured: `${n(e2e.perSecond)} signals/s`,
      met: e2e.perSecond >= TARGETS.endToEndPerSecond,
      gap: `${ratio(e2e.perSecond / TARGETS.endToEndPerSecond)} of the target (${ratio(TARGETS.endToEndPerSecond / Math.max(1, e2e.perSecond))}x too slow)`,
    },
    {
      target: `end to end >= ${TARGETS.fractionOfSlowestStage} of the slowest stage alone`,
      measured: `${ratio(fraction)} of ${slowest.stage} (${n(slowest.perSecond)}/s)`,
      met: fraction >= TARGETS.fractionOfSlowestStage,
      gap: `${ratio(TARGETS.fractionOfSlowestStage - fraction)} short`,
    },
    {
      target: `store <= ${TARGETS.storeCpuMsPerSignal} CPU ms per signal (local mode's embedded table)`,
      measured: `${storeRate ? storeRate.cpuMsPerItem.toFixed(3) : '?'} CPU ms per signal, the mean of an empty and a full table`,
      met: storeRate !== undefined && storeRate.cpuMsPerItem <= TARGETS.storeCpuMsPerSignal,
      gap: `${storeRate ? (storeRate.cpuMsPerItem - TARGETS.storeCpuMsPerSignal).toFixed(3) : '?'} ms over`,
    },
    {
      target: `peak RSS <= ${mb(TARGETS.peakRssBytes)}`,
      measured:
        `${mb(results.endToEnd.maxRssAfterRunBytes)} for the whole run: ${mb(results.endToEnd.maxRssAfterIngestAndScoreBytes)} ` +
        `up to the end of ingest and scoring, then the digest's reads` +
        (anonymousPeak === null
          ? ''
          : `; the process's own (anonymous) memory peaked at ${mb(anonymousPeak)}, the rest is mapped files (the node binary, LevelDB's tables)`),
      met: results.endToEnd.maxRssAfterRunBytes <= TARGETS.peakRssBytes,
      gap:
        `${mb(results.endToEnd.maxRssAfterRunBytes - TARGETS.peakRssBytes)} over` +
        (results.endToEnd.maxRssAfterIngestAndScoreBytes <= TARGETS.peakRssBytes
          ? ' (ingest and scoring alone stay under)'
          : ''),
    },
    {
      target: 'both cores used where a stage is CPU-bound (local scoring in worker threads)',
      measured: `score: ${pool?.cores ?? 0} cores busy, ${ratio(speedup)}x the single-threaded analyzer`,
      met: results.options.threads >= results.machine.cores && speedup > 1.3,
      gap: 'the pool did not speed scoring up',
    },
    {
      target: 'Comprehend calls = the floor within an invocation, ceil(N/25) per API and language',
      measured:
        `${n(sentCalls)} calls; floor within invocations ${n(invocationFloorCalls)} (${ratio(sentCalls / invocationFloorCalls)}x); ` +
        `across all invocations ${n(floorCalls)} (${ratio(sentCalls / floorCalls)}x: each invocation's last call is part-full)`,
      met: sentCalls <= invocationFloorCalls,
      gap: `${n(sentCalls - invocationFloorCalls)} calls over the floor within invocations`,
    },
    {
      target: `Comprehend units <= ${TARGETS.comprehendUnitsOverFloor}x the floor`,
      measured: `${n(sentUnits)} units; floor ${n(comprehend.floor.units)} (${unitsRatio.toFixed(3)}x)`,
      met: unitsRatio <= TARGETS.comprehendUnitsOverFloor,
      gap: `${(unitsRatio - TARGETS.comprehendUnitsOverFloor).toFixed(3)}x over`,
    },
    {
      target: '0 Comprehend calls when the same feeds are ingested again (and when a message is delivered twice)',
      measured: `${n(reingestCalls)} calls`,
      met: reingestCalls === 0,
    },
    {
      target: `digest for 20 values x 52 weeks < ${n(TARGETS.digestMs)} ms`,
      measured: `${n(results.alignment.digestMedianMs)} ms digest; ${n(results.alignment.alignmentMedianMs)} ms alignment over all 52 weeks`,
      met: Math.max(results.alignment.digestMedianMs, results.alignment.alignmentMedianMs) < TARGETS.digestMs,
    },
    ...(results.digestScale.scales.length > 0 ? digestScaleOutcomes(results.digestScale) : []),
    ...results.bundles.map((bundle) => ({
      target: `lambda ${bundle.name} bundle <= 1 MB minified`,
      measured: `${(bundle.bytes / MB).toFixed(2)} MB`,
      met: bundle.bytes <= TARGETS.bundleBytes,
      gap: `${((bundle.bytes - TARGETS.bundleBytes) / 1024).toFixed(0)} KB over`,
    })),
    {
      target: 'npm run bench < 10 minutes',
      measured: `${(results.benchMs / 60_000).toFixed(1)} minutes`,
      met: results.benchMs < TARGETS.benchMs,
      gap: `${((results.benchMs - TARGETS.benchMs) / 1000).toFixed(0)} s over`,
    },
  ];
  return outcomes.map((outcome) =>
    outcome.met ? { target: outcome.target, measured: outcome.measured, met: true } : outcome,
  );
}

export function formatReport(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, corpus, stages, endToEnd, alignment } = results;
  lines.push('', '== Congruence benchmark ==');
  lines.push(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}; ` +
      `load average ${machine.loadAverageAtStart} at start, ${results.loadAverageAtEnd} at end`,
  );
  lines.push(
    `corpus: ${n(corpus.rows)} rows over 52 weeks (${corpus.from.slice(0, 10)} to ${corpus.to.slice(0, 10)}), ${(corpus.bytes / MB).toFixed(1)} MB CSV, ` +
      `text ${corpus.chars.mean} chars mean, ${corpus.chars.median} median, ${corpus.chars.p95} p95, ${corpus.chars.max} max; ` +
      Object.entries(corpus.byChannel)
        .map(([channel, count]) => `${channel} ${n(count)}`)
        .join(', ') +
      `; generated in ${(corpus.generateMs / 1000).toFixed(1)} s`,
  );
  lines.push(
    `signals: ${n(stages.signals)} kept, ${n(stages.offBrand)} off-brand rows dropped at ingest; local analyzer pool: ${results.options.threads} threads, ready in ${n(results.poolStartMs)} ms`,
  );
  lines.push('', 'Local pipeline, each stage alone:');
  const rates = stageRates(results);
  for (const rate of rates) {
    lines.push(
      `  ${rate.stage.padEnd(18)} ${n(rate.perSecond).padStart(7)} /s  ${n(rate.items).padStart(7)} in ${(rate.ms / 1000).toFixed(2).padStart(7)} s  ` +
        `${rate.cpuMsPerItem.toFixed(3)} CPU ms each, ${rate.cores.toFixed(2)} cores busy  (${rate.what})`,
    );
  }
  lines.push(
    `  the pool's scores and mentions are identical to the single-threaded analyzer's on the sample: ${stages.identicalScores ? 'yes' : 'NO'}`,
  );
  const table = stages.store.table;
  const perSignal = (count: number) => (count / Math.max(1, stages.store.items)).toFixed(2);
  lines.push(
    `  DynamoDB per signal, the store stage's calls sent to dynalite on an empty table (${n(stages.store.items)} signals, counted at the client): ` +
      `${perSignal(table.itemsWritten)} items written (${perSignal(table.writeUnits)} write units), ` +
      `${perSignal(table.itemsRead)} items read and ${perSignal(table.keysLookedUp)} keys looked up (${perSignal(table.readUnits)} read units), ` +
      `${perSignal(table.requests)} requests`,
  );
  const e2e = endToEndRate(results);
  const slowest = slowestStage(rates);
  lines.push('', 'End to end (ingest and scoring together, then the digest):');
  lines.push(
    `  ${n(e2e.perSecond)} signals/s: ${n(endToEnd.rows)} rows in ${(endToEnd.ms / 1000).toFixed(1)} s ` +
      `(ingest and score ${(endToEnd.ingestAndScoreMs / 1000).toFixed(1)} s, then the digest ${(endToEnd.digest.ms / 1000).toFixed(1)} s: ` +
      `${endToEnd.digest.values} values, ${endToEnd.digest.divergences} divergences, ${endToEnd.digest.files} files), ` +
      `${e2e.cpuMsPerItem.toFixed(3)} CPU ms each, ${e2e.cores.toFixed(2)} cores busy`,
  );
  lines.push(
    `  ${(e2e.perSecond / slowest.perSecond).toFixed(2)} of the slowest stage alone (${slowest.stage}, ${n(slowest.perSecond)}/s); ` +
      `${n(endToEnd.signals)} signals stored, ${n(endToEnd.scored)} scored, ${n(endToEnd.mentions)} value mentions`,
  );
  const { fileBytesAtPeak: file, peakAnonymousBytes: anonymous } = endToEnd;
  if (
    file.ingestAndScore !== null &&
    file.digest !== null &&
    anonymous.ingestAndScore !== null &&
    anonymous.digest !== null
  ) {
    lines.push(
      `  of the sampled peaks, file-backed (mapped files: the node binary and its libraries, about 55 MB, and LevelDB's table files; ` +
        `page cache the system can reclaim): ` +
        `${mb(file.ingestAndScore)} and ${mb(file.digest)}; the process's anonymous memory peaked at ${mb(anonymous.ingestAndScore)} and ${mb(anonymous.digest)}`,
    );
  }
  lines.push(
    `  ${results.options.endToEndThreads} analyzer thread(s) beside the main thread; RSS high-water mark ${mb(endToEnd.maxRssAfterIngestAndScoreBytes)} ` +
      `after ingest and scoring, ${mb(endToEnd.maxRssAfterRunBytes)} after the digest ` +
      `(sampled peaks ${mb(endToEnd.peakRssBytes.ingestAndScore)} and ${mb(endToEnd.peakRssBytes.digest)}; threads included); ` +
      `the benchmark's own process ${mb(results.harnessMaxRssBytes)}`,
  );
  const c = stages.comprehend;
  const floorCalls = Object.values(c.floor.calls).reduce((sum, calls) => sum + calls, 0);
  const invocationFloor = Object.values(c.floor.invocationCalls).reduce((sum, calls) => sum + calls, 0);
  lines.push(
    '',
    `Comprehend (client mock counting requests; ${n(c.messages)} scoring messages of up to 25 signal ids, as the ingest Lambda sends them, scored by the score Lambda in ${n(c.batches)} batches of up to ${MESSAGES_PER_SCORE_BATCH} messages):`,
  );
  lines.push(
    `  ${n(c.documents)} documents and ${n(c.sentences)} value sentences scored (measured in ${(c.ms / 1000).toFixed(1)} s)`,
  );
  for (const [api, sent] of Object.entries(c.sent)) {
    const floor = c.floor.calls[api];
    if (floor === undefined) {
      lines.push(`  ${api.padEnd(22)} not used (every signal has a language)`);
      continue;
    }
    const invocationFloor = c.floor.invocationCalls[api] ?? 0;
    lines.push(
      `  ${api.padEnd(22)} ${n(sent.calls).padStart(6)} calls for ${n(sent.texts)} texts: floor within invocations ${n(invocationFloor)} ` +
        `(${ratio(sent.calls / Math.max(1, invocationFloor))}x), across them ${n(floor)} (${ratio(sent.calls / Math.max(1, floor))}x); ${n(sent.units)} units`,
    );
  }
  const units = Object.values(c.sent).reduce((sum, api) => sum + api.units, 0);
  const calls = Object.values(c.sent).reduce((sum, api) => sum + api.calls, 0);
  lines.push(
    `  total ${n(calls)} calls (floor within invocations ${n(invocationFloor)}, ${ratio(calls / Math.max(1, invocationFloor))}x; ` +
      `across them ${n(floorCalls)}, ${ratio(calls / floorCalls)}x); ${n(units)} units (floor ${n(c.floor.units)}: ` +
      `${(units / c.floor.units).toFixed(3)}x), ${(units / Math.max(1, c.documents)).toFixed(2)} units per signal`,
  );
  lines.push(
    `  the analyzer's own ledger agrees: ${c.ledger.calls === calls && c.ledger.units === units ? 'yes' : `NO (${n(c.ledger.calls)} calls, ${n(c.ledger.units)} units)`}`,
  );
  lines.push(`  every batch of messages delivered a second time: ${n(c.redeliveryCalls)} calls`);
  for (const again of endToEnd.reingest) {
    lines.push(
      `  ingested again, ${again.what}: ${again.outcome}, ${n(again.rows)} rows, ${n(again.newSignals)} new, ${n(again.alreadyStored)} already stored, ` +
        `${n(again.comprehendCalls)} Comprehend calls, ${(again.ms / 1000).toFixed(1)} s`,
    );
  }
  lines.push(
    '',
    `Digest for ${alignment.values} values x ${alignment.weeks} weeks (${n(alignment.mentions)} mentions, ${n(alignment.scoredSignals)} scored signals):`,
  );
  lines.push(`  alignment over all 52 weeks: median ${n(alignment.alignmentMedianMs)} ms of 5 runs`);
  lines.push(
    `  digest built and written (12-week window, HTML, text, charts, .eml): median ${n(alignment.digestMedianMs)} ms of 3 runs; target < ${n(alignment.targetMs)} ms`,
  );
  if (results.digestScale.scales.length > 0) lines.push('', ...formatDigestScale(results.digestScale, false));
  lines.push(
    '',
    `Lambda bundles (esbuild, minified, AWS SDK from the runtime); cold load = import in a fresh node, median of 3; node alone starts in ${n(results.nodeStartupMs)} ms:`,
  );
  for (const bundle of results.bundles) {
    lines.push(
      `  ${bundle.name.padEnd(13)} ${(bundle.bytes / MB).toFixed(2)} MB (${(bundle.bytes / BUNDLE_TARGET_BYTES).toFixed(2)} of 1 MB; ${(bundle.withSdkBytes / MB).toFixed(2)} MB with the SDK bundled in), ` +
        (bundle.loadError
          ? `did not load: ${bundle.loadError}`
          : `cold load ${n(bundle.coldLoadMs)} ms, process ${n(bundle.coldProcessMs)} ms`),
    );
  }
  lines.push('', ...formatHostileInput(results.hostileInput));
  lines.push('', ...formatMatchingSpeed(results.matching));
  lines.push('', 'Targets:');
  for (const outcome of targetOutcomes(results)) {
    lines.push(
      `  ${outcome.met ? 'met   ' : 'MISSED'} ${outcome.target}: ${outcome.measured}${outcome.gap ? `; ${outcome.gap}` : ''}`,
    );
  }
  lines.push('', `benchmark took ${(results.benchMs / 1000).toFixed(0)} s`);
  return `${lines.join('\n')}\n`;
}
