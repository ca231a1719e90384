// How the digest scales with a brand's volume: a synthetic brand (digest-scale-data.ts) at 1,000,
// 10,000 and 100,000 signals a week over 12 weeks, each scale in a local store of its own (local
// mode's table, persisted on disk, opened as `congruence digest` opens it). Per scale, two child
// processes (digest-scale-process.ts): one populates the store, the other opens it and builds and
// writes the digest of the 12th week, so the second one's memory is the opened store's and the
// digest's, nothing else; what it grows by while the digest runs is the digest's own. Weeks 1-7 hold
// only their rollups (and the brand's statements), which is all the digest reads of them; weeks 8-12
// are stored as the pipeline stores them.
//
// The target, from the product's requirements: digest time and peak memory flat within 1.5x from 1k
// to 100k signals a week; at 100k a week, under 30 s and under the digest Lambda's memory
// (infra/sizing.ts), the local process's peak with its local table counted against it. Nothing is
// extrapolated: a scale whose step fails or is not run says so.
//
//   npx tsx bench/digest-scale.ts [--scales 1000,10000,100000] [--out file.json]
import { type ChildProcess, spawn } from 'node:child_process';
import { compiled } from '../bin/compiled.js';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  AlertStepFigures,
  DigestStepFigures,
  PopulateFigures,
  ScaleProcessArguments,
} from './digest-scale-process';
import { SCALE_ANALYZER, SCALE_PROFILE, STATEMENTS_PER_WEEK } from './digest-scale-data';
import { DIGEST_FUNCTION } from '../infra/sizing';
import { MB, progress } from './measure';

export const DIGEST_SCALE_TARGETS = {
  flatRatio: 1.5,
  ms: 30_000,
  rssBytes: DIGEST_FUNCTION.memoryMb * MB,
  atSignalsPerWeek: 100_000,
};
export const DEFAULT_SCALES = [1_000, 10_000, 100_000];
/** The week reported, and a clock just after it: the same as the pipeline benchmark's. */
const WEEK = '2026-W47';
const NOW = '2026-11-23T06:00:00.000Z';

export interface DigestScaleFigure {
  signalsPerWeek: number;
  /** The machine's 1-minute load average when populating began and when the digest began: other work slows every figure. */
  loadAverage: { populate: number; digest: number | null };
  populate?: PopulateFigures & { dataDirBytes: number };
  /** The digest as `congruence digest` runs it: the local table opened in its process. */
  digest?: DigestStepFigures;
  /**
   * The digest as the digest Lambda runs it: the same store, its table served by another process
   * (table-service.ts) as DynamoDB serves the Lambda, so the process holds the digest's memory only.
   */
  lambdaDigest?: DigestStepFigures;
  /** What went wrong, when a step did not finish: its exit and the end of its error output. */
  failed?: { step: 'populate' | 'digest' | 'serve'; afterMs: number; reason: string };
}

export interface DigestScaleResults {
  week: string;
  statementsPerWeek: number;
  scales: DigestScaleFigure[];
}

/** Parses `--scales 1000,10000`; `none` runs no scale. */
export function parseScales(text: string): number[] {
  if (text.trim() === 'none') return [];
  const scales = text.split(',').map((each) => Number(each.trim()));
  if (scales.some((each) => !Number.isInteger(each) || each < 1))
    throw new Error(`--scales ${text}: give signals per week as whole numbers separated by commas, or none`);
  return scales;
}

const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

function directoryBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    total += entry.isDirectory() ? directoryBytes(child) : statSync(child).size;
  }
  return total;
}

/**
 * Runs one step in a child process, compiled as bin/congruence.js runs the CLI (bin/compiled.js); its
 * error output is passed through and its tail kept.
 */
