// `congruence run`: the main job, end to end on one local store: ingest every source, then score
// what is new.
import { loadProfile } from '../adapters/config/load-profile';
import { EXIT } from './exit-codes';
import { ingestExitCode, ingestWithProgress } from './ingest-command';
import { openLocalStore } from './local-store';
import { analyzerFor, scoreExitCode, scoreWithProgress, type AnalyzerName } from './score-command';

export interface RunCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  json?: boolean;
}

export async function runAll(options: RunCommandOptions): Promise<number> {
  const { profile, baseDir } = loadProfile(options.config);
  const analyzer = analyzerFor(options.analyzer);
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  try {
    const ingested = await ingestWithProgress(profile, baseDir, local.store, options);
    const scored = await scoreWithProgress(profile, local.store, analyzer, options);
    if (options.json) process.stdout.write(`${JSON.stringify({ ingest: ingested, score: scored }, null, 2)}\n`);
    return Math.max(ingestExitCode(ingested), scoreExitCode(scored), EXIT.ok);
  } finally {
    await local.close();
  }
}
