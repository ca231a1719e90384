// `congruence alert`: what fires now (or at --at), detected from the local store's weekly rollups
// (app/alerts.ts), printed with the numbers, quotes and where to look first, and sent to the
// profile's alerts.channels (Slack, Teams, a signed webhook, e-mail through SES) unless --dry-run.
// Webhook addresses and secrets come from the environment variables the channels name. Exit code 1 when a destination
// could not be reached: the alert stays due, and the next run sends it (docs/alerts.md).
import { InvalidArgumentError } from 'commander';
import {
  type AlertContext,
  alertSummary,
  alertTitle,
  atWording,
  PHRASES_LABEL,
  phrasesText,
} from '#adapters/alerts/messages';
import { alertSender, type SenderOptions } from '#adapters/alerts/sender';
import { analyzerIdentityFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { loadProfile } from '#adapters/config/load-profile';
import {
  type AlertReplay,
  MAX_REPLAY_DAYS,
  replayAlerts,
  type AlertDetection,
  type AlertSender,
  type AlertSending,
  type AlertStore,
  detectAlerts,
  sendAlerts,
  type Alert,
  type ReplayedAlert,
  valueIdOf,
} from '#app/alerts';
import type { AlertRepository } from '#domain/ports';
import type { Sensitivity } from '#domain/alerts/negative-surge';
import { channelPlace, percent, quoted } from '#domain/alignment/wording';
import { SENSITIVITIES } from '#domain/alerts/settings';
import { utcDayAfter } from '#domain/alignment/review-bursts';
import { localDayStart } from '#domain/iso-week';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { EXIT } from './exit-codes';
import { LOCAL_MODE_HOSTS } from './local-mode-hosts';
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
  /** Detect and print, send nothing. */
  dryRun?: boolean;
  /** Run detection at every hour of --from..--to (local days, both included) and list what would have been sent. */
  replay?: boolean;
  from?: string;
  to?: string;
  json?: boolean;
}

/** Why the options do not go together, or undefined. */
export function alertOptionsProblem(
  options: Pick<AlertCommandOptions, 'replay' | 'from' | 'to' | 'at'>,
): string | undefined {
  if (options.replay) {
    if (options.from === undefined || options.to === undefined)
      return '--replay needs --from and --to, the first and last day replayed, e.g. --from 2026-11-01 --to 2026-11-22';
    if (options.at !== undefined) return '--replay runs at every hour of --from..--to: leave out --at';
  } else if (options.from !== undefined || options.to !== undefined)
    return '--from and --to go with --replay (e.g. congruence alert --replay --from 2026-11-01 --to 2026-11-22)';
  return undefined;
}

/** Parses --at: an ISO 8601 instant with its offset, e.g. 2026-11-23T06:00:00Z. */
export function instant(value: string): Date {
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(parsed))
    throw new InvalidArgumentError(`expected an instant such as 2026-11-23T06:00:00Z, got "${value}".`);
  return new Date(parsed);
}

/** Sends to a destination with the address and secret its environment variables hold. */
export function environmentSender(
  profile: Profile,
  context: AlertContext,
  environment: NodeJS.ProcessEnv = process.env,
  delivery: Pick<SenderOptions, 'sleep' | 'ses'> = {},
): AlertSender {
  return alertSender(profile, context, {
    addresses: environment,
    whereSet: (_name, what) => `export ${what} in it`,
    allowHosts: [...profile.network.allowHosts, ...LOCAL_MODE_HOSTS],
    ...delivery,
  });
}

export async function runAlert(options: AlertCommandOptions): Promise<number> {
  const problem = alertOptionsProblem(options);
  if (problem) {
    process.stderr.write(`congruence: ${problem}\n`);
    return EXIT.usage;
  }
  const { profile } = loadProfile(options.config);
  const analyzer = analyzerKey(analyzerIdentityFor(options.analyzer));
  if (options.replay) return runReplay(profile, analyzer, options);
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let checked: CheckedAlerts;
  try {
    checked = await checkAlerts(profile, local.store, analyzer, { ...options, at: options.at ?? new Date() });
  } finally {
    await local.close();
  }
  process.stdout.write(options.json ? `${JSON.stringify(alertsJson(checked), null, 2)}\n` : checked.text);
  return alertsExitCode(checked);
}

