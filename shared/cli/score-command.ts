// `congruence score`: scores every stored signal not yet scored by the chosen analyzer version,
// with progress on a terminal and a summary of what was scored, skipped and (would be) billed.
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { loadProfile } from '#adapters/config/load-profile';
import { analyzerFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { type ReviewBurstStore, searchWeeksForReviewBursts } from '#app/review-bursts';
import { score, type ScoreReport } from '#app/score';
import type { ScoreStore } from '#domain/ports';
import type { Profile } from '#domain/profile';
import type { Analyzer } from '#domain/analyzer';
import { EXIT } from './exit-codes';
import { openLocalStore, type LocalStore } from './local-store';
import { createProgress, type Progress } from './progress';

export interface ScoreCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  json?: boolean;
}

/**
 * Runs `work` with the analyzer and the local store, and closes both whatever happens: a pool's
 * threads or an open store must never keep the process alive after the command is done.
 */
export async function withAnalyzerAndStore<T>(
  analyzerName: AnalyzerName,
  dataDir: string,
  brandId: string,
  work: (analyzer: Analyzer, local: LocalStore) => Promise<T>,
): Promise<T> {
  const analyzer = analyzerFor(analyzerName);
  try {
    const local = await openLocalStore(dataDir, brandId);
    try {
      return await work(analyzer, local);
    } finally {
      await local.close();
    }
  } finally {
    await analyzer.close?.();
  }
}

export async function runScore(options: ScoreCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const report = await withAnalyzerAndStore(options.analyzer, options.dataDir, profile.brand.id, (analyzer, local) =>
    scoreWithProgress(profile, local.store, analyzer, options),
  );
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return scoreExitCode(report);
}

export function scoreExitCode(report: ScoreReport): number {
  return report.failed > 0 ? EXIT.sourcesFailed : EXIT.ok;
}

/** Scores with a progress bar on a terminal and prints the summary; prints nothing with `json`. */
export async function scoreWithProgress(
  profile: Profile,
  store: ScoreStore & ReviewBurstStore,
  analyzer: Analyzer,
  options: { json?: boolean },
): Promise<ScoreReport> {
  let progress: Progress | undefined;
  try {
    const report = await score(
      profile,
      // the local store has one user at a time: a batch left open is from a run that stopped
      { store, analyzer, wordVectors: bundledWordVectors(), wordSenses: bundledWordSenses(), openBatchGraceMs: 0 },
      {
        batchSize: analyzer.name === 'comprehend' ? 25 : 200,
        onProgress: options.json
          ? undefined
          : (done, total) => {
              progress ??= createProgress(total, 'signals');
              progress.update(done, 'scoring');
            },
      },
    );
    // the digest then reads the review bursts of the weeks scored as found, instead of every review
    await searchWeeksForReviewBursts(store, profile, report.analyzer, report.weeks, new Date());
    progress?.stop();
    if (!options.json) process.stdout.write(scoreSummary(report));
    return report;
  } finally {
    progress?.stop();
  }
}

export function scoreSummary(report: ScoreReport): string {
  const lines = [
    `Scored ${report.scored} signal${report.scored === 1 ? '' : 's'} with ${report.analyzer} ` +
      `(${report.sentences} value sentences); ${report.alreadyScored} already scored, not sent again.`,
  ];
  if (report.scored > 0) {
    const mentions = Object.entries(report.mentionsByValue).map(([value, count]) => `${value} ${count}`);
    lines.push(`  value mentions: ${mentions.join(', ')}`);
    const theirs = Object.entries(report.mentionsByCompetitor).map(([competitor, count]) => `${competitor} ${count}`);
    if (theirs.length > 0) lines.push(`  competitors' value mentions: ${theirs.join(', ')}`);
  }
  // Every signal looked at is scored, already scored, or here with its reason: the counts add up.
  const notScored = report.notScored.reduce((sum, each) => sum + each.count, 0);
  if (notScored > 0) {
    lines.push(
      `  Of ${report.signals} signal${report.signals === 1 ? '' : 's'} looked at, ${notScored} ${notScored === 1 ? 'was' : 'were'} not scored:`,
    );
    for (const { count, reason } of report.notScored) lines.push(`    ${count} ${reason}`);
  }
  const billed = Object.entries(report.cost.units);
  if (billed.length > 0) {
    const total = billed.reduce((sum, [, units]) => sum + units, 0);
    const calls = Object.values(report.cost.calls).reduce((sum, count) => sum + count, 0);
    lines.push(
      `  Comprehend: ${calls} calls, ${total} billable units (${billed.map(([api, units]) => `${api} ${units}`).join(', ')})`,
    );
  } else if (report.scored > 0) {
    lines.push(`  Amazon Comprehend would bill about ${report.estimatedComprehendUnits} units for these signals.`);
  }
  // a signal about the brand is the brand's, whoever else it names; one about competitors only is theirs
  const byEntity = Object.entries(report.comprehendUnitsByEntity);
  if (report.scored > 0 && byEntity.length > 1) {
    const benchmarking = byEntity.slice(1).reduce((sum, [, units]) => sum + units, 0);
    lines.push(
      `  Comprehend units by entity: ${byEntity.map(([entity, units]) => `${entity} ${roundUnits(units)}`).join(', ')}; ` +
        `the competitors' ${percentOf(benchmarking, report.estimatedComprehendUnits)} is what benchmarking costs.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Units as a whole number, or with one decimal when shared between competitors. */
function roundUnits(units: number): string {
  return Number.isInteger(units) ? String(units) : units.toFixed(1);
}

function percentOf(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}
