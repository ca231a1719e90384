// `congruence rebuild-rollups`: recomputes the weekly rollups the digest reads from the stored scores
// and value mentions. Needed after digest.timezone changes (the weeks are cut in it); harmless at
// any time, since it gives the figures scoring gave.
import { analyzerIdentityFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { loadProfile } from '#adapters/config/load-profile';
import { rebuildRollups, type RebuildReport } from '#app/rollups';
import { analyzerKey } from '#domain/analyzer';
import { EXIT } from './exit-codes';
import { openLocalStore } from './local-store';
import { createProgress, type Progress } from './progress';

export interface RebuildRollupsCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  json?: boolean;
}

export async function runRebuildRollups(options: RebuildRollupsCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const analyzer = analyzerKey(analyzerIdentityFor(options.analyzer));
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let progress: Progress | undefined;
  let report: RebuildReport;
  try {
    report = await rebuildRollups(local.store, profile, analyzer, (done, total) => {
      if (options.json) return;
      progress ??= createProgress(total, 'weeks');
      progress.update(done, 'rebuilding rollups');
    });
  } finally {
    progress?.stop();
    await local.close();
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : rebuildSummary(report, profile.digest.timezone),
  );
  return EXIT.ok;
}

export function rebuildSummary(report: RebuildReport, zone: string): string {
  if (report.weeks === 0) return `No signals stored: no rollups to rebuild for ${report.analyzer}.\n`;
  return (
    `Rebuilt ${report.rollups} weekly rollups of ${report.weeks} weeks (${zone}) for ${report.analyzer}, ` +
    `from ${report.scoredSignals} scored signals and ${report.mentions} value mentions.\n`
  );
}
