// `congruence ingest`: reads every source of the profile into the local store, with a progress bar
// on a terminal, one summary line per source, and --json for machines.
import { loadProfile } from '#adapters/config/load-profile';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { ingest, type IngestReport, type SourceReport } from '#app/ingest';
import type { SignalStore } from '#domain/ports';
import type { Profile } from '#domain/profile';
import { EXIT } from './exit-codes';
import { LOCAL_MODE_HOSTS } from './local-mode-hosts';
import { openLocalStore } from './local-store';
import { createProgress } from './progress';

export interface IngestCommandOptions {
  config: string;
  dataDir: string;
  source?: string[];
  json?: boolean;
}

export async function runIngest(options: IngestCommandOptions): Promise<number> {
  const { profile, baseDir } = loadProfile(options.config);
  const unknown = (options.source ?? []).filter((id) => !profile.sources.some((source) => source.id === id));
  if (unknown.length > 0) {
    const known = profile.sources.map((source) => source.id).join(', ');
    process.stderr.write(
      `congruence: no source ${unknown.map((id) => `"${id}"`).join(', ')} in ${options.config}; sources: ${known}\n`,
    );
    return EXIT.usage;
  }
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let report: IngestReport;
  try {
    report = await ingestWithProgress(profile, baseDir, local.store, { ...options, sourceIds: options.source });
  } finally {
    await local.close();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return ingestExitCode(report);
}

export function ingestExitCode(report: IngestReport): number {
  return report.totals.failed > 0 ? EXIT.sourcesFailed : EXIT.ok;
}

/** Ingests with a progress bar and a line per source on a terminal; prints nothing with `json`. */
export async function ingestWithProgress(
  profile: Profile,
  baseDir: string,
  store: SignalStore,
  options: { sourceIds?: string[]; json?: boolean; dataDir: string },
): Promise<IngestReport> {
  const sourceCount = options.sourceIds?.length ?? profile.sources.length;
  const progress = options.json ? undefined : createProgress(sourceCount, 'sources');
  if (!options.json)
    process.stdout.write(`Ingesting ${sourceCount} sources for ${profile.brand.name} (data in ${options.dataDir})\n`);
  let finished = 0;
  try {
    const report = await ingest(
      profile,
      {
        store,
        connectorFor: connectorRegistry({ baseDir, allowHosts: [...LOCAL_MODE_HOSTS, ...profile.network.allowHosts] }),
      },
      {
        sourceIds: options.sourceIds,
        onEvent: (event) => {
          if (!progress) return;
          if (event.type === 'source-started') progress.update(finished, event.sourceId);
          else {
            finished++;
            progress.log(sourceLine(event.report));
            progress.update(finished, '');
          }
        },
      },
    );
    if (!options.json) process.stdout.write(`${totalsLine(report)}\n`);
    return report;
  } finally {
    progress?.stop();
  }
}

/** The source's summary line, then one line per warning, indented under it. */
export function sourceLine(report: SourceReport): string {
  return [summaryLine(report), ...report.warnings.map((warning) => `    warning: ${warning.message}`)].join('\n');
}

function summaryLine(report: SourceReport): string {
  const name = report.sourceId.padEnd(18);
  if (report.outcome === 'failed') return `  ${name} failed     ${report.error?.message ?? ''}`;
  if (report.outcome === 'unchanged') return `  ${name} unchanged  nothing new since the last run`;
  const dropped = [
    report.alreadyStored > 0 ? `${report.alreadyStored} already stored` : '',
    report.offBrand > 0 ? `${report.offBrand} not about the brand` : '',
    report.filtered > 0 ? `${report.filtered} filtered out` : '',
    report.duplicatesInFeed > 0 ? `${report.duplicatesInFeed} duplicates` : '',
    report.unreadable > 0 ? `${report.unreadable} unreadable` : '',
    report.undated > 0 ? `${report.undated} undated (dated at fetch time)` : '',
    report.unreadableDates > 0
      ? `${report.unreadableDates} ${report.unreadableDates === 1 ? 'date' : 'dates'} unreadable`
      : '',
  ].filter(Boolean);
  const seconds = (report.durationMs / 1000).toFixed(1);
  const redacted = report.redacted > 0 ? ` (${report.redacted} with personal data redacted)` : '';
  return `  ${name} new        ${report.items} items, ${report.new} new${redacted}${dropped.length > 0 ? `; ${dropped.join(', ')}` : ''}  (${seconds} s)`;
}

function totalsLine(report: IngestReport): string {
  const { totals } = report;
  return (
    `Stored ${totals.newSignals} new signal${totals.newSignals === 1 ? '' : 's'} from ${totals.sources} sources: ` +
    `${totals.new} with new items, ${totals.unchanged} unchanged, ${totals.failed} failed.`
  );
}