async function spawnStep(args: ScaleProcessArguments): Promise<ChildProcess> {
  const { urls } = await compiled('bench-digest-scale', {
    'heap-growth-first': 'shared/cli/heap-growth-first.ts',
    'digest-scale-process': 'bench/digest-scale-process.ts',
  });
  const script = fileURLToPath(urls['digest-scale-process'] as string);
  return spawn(process.execPath, ['--import', urls['heap-growth-first'] as string, script, JSON.stringify(args)], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
}

async function runStep<T>(args: ScaleProcessArguments): Promise<{ figures?: T; ms: number; reason?: string }> {
  const started = performance.now();
  const child = await spawnStep(args);
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-2_000);
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done, failed) => {
    child.once('error', failed);
    child.once('close', (code, signal) => done({ code, signal }));
  });
  const ms = performance.now() - started;
  if (exit.code === 0) return { figures: JSON.parse(readFileSync(args.resultFile, 'utf8')) as T, ms };
  // The error's own line (e.g. "RangeError: Maximum call stack size exceeded"), else the last lines.
  const lines = tail.trim().split('\n');
  const error = lines.filter((line) => /^\w*(Error|Exception)\b|FATAL ERROR/.test(line.trim())).pop();
  const where = lines.find((line) => line.trim().startsWith('at '))?.trim();
  const reason = error ? `${error.trim()}${where ? ` (${where})` : ''}` : lines.slice(-3).join(' | ');
  return { ms, reason: `exit ${exit.code ?? exit.signal}: ${reason || 'no error output'}` };
}