export interface CheckedAlerts {
  detection: AlertDetection;
  sending?: AlertSending;
  /** What a person reads: the alerts, and where each went. */
  text: string;
}

/** Detects the alerts as at `at` and, unless dryRun, sends them to the profile's channels. */
export async function checkAlerts(
  profile: Profile,
  store: AlertStore & AlertRepository,
  analyzer: string,
  options: Pick<AlertCommandOptions, 'sensitivity' | 'hours' | 'dryRun'> & { at: Date; note?: string },
): Promise<CheckedAlerts> {
  const detection = await detectAlerts(store, profile, analyzer, {
    now: options.at,
    ...(options.sensitivity !== undefined ? { sensitivity: options.sensitivity } : {}),
    ...(options.hours !== undefined ? { windowHours: options.hours } : {}),
  });
  let sending: AlertSending | undefined;
  if (!options.dryRun && profile.alerts.channels.length > 0) {
    const context: AlertContext = {
      brand: profile.brand.name,
      zone: profile.digest.timezone,
      confidence: profile.thresholds.confidence,
      detectedAt: detection.at,
    };
    sending = await sendAlerts(detection, profile, {
      store,
      send: environmentSender(profile, context),
      now: options.at,
    });
  }
  const text = alertText(detection, profile.digest.timezone, profile.thresholds.confidence, {
    ...(sending ? { sending } : {}),
    dryRun: options.dryRun === true,
    channels: profile.alerts.channels.length,
    ...(options.note ? { note: options.note } : {}),
  });
  return { detection, ...(sending ? { sending } : {}), text };
}

export function alertsJson(checked: CheckedAlerts) {
  return { ...checked.detection, ...(checked.sending ? { sending: sendingJson(checked.sending) } : {}) };
}

/** 1 when a destination could not be reached (the alert stays due), else 0. */
export function alertsExitCode(checked: Pick<CheckedAlerts, 'sending'>): number {
  return checked.sending !== undefined && checked.sending.failed > 0 ? EXIT.notSent : EXIT.ok;
}

/** The sending in JSON: each alert by its key, without repeating the detection. */
function sendingJson(sending: AlertSending) {
  return {
    outcomes: sending.outcomes.map(({ alert, ...outcome }) => ({
      ...outcome,
      kind: alert.kind,
      subject: alert.subject,
      valueId: valueIdOf(alert),
      channel: alert.channel,
    })),
    resolved: sending.resolved,
    failed: sending.failed,
  };
}

export interface SendingText {
  sending?: AlertSending;
  dryRun: boolean;
  /** How many channels the profile lists. */
  channels: number;
  /** Said after the heading, e.g. why detection ran as at another instant than now. */
  note?: string;
}

export function alertText(
  detection: AlertDetection,
  zone: string,
  confidence: number,
  delivery: SendingText = { dryRun: false, channels: 0 },
): string {
  const at = atWording(zone);
  const lines = [
    `Alerts for ${detection.brand}, sensitivity ${detection.sensitivity}, as of ${at(detection.at)} (${zone}):`,
  ];
  if (delivery.note) lines.push(`  (${delivery.note})`);
  if (detection.alerts.length === 0)
    lines.push(
      `  none: in the last ${detection.windowHours} hours no value’s negative mentions surged on any channel, no review burst was found, and no statement met backlash.`,
    );
  const outcomes = new Map(delivery.sending?.outcomes.map((outcome) => [outcome.alert, outcome]));
  for (const alert of detection.alerts) {
    lines.push(...alertLines(alert, at, zone, confidence));
    const outcome = outcomes.get(alert);
    if (outcome?.status === 'not sent') lines.push(`    Not sent: ${outcome.reason}.`);
    if (outcome?.status === 'sent')
      for (const [destination, result] of Object.entries(outcome.destinations))
        lines.push(
          result === 'delivered'
            ? `    Sent to ${destination}.`
            : `    NOT sent to ${destination}: ${result}; the next run sends it.`,
        );
  }
  for (const { notice, destinations } of delivery.sending?.resolved ?? []) {
    lines.push(`  Resolved since its alert: ${alertTitle(notice, zone).replace(/^resolved: /, '')}.`);
    for (const [destination, result] of Object.entries(destinations))
      lines.push(
        result === 'delivered'
          ? `    Notice sent to ${destination}.`
          : `    Notice NOT sent to ${destination}: ${result}.`,
      );
  }
  if (delivery.dryRun) lines.push('  Dry run: nothing was sent.');
  else if (delivery.channels === 0 && detection.alerts.length > 0)
    lines.push('  Printed only: list alerts.channels in the profile to send alerts to Slack, Teams or a webhook.');
  return `${lines.join('\n')}\n`;
}

