// `congruence score`: scores every stored signal not yet scored by the chosen analyzer version,
// with progress on a terminal and a summary of what was scored, skipped and (would be) billed.
import { loadProfile } from '../adapters/config/load-profile';
import { createComprehendAnalyzer } from '../adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '../adapters/analyzers/comprehend/comprehend-client';
import { createLocalAnalyzer } from '../adapters/analyzers/local/local-analyzer';
import { createLocalAnalyzerPool, hasSeveralCores } from '../adapters/analyzers/local/local-analyzer-pool';
import { score, type ScoreReport, type ScoreStore } from '../app/score';
import type { Profile } from '../domain/profile';
import type { Analyzer } from '../domain/analyzer';
import { EXIT } from './exit-codes';
import { openLocalStore } from './local-store';
import { createProgress, type Progress } from './progress';

export const ANALYZERS = ['local', 'comprehend'] as const;
export type AnalyzerName = (typeof ANALYZERS)[number];

export interface ScoreCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  json?: boolean;
}

export function analyzerFor(name: AnalyzerName): Analyzer {
  if (name === 'comprehend') return createComprehendAnalyzer({ client: createComprehendClient() });
  // On several cores a long scoring run moves to worker threads, with the same scores; a short one
  // never starts them (see local-analyzer-pool.ts).
  return hasSeveralCores() ? createLocalAnalyzerPool() : createLocalAnalyzer();
}

export async function runScore(options: ScoreCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const analyzer = analyzerFor(options.analyzer);
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let report: ScoreReport;
  try {
    report = await scoreWithProgress(profile, local.store, analyzer, options);
  } finally {
    await local.close();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return scoreExitCode(report);
}

export function scoreExitCode(report: ScoreReport): number {
  return report.failed > 0 ? EXIT.sourcesFailed : EXIT.ok;
}

/** Scores with a progress bar on a terminal and prints the summary; prints nothing with `json`. */
export async function scoreWithProgress(
  profile: Profile,
  store: ScoreStore,
  analyzer: Analyzer,
  options: { json?: boolean },
): Promise<ScoreReport> {
  let progress: Progress | undefined;
  try {
    const report = await score(profile, { store, analyzer }, {
      batchSize: analyzer.name === 'comprehend' ? 25 : 200,
      onProgress: options.json
        ? undefined
        : (done, total) => {
            progress ??= createProgress(total, 'signals');
            progress.update(done, 'scoring');
          },
    });
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
  }
  if (report.offBrand > 0) lines.push(`  not about the brand: ${report.offBrand} (skipped)`);
  for (const [reason, count] of Object.entries(report.skipped)) lines.push(`  skipped ${count}: ${reason}`);
  if (report.failed > 0) lines.push(`  failed ${report.failed}: not scored this time; they are retried next run`);
  const billed = Object.entries(report.cost.units);
  if (billed.length > 0) {
    const total = billed.reduce((sum, [, units]) => sum + units, 0);
    const calls = Object.values(report.cost.calls).reduce((sum, count) => sum + count, 0);
    lines.push(`  Comprehend: ${calls} calls, ${total} billable units (${billed.map(([api, units]) => `${api} ${units}`).join(', ')})`);
  } else if (report.scored > 0) {
    lines.push(`  Amazon Comprehend would bill about ${report.estimatedComprehendUnits} units for these signals.`);
  }
  return `${lines.join('\n')}\n`;
}