export async function benchDigestScale(scales: readonly number[], workDir: string): Promise<DigestScaleResults> {
  const results: DigestScaleResults = { week: WEEK, statementsPerWeek: STATEMENTS_PER_WEEK, scales: [] };
  mkdirSync(workDir, { recursive: true });
  for (const perWeek of scales) {
    const dataDir = join(workDir, `store-${perWeek}`);
    const base = {
      profileFile: SCALE_PROFILE,
      analyzer: SCALE_ANALYZER,
      dataDir,
      outDir: join(workDir, `out-${perWeek}`),
      perWeek,
      week: WEEK,
      now: NOW,
    };
    const figure: DigestScaleFigure = { signalsPerWeek: perWeek, loadAverage: { populate: load(), digest: null } };
    results.scales.push(figure);
    progress(`digest scale: ${perWeek.toLocaleString('en-GB')} signals a week, populating (own process)`);
    const populated = await runStep<PopulateFigures>({
      ...base,
      step: 'populate',
      resultFile: join(workDir, `populate-${perWeek}.json`),
    });
    if (populated.figures === undefined) {
      figure.failed = { step: 'populate', afterMs: populated.ms, reason: populated.reason ?? '' };
      rmSync(dataDir, { recursive: true, force: true });
      continue;
    }
    figure.populate = { ...populated.figures, dataDirBytes: directoryBytes(dataDir) };
    // each digest reads a store as populating left it (a digest folds rollups and stores a snapshot)
    const lambdaDir = `${dataDir}-lambda`;
    cpSync(dataDir, lambdaDir, { recursive: true });
    try {
      progress(`digest scale: ${perWeek.toLocaleString('en-GB')} signals a week, the digest (own process)`);
      figure.loadAverage.digest = load();
      const digested = await runStep<DigestStepFigures>({
        ...base,
        step: 'digest',
        resultFile: join(workDir, `digest-${perWeek}.json`),
      });
      if (digested.figures === undefined) {
        figure.failed = { step: 'digest', afterMs: digested.ms, reason: digested.reason ?? '' };
        continue;
      }
      figure.digest = digested.figures;
      progress(
        `digest scale: ${perWeek.toLocaleString('en-GB')} signals a week, the digest as the Lambda runs it (the table in another process)`,
      );
      const served = await serveTable({
        ...base,
        dataDir: lambdaDir,
        step: 'serve',
        resultFile: join(workDir, 'serve.json'),
      });
      if (served.url === undefined) {
        figure.failed = { step: 'serve', afterMs: served.ms, reason: served.reason ?? '' };
        continue;
      }
      try {
        const remote = await runStep<DigestStepFigures>({
          ...base,
          dataDir: lambdaDir,
          step: 'digest',
          tableUrl: served.url,
          resultFile: join(workDir, `lambda-digest-${perWeek}.json`),
        });
        if (remote.figures === undefined)
          figure.failed = { step: 'digest', afterMs: remote.ms, reason: remote.reason ?? '' };
        else figure.lambdaDigest = remote.figures;
      } finally {
        await served.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(lambdaDir, { recursive: true, force: true });
    }
  }
  return results;
}

/** Starts the serve step in a child process; resolves once it listens, with how to stop it. */
async function serveTable(
  args: ScaleProcessArguments,
): Promise<{ url?: string; ms: number; reason?: string; stop(): Promise<void> }> {
  const started = performance.now();
  rmSync(args.resultFile, { force: true });
  const child = await spawnStep(args);
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-2_000);
  });
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const stop = async () => {
    if (!gone) child.kill('SIGTERM');
    await exited;
  };
  while (!gone) {
    try {
      const { url } = JSON.parse(readFileSync(args.resultFile, 'utf8')) as { url: string };
      return { url, ms: performance.now() - started, stop };
    } catch {
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
  return { ms: performance.now() - started, reason: tail.trim().split('\n').slice(-3).join(' | '), stop };
}

const n = (value: number) => Math.round(value).toLocaleString('en-GB');
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface DigestScaleOutcome {
  target: string;
  measured: string;
  met: boolean;
}

/** The scale figures against the targets; a target whose scales were not all measured is not met, and says so. */
export function digestScaleOutcomes(results: DigestScaleResults): DigestScaleOutcome[] {
  type Which = 'digest' | 'lambdaDigest';
  const measured = results.scales.filter((scale) => scale.digest !== undefined && scale.lambdaDigest !== undefined);
  const first = measured.find((scale) => scale.signalsPerWeek === 1_000);
  const top = measured.find((scale) => scale.signalsPerWeek === DIGEST_SCALE_TARGETS.atSignalsPerWeek);
  const of = (scale: DigestScaleFigure, which: Which) => scale[which] as DigestStepFigures;
  const ratios = (which: Which, figure: (digest: DigestStepFigures) => number) =>
    first === undefined
      ? 'not measured at 1,000 a week'
      : measured
          .filter((scale) => scale !== first)
          .map(
            (scale) =>
              `${n(scale.signalsPerWeek / 1000)}k/1k ${(figure(of(scale, which)) / figure(of(first, which))).toFixed(2)}x`,
          )
          .join(', ') || 'only 1,000 a week measured';
  const flat = (which: Which, figure: (digest: DigestStepFigures) => number) =>
    first !== undefined &&
    top !== undefined &&
    measured.every((scale) => figure(of(scale, which)) / figure(of(first, which)) <= DIGEST_SCALE_TARGETS.flatRatio);
  const missing = top === undefined ? `; 100,000 a week ${failureOf(results) ?? 'not run'}` : '';
  const time = (digest: DigestStepFigures) => digest.ms;
  const peak = (digest: DigestStepFigures) => digest.peakRssBytes;
  const notMeasured = `not measured (${failureOf(results) ?? 'not run'})`;
  return [
    {
      target: `digest time flat within ${DIGEST_SCALE_TARGETS.flatRatio}x from 1k to 100k signals a week`,
      measured:
        `in local mode's process ${ratios('digest', time)}; as the Lambda runs it (the table in another process) ` +
        `${ratios('lambdaDigest', time)}${missing}`,
      met: flat('digest', time) && flat('lambdaDigest', time),
    },
    {
      target: `digest peak RSS flat within ${DIGEST_SCALE_TARGETS.flatRatio}x from 1k to 100k signals a week, as the Lambda runs it`,
      measured:
        `${ratios('lambdaDigest', peak)}; in local mode's process, which also holds the keys of the local table: ` +
        `${ratios('digest', peak)}${missing}`,
      met: flat('lambdaDigest', peak),
    },
    {
      target:
        'alert detection judges by the same rollups at every scale (only the posts an alert quotes are read one by one)',
      measured: alertsMeasured(measured),
      met:
        first !== undefined &&
        top !== undefined &&
        (['digest', 'lambdaDigest'] as const).every((which) =>
          measured.every(
            (scale) =>
              of(scale, which).alerts !== undefined && rollupsRead(of(scale, which)) === rollupsRead(of(first, which)),
          ),
        ),
    },
    {
      target: `digest at 100k signals a week < ${n(DIGEST_SCALE_TARGETS.ms / 1000)} s`,
      measured: top
        ? `${seconds(of(top, 'digest').ms)} in local mode's process, ${seconds(of(top, 'lambdaDigest').ms)} as the Lambda runs it`
        : notMeasured,
      met: top !== undefined && Math.max(of(top, 'digest').ms, of(top, 'lambdaDigest').ms) < DIGEST_SCALE_TARGETS.ms,
    },
    {
      target: `digest at 100k signals a week <= ${mb(DIGEST_SCALE_TARGETS.rssBytes)} (the digest Lambda's memory)`,
      measured: top
        ? `${mb(of(top, 'lambdaDigest').peakRssBytes)} peak as the Lambda runs it; ${mb(of(top, 'digest').peakRssBytes)} in ` +
          `local mode's process, ${mb(of(top, 'digest').rssBeforeBytes)} of it the opened local table, node and the modules`
        : notMeasured,
      met: top !== undefined && of(top, 'lambdaDigest').peakRssBytes <= DIGEST_SCALE_TARGETS.rssBytes,
    },
  ];
}

/** The rollups one alert detection read. */
const rollupsRead = (digest: DigestStepFigures) => digest.alerts?.storeCalls.rollupsOf?.items ?? -1;

/** Per scale, as the Lambda runs it: the rollups detection read, and its time against 1,000 a week's. */
function alertsMeasured(measured: readonly DigestScaleFigure[]): string {
  const first = measured[0]?.lambdaDigest?.alerts;
  return (
    measured
      .map((scale) => {
        const alerts = scale.lambdaDigest?.alerts;
        if (alerts === undefined) return `${n(scale.signalsPerWeek / 1000)}k not measured`;
        const ratio = first === undefined ? '' : ` (${(alerts.ms / first.ms).toFixed(2)}x)`;
        return `${n(scale.signalsPerWeek / 1000)}k ${n(alerts.storeCalls.rollupsOf?.items ?? 0)} rollups in ${n(Math.round(alerts.ms))} ms${ratio}`;
      })
      .join(', ') || 'not measured'
  );
}

function failureOf(results: DigestScaleResults): string | undefined {
  const top = results.scales.find((scale) => scale.signalsPerWeek === DIGEST_SCALE_TARGETS.atSignalsPerWeek);
  return top?.failed ? `its ${top.failed.step} failed after ${seconds(top.failed.afterMs)}` : undefined;
}

const kindsOf = (digest: DigestStepFigures) =>
  Object.entries(digest.divergenceKinds ?? {})
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ') || 'none';

/** One digest's figures: time, memory, what it found, and its slowest store calls. */
function digestLines(label: string, digest: DigestStepFigures, loadAverage: number | null): string[] {
  const calls = Object.entries(digest.storeCalls ?? {}).sort((a, b) => b[1].ms - a[1].ms);
  const inCalls = calls.reduce((sum, [, call]) => sum + call.ms, 0);
  return [
    `           ${label} ${seconds(digest.ms)} (${seconds(digest.cpuMs)} CPU), peak RSS ${mb(digest.peakRssBytes)} ` +
      `(${mb(digest.rssBeforeBytes)} when it started, the store open: the digest's own growth ${mb(digest.peakRssBytes - digest.rssBeforeBytes)}` +
      (digest.peakAnonymousBytes === null ? '' : `; anonymous memory peaked at ${mb(digest.peakAnonymousBytes)}`) +
      (digest.fileBytesAtPeak === null ? '' : `, mapped files ${mb(digest.fileBytesAtPeak)} at the peak`) +
      `); store opened in ${seconds(digest.openMs)}; ${n(digest.weekSignals)} signals in the week, ` +
      `${digest.values} values, ${digest.divergences} divergences (${kindsOf(digest)}), ${digest.files} files` +
      (loadAverage === null ? '' : `; load average ${loadAverage}`),
    `           of which store calls ${seconds(inCalls)}: ` +
      calls
        .slice(0, 5)
        .map(([method, call]) => `${method} ${seconds(call.ms)} (${n(call.calls)} calls, ${n(call.items)} items)`)
        .join(', '),
    ...(digest.alerts === undefined ? [] : [alertLine(digest.alerts)]),
  ];
}

/** The alert detection after the digest: its time, what fired, and its store calls. */
function alertLine(alerts: AlertStepFigures): string {
  const fired =
    Object.entries(alerts.kinds)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ') || 'none';
  const calls = Object.entries(alerts.storeCalls)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([method, call]) => `${method} ${n(Math.round(call.ms))} ms (${n(call.calls)} calls, ${n(call.items)} items)`)
    .join(', ');
  return `           alert detection at the same clock: ${n(Math.round(alerts.ms))} ms (${n(Math.round(alerts.cpuMs))} ms CPU), fired: ${fired}; store calls: ${calls}`;
}

