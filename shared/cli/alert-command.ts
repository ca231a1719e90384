// `congruence alert`: what fires now (or at --at), detected from the local store's weekly rollups
// (app/alerts.ts), printed with the numbers, quotes and where to look first. Sending alerts to
// Slack, Teams, webhooks and e-mail is not built yet: the command prints them (docs/alerts.md).
import { InvalidArgumentError } from 'commander';
import { analyzerIdentityFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { loadProfile } from '#adapters/config/load-profile';
import { type AlertDetection, detectAlerts, type SurgeAlert } from '#app/alerts';
import type { Sensitivity } from '#domain/alerts/negative-surge';
import { alertSummary } from '#adapters/alerts/messages';
import { dateWording, quoted } from '#domain/alignment/wording';
import { analyzerKey } from '#domain/analyzer';
import { EXIT } from './exit-codes';
import { openLocalStore } from './local-store';

export interface AlertCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  /** When detection runs as if it were (default: now). */
  at?: Date;
  /** profile.alerts.sensitivity when absent. */
  sensitivity?: Sensitivity;
  /** profile.alerts.windowHours when absent. */
  hours?: number;
  json?: boolean;
}

/** Parses --at: an ISO 8601 instant with its offset, e.g. 2026-11-23T06:00:00Z. */
export function instant(value: string): Date {
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(parsed))
    throw new InvalidArgumentError(`expected an instant such as 2026-11-23T06:00:00Z, got "${value}".`);
  return new Date(parsed);
}

export async function runAlert(options: AlertCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const analyzer = analyzerKey(analyzerIdentityFor(options.analyzer));
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let detection: AlertDetection;
  try {
    detection = await detectAlerts(local.store, profile, analyzer, {
      now: options.at ?? new Date(),
      ...(options.sensitivity !== undefined ? { sensitivity: options.sensitivity } : {}),
      ...(options.hours !== undefined ? { windowHours: options.hours } : {}),
    });
  } finally {
    await local.close();
  }
  process.stdout.write(
    options.json
      ? `${JSON.stringify(detection, null, 2)}\n`
      : alertText(detection, profile.digest.timezone, profile.thresholds.confidence),
  );
  return EXIT.ok;
}

export function alertText(detection: AlertDetection, zone: string, confidence: number): string {
  const dates = dateWording(zone);
  const at = (iso: string) => `${dates.day(Date.parse(iso))} ${dates.time(Date.parse(iso))}`;
  const lines = [
    `Alerts for ${detection.brand}, sensitivity ${detection.sensitivity}, as of ${at(detection.at)} (${zone}):`,
  ];
  if (detection.alerts.length === 0)
    lines.push(
      `  none: no value’s negative mentions surged on any channel in the last ${detection.windowHours} hours.`,
    );
  for (const alert of detection.alerts) lines.push(...alertLines(alert, at, zone, confidence));
  lines.push('  Printed only: sending alerts to Slack, Teams, webhooks and e-mail is not built yet (docs/alerts.md).');
  return `${lines.join('\n')}\n`;
}

function alertLines(alert: SurgeAlert, at: (iso: string) => string, zone: string, confidence: number): string[] {
  const lines = [`  ! ${alertSummary(alert, { zone, confidence })}`, `    Promise: ${alert.value.promise}`];
  for (const quote of alert.quotes)
    lines.push(
      `    ${quoted(quote.quote)} (${quote.sourceId}, ${at(quote.publishedAt)})${quote.url ? ` ${quote.url}` : ''}`,
    );
  lines.push(`    Check first: ${alert.checkFirst}`);
  return lines;
}
