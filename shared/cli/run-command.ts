// `congruence run`: the main job, end to end on one local store: ingest every source, score what
// is new, write the weekly digest, and check the alerts of the last hours (sent to alerts.channels).
import { loadProfile } from '#adapters/config/load-profile';
import { alertsAsOf } from '#app/alerts';
import { dateWording } from '#domain/alignment/wording';
import { analyzerKey } from '#domain/analyzer';
import { alertsExitCode, alertsJson, checkAlerts } from './alert-command';
import { sesSending, weekOptionsProblem, writeDigest } from './digest-command';
import { EXIT } from './exit-codes';
import { ingestExitCode, ingestWithProgress } from './ingest-command';
import type { AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { scoreExitCode, scoreWithProgress, withAnalyzerAndStore } from './score-command';

export interface RunCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  outDir: string;
  week?: string;
  json?: boolean;
  send?: boolean;
}

export async function runAll(options: RunCommandOptions): Promise<number> {
  const { profile, baseDir } = loadProfile(options.config);
  const problem = weekOptionsProblem(options);
  if (problem) {
    process.stderr.write(`congruence: ${problem}\n`);
    return EXIT.usage;
  }
  return withAnalyzerAndStore(options.analyzer, options.dataDir, profile.brand.id, async (analyzer, local) => {
    // With --json, each step's own printing is off and one combined report is printed at the end.
    const quiet = { ...options, json: true };
    const ingested = await ingestWithProgress(profile, baseDir, local.store, options.json ? quiet : options);
    const scored = await scoreWithProgress(profile, local.store, analyzer, options.json ? quiet : options);
    const digest = await writeDigest(profile, local.store, {
      ...options,
      analyzer: analyzerKey(analyzer),
      json: false,
      silent: options.json === true,
      sending: options.send ? await sesSending() : undefined,
    });
    // then the alerts of the last hours (of the newest data, for an import of the past)
    const asOf = await alertsAsOf(local.store, profile, new Date());
    const dates = dateWording(profile.digest.timezone);
    const alerts = await checkAlerts(profile, local.store, analyzerKey(analyzer), {
      at: asOf.at,
      ...(asOf.newest === undefined
        ? {}
        : {
            note: `the newest data is from ${dates.day(Date.parse(asOf.newest))} ${dates.time(Date.parse(asOf.newest))}: the alerts of its last hours`,
          }),
    });
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ ingest: ingested, score: scored, digest: { files: digest.files, sent: digest.sent, sendError: digest.sendError, posted: digest.posted, week: digest.result.chosen, model: digest.result.model }, alerts: alertsJson(alerts) }, null, 2)}\n`,
      );
    } else process.stdout.write(alerts.text);
    return Math.max(
      ingestExitCode(ingested),
      scoreExitCode(scored),
      digest.sendError === undefined && !digest.summaryFailed ? EXIT.ok : EXIT.notSent,
      alertsExitCode(alerts),
    );
  });
}