/** The figures of each scale, then (unless the caller lists the targets itself) each target met or missed. */
export function formatDigestScale(results: DigestScaleResults, withTargets = true): string[] {
  const lines = [
    `Digest at scale: a synthetic brand (5 values, 5 sources) over 12 weeks, digest of ${results.week}, each scale in a local store ` +
      `of its own (local mode's table on disk); populating and the digest each in a process of their own.`,
    `  weeks 1-7 hold only their rollups, which is all the digest reads of them (and the brand's ${results.statementsPerWeek} ` +
      'statements a week, which it reads for all 12 weeks); weeks 8-12 are stored as the pipeline stores them ' +
      '(saveNewSignals, storeScores, compaction).',
  ];
  for (const scale of results.scales) {
    const { populate, digest } = scale;
    const head = `  ${n(scale.signalsPerWeek).padStart(7)} a week:`;
    if (populate === undefined) {
      lines.push(
        `${head} populating FAILED after ${seconds(scale.failed?.afterMs ?? 0)}: ${scale.failed?.reason ?? ''}`,
      );
      continue;
    }
    lines.push(
      `${head} ${n(populate.storedSignals)} signals stored one by one (${n(populate.scores)} scores, ${n(populate.mentions)} mentions), ` +
        `${n(populate.rollupOnlySignals)} counted only in rollups, ${n(populate.rollups)} rollups; populated in ${seconds(populate.ms)} ` +
        `(rollup weeks ${seconds(populate.rollupWeeksMs)}, full weeks ${seconds(populate.fullWeeksMs)}), ` +
        `${mb(populate.dataDirBytes)} on disk, populating process peak ${mb(populate.maxRssBytes)}; load average ${scale.loadAverage.populate}; ` +
        `then review bursts searched as \`congruence score\` does when done: ${n(populate.burstSearch.days)} days, ` +
        `${n(populate.burstSearch.reviewsRead)} top-rated reviews, ${n(populate.burstSearch.bursts)} bursts, in ${seconds(populate.burstSearch.ms)}`,
    );
    if (digest === undefined) {
      lines.push(
        `           digest FAILED after ${seconds(scale.failed?.afterMs ?? 0)}: ${scale.failed?.reason ?? ''}`,
      );
      continue;
    }
    lines.push(...digestLines('digest', digest, scale.loadAverage.digest));
    if (scale.lambdaDigest === undefined) {
      lines.push(
        `           as the Lambda runs it: FAILED (${scale.failed?.step ?? ''}) after ${seconds(scale.failed?.afterMs ?? 0)}: ${scale.failed?.reason ?? ''}`,
      );
      continue;
    }
    lines.push(...digestLines('as the Lambda runs it (the table served by another process)', scale.lambdaDigest, null));
  }
  if (!withTargets) return lines;
  lines.push('  against the targets:');
  for (const outcome of digestScaleOutcomes(results))
    lines.push(`    ${outcome.met ? 'met   ' : 'MISSED'} ${outcome.target}: ${outcome.measured}`);
  return lines;
}

// Run on its own: npx tsx bench/digest-scale.ts --scales 1000,10000
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: { scales: { type: 'string', default: DEFAULT_SCALES.join(',') }, out: { type: 'string' } },
  });
  const workDir = mkdtempSync(join(tmpdir(), 'congruence-digest-scale-'));
  try {
    const results = await benchDigestScale(parseScales(values.scales), workDir);
    process.stdout.write(`\n${formatDigestScale(results).join('\n')}\n`);
    if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