function alertLines(alert: Alert, at: (iso: string) => string, zone: string, confidence: number): string[] {
  const lines = [
    `  ! ${alert.kind === 'review-burst' ? 'Review burst: ' : ''}${alertSummary(alert, { zone, confidence })}`,
  ];
  if (alert.value !== null) lines.push(`    Promise: ${alert.value.promise}`);
  const phrases = phrasesText(alert.topPhrases);
  if (phrases !== undefined) lines.push(`    ${PHRASES_LABEL}${phrases}`);
  for (const quote of alert.quotes)
    lines.push(
      `    ${quoted(quote.quote)} (${quote.sourceId}, ${at(quote.publishedAt)})${quote.url ? ` ${quote.url}` : ''}`,
    );
  lines.push(`    Check first: ${alert.checkFirst}`);
  return lines;
}

async function runReplay(profile: Profile, analyzer: string, options: AlertCommandOptions): Promise<number> {
  const zone = profile.digest.timezone;
  let range: { from: Date; to: Date };
  try {
    const from = localDayStart(options.from as string, zone);
    // --to is the last day replayed: up to the next day's midnight
    const to = localDayStart(utcDayAfter(options.to as string), zone);
    range = { from: new Date(from), to: new Date(to) };
  } catch (error) {
    process.stderr.write(`congruence: --from/--to: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  if (days <= 0 || days > MAX_REPLAY_DAYS + 1) {
    process.stderr.write(
      `congruence: --from ${options.from} --to ${options.to}: replay from 1 to ${MAX_REPLAY_DAYS} days, the first no later than the last\n`,
    );
    return EXIT.usage;
  }
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  let replay: AlertReplay;
  try {
    replay = await replayAlerts(local.store, profile, analyzer, range);
  } finally {
    await local.close();
  }
  process.stdout.write(options.json ? `${JSON.stringify(replay, null, 2)}\n` : replayText(replay, profile));
  return EXIT.ok;
}

export function replayText(replay: AlertReplay, profile: Profile): string {
  const at = atWording(profile.digest.timezone);
  const label = new Map(profile.values.map((value) => [value.id, value.label]));
  const lines = [
    `Alert replay for ${replay.brand}, ${at(replay.from)} to ${at(replay.to)} (${profile.digest.timezone}): detection at each of ` +
      `${replay.hours} hours over the ${replay.windowHours} hours before it, no repeats unless worse, at most ${replay.dailyCap} a day. Nothing was sent.`,
  ];
  for (const sensitivity of SENSITIVITIES) {
    const sent = replay.sent[sensitivity];
    lines.push(`  ${sensitivity}: ${sent.length === 1 ? '1 alert' : `${sent.length} alerts`}`);
    for (const alert of sent) lines.push(`    ${at(alert.at)}  ${replayedLine(alert, label, at)}`);
  }
  return `${lines.join('\n')}\n`;
}

function replayedLine(alert: ReplayedAlert, label: ReadonlyMap<string, string>, at: (iso: string) => string): string {
  switch (alert.kind) {
    case 'negative-surge':
      return (
        `${quoted(label.get(alert.valueId) ?? alert.valueId)} ${channelPlace(alert.channel)}: ` +
        `${alert.negative} of ${alert.mentions} negative (${percent(alert.share)}), ${alert.countRatio.toFixed(1)} times the usual negatives` +
        (alert.baselineWeeks === 0 ? ' (against the days before)' : '')
      );
    case 'stance-backlash':
      return (
        `${quoted(label.get(alert.valueId) ?? alert.valueId)}: backlash on social after the statement of ${at(alert.statementAt)}` +
        `${alert.statementTitle ? ` ${quoted(alert.statementTitle)}` : ''}: ${alert.negative} of ${alert.mentions} negative, net down ${Math.abs(alert.drop).toFixed(2)}`
      );
    case 'review-burst':
      return `a burst of ${alert.reviews} near-identical top-rated reviews from ${at(alert.firstAt)} on ${alert.sources.join(', ')}`;
  }
}
