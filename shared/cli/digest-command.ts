// `congruence digest`: computes a week's alignment from the local store and writes the digest to
// files: out/<brand>-<week>.html (opens in a browser), .txt and .eml (the exact e-mail).
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { loadProfile } from '#adapters/config/load-profile';
import { writeDigestFiles, writeDigestIndex, type DigestFiles } from '#adapters/digest/index';
import { countText, indexChangeText, indexText, partialText } from '#adapters/digest/wording';
import { sendDigestMime, type SentDigest } from '#adapters/mail/ses-mailer';
import { digestSummaryChannels, postDigestSummary } from '#adapters/alerts/digest-summary';
import type { DestinationOutcomes } from '#app/alerts';
import { buildDigest, type DigestDeps, type DigestResult } from '#app/digest';
import { RollupsOutOfDateError } from '#app/errors';
import { rebuildRollups } from '#app/rollups';
import { analyzerKey } from '#domain/analyzer';
import { isoWeekRange, isoWeeksFromTo } from '#domain/iso-week';
import type { DigestStore } from '#domain/ports';
import { partialWeekText } from '#domain/week-coverage';
import type { Profile } from '#domain/profile';
import { EXIT } from './exit-codes';
import { LOCAL_MODE_HOSTS } from './local-mode-hosts';
import { openLocalStore } from './local-store';
import { rebuildSummary } from './rebuild-rollups-command';

/** What the local digest reads, and what rebuilding the rollups reads and writes. */
export type LocalDigestStore = DigestStore & Parameters<typeof rebuildRollups>[0];

/**
 * The digest on the local store. Rollups cut in another time zone, or written by an earlier version,
 * are rebuilt first, once, and the digest built again: the local store has one user, and rebuilding
 * is what the user would be told to do. (The digest Lambda asks for it instead: docs/deploy.md.)
 */
async function buildLocalDigest(
  profile: Profile,
  deps: DigestDeps & { store: LocalDigestStore },
  week: string | undefined,
): Promise<DigestResult> {
  try {
    return await buildDigest(profile, deps, { week });
  } catch (error) {
    if (!(error instanceof RollupsOutOfDateError)) throw error;
    const end = error.message.indexOf('; rebuild them');
    const why = end < 0 ? error.message : error.message.slice(0, end);
    process.stderr.write(`congruence: ${why}; rebuilding them from the stored scores first.\n`);
    const report = await rebuildRollups(deps.store, profile, deps.analyzer);
    process.stderr.write(`  ${rebuildSummary(report, profile.digest.timezone)}`);
    return buildDigest(profile, deps, { week });
  }
}
import { analyzerIdentityFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';

export const DEFAULT_OUT_DIR = 'out';

export interface DigestCommandOptions {
  config: string;
  dataDir: string;
  outDir: string;
  analyzer: AnalyzerName;
  week?: string;
  /** With `to`: write the digest of every week from `from` to `to`, and an index page linking them. */
  from?: string;
  to?: string;
  json?: boolean;
  /** Also e-mail the digest with SES. */
  send?: boolean;
}

/** How the digest is e-mailed when --send is given: SES, with credentials and region from the environment. */
export interface DigestSending {
  ses: SESv2Client;
}

/** The SES client for --send, loaded only when asked for. */
export async function sesSending(): Promise<DigestSending> {
  const { SESv2Client } = await import('@aws-sdk/client-sesv2');
  return { ses: new SESv2Client({}) };
}

export async function runDigest(options: DigestCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const problem = weekOptionsProblem(options);
  if (problem) {
    process.stderr.write(`congruence: ${problem}\n`);
    return EXIT.usage;
  }
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  try {
    const analyzer = analyzerKey(analyzerIdentityFor(options.analyzer));
    if (options.from !== undefined && options.to !== undefined) {
      await writeDigestRange(profile, local.store, { ...options, from: options.from, to: options.to, analyzer });
      return EXIT.ok;
    }
    const sending = options.send ? await sesSending() : undefined;
    const written = await writeDigest(profile, local.store, { ...options, analyzer, sending });
    return written.sendError === undefined && !written.summaryFailed ? EXIT.ok : EXIT.notSent;
  } finally {
    await local.close();
  }
}

/** What is wrong with --week, --from, --to and --send together, in words; undefined when nothing is. */
export function weekOptionsProblem(
  options: Pick<DigestCommandOptions, 'week' | 'from' | 'to' | 'send'>,
): string | undefined {
  for (const [flag, week] of [
    ['--week', options.week],
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (week === undefined) continue;
    const problem = isoWeekProblem(week);
    if (problem) return `${flag} ${week} ${problem}`;
  }
  const range = options.from !== undefined || options.to !== undefined;
  if (!range) return undefined;
  if (options.week !== undefined)
    return '--week reports one week and --from/--to a range of weeks: give one or the other';
  if (options.from === undefined || options.to === undefined) {
    return 'a range of weeks needs both ends: give --from and --to, e.g. --from 2015-W07 --to 2015-W12';
  }
  if (options.from > options.to) return `--from ${options.from} is after --to ${options.to}; swap them`;
  if (options.send)
    return '--send e-mails one week’s digest; leave it out with --from and --to (the files are still written)';
  return undefined;
}

function isoWeekProblem(week: string): string | undefined {
  if (!/^\d{4}-W\d{2}$/.test(week)) return 'is not an ISO week; write it like 2026-W47';
  try {
    isoWeekRange(week, 'UTC');
    return undefined;
  } catch {
    return `does not exist: ${week.slice(0, 4)} has no week ${Number(week.slice(6))}`;
  }
}

/**
 * Writes the digest of every week from `from` to `to`, oldest first (so each week's snapshot is
 * there for the next week's change), then the index page linking them; one line per week as it goes.
 */
export async function writeDigestRange(
  profile: Profile,
  store: LocalDigestStore,
  options: { outDir: string; analyzer: string; from: string; to: string; json?: boolean },
): Promise<{ index: string; digests: Array<{ result: DigestResult; files: DigestFiles }> }> {
  const weeks = isoWeeksFromTo(options.from, options.to, profile.digest.timezone);
  if (!options.json)
    process.stdout.write(
      `Writing ${countText(weeks.length, 'weekly digest')} for ${profile.brand.name}, ${options.from} to ${options.to}\n`,
    );
  const digests: Array<{ result: DigestResult; files: DigestFiles }> = [];
  for (const week of weeks) {
    const written = await writeDigest(profile, store, { ...options, week, silent: true });
    digests.push(written);
    if (!options.json) process.stdout.write(`${rangeLine(written.result, written.files)}\n`);
  }
  const index = await writeDigestIndex(
    profile.brand.name,
    digests.map(({ result, files }) => ({ model: result.model, files })),
    resolve(options.outDir),
  );
  if (options.json) {
    const weeksJson = digests.map(({ result, files }) => ({
      week: result.model.week,
      period: result.model.period,
      index: result.model.index,
      files,
    }));
    process.stdout.write(`${JSON.stringify({ index, weeks: weeksJson }, null, 2)}\n`);
  } else {
    const empty = digests.filter(({ result }) => result.model.period.signals === 0).length;
    if (empty > 0) process.stdout.write(`  ${countText(empty, 'week')} without signals: their digests say so.\n`);
    process.stdout.write(`  open ${relative(process.cwd(), index)}  (links every week's digest)\n`);
  }
  return { index, digests };
}

function rangeLine({ model }: DigestResult, files: DigestFiles): string {
  const partial = partialText(model.period);
  const change = partial ?? indexChangeText(model);
  return `  ${model.week}  index ${indexText(model.index.value).padStart(3)}  ${change.padEnd(28)}  ${countText(model.period.signals, 'signal').padStart(14)}  ${relative(process.cwd(), files.html)}`;
}

/** Builds the digest, writes its files, and prints where they are with a short summary. */
export async function writeDigest(
  profile: Profile,
  store: LocalDigestStore,
  /** `analyzer`: the name and version whose scores to read, e.g. "local@1.0.0+wink-2.4". */
  options: {
    outDir: string;
    analyzer: string;
    week?: string;
    json?: boolean;
    silent?: boolean;
    sending?: DigestSending;
    /** Where the Slack and Teams addresses of alerts.channels are read (default: process.env). */
    environment?: NodeJS.ProcessEnv;
  },
): Promise<{
  result: DigestResult;
  files: DigestFiles;
  sent?: SentDigest;
  sendError?: string;
  /** Where the digest's summary was posted (alerts.digestSummary), per destination. */
  posted?: DestinationOutcomes;
  summaryFailed: boolean;
}> {
  // the local store has one user at a time: a batch left open is from a run that stopped
  const result = await buildLocalDigest(
    profile,
    { store, analyzer: options.analyzer, openBatchGraceMs: 0 },
    options.week,
  );
  const envelope = { from: profile.digest.sender, to: profile.digest.recipients };
  const files = await writeDigestFiles(result.model, resolve(options.outDir), envelope);
  // The files are written first: a refused send loses nothing, and the .eml is exactly what was sent.
  let sent: SentDigest | undefined;
  let sendError: string | undefined;
  if (options.sending) {
    try {
      sent = await sendDigestMime(options.sending.ses, await readFile(files.eml), envelope);
    } catch (error) {
      sendError = (error as Error).message;
      process.stderr.write(
        `congruence: the digest was written to ${relative(process.cwd(), files.html)} but not sent: ${sendError}\n`,
      );
    }
  }
  // a digest that went out is announced where the team works (alerts.digestSummary)
  let posted: DestinationOutcomes | undefined;
  if (sent && digestSummaryChannels(profile).length > 0) {
    posted = await postDigestSummary(profile, result.model, {
      addresses: options.environment ?? process.env,
      whereSet: (_name, what) => `export ${what} in it`,
      allowHosts: [...profile.network.allowHosts, ...LOCAL_MODE_HOSTS],
    });
    for (const [destination, outcome] of Object.entries(posted))
      if (outcome !== 'delivered')
        process.stderr.write(
          `congruence: the digest was sent, but its summary was not posted to ${destination}: ${outcome}\n`,
        );
  }
  const summaryFailed = posted !== undefined && Object.values(posted).some((outcome) => outcome !== 'delivered');
  const written = { result, files, sent, sendError, ...(posted ? { posted } : {}), summaryFailed };
  if (options.silent) return written;
  if (options.json)
    process.stdout.write(
      `${JSON.stringify({ files, sent, sendError, posted, week: result.chosen, digest: result.model }, null, 2)}\n`,
    );
  else process.stdout.write(digestSummary(result, files, sent, envelope.to.length, posted));
  return written;
}

export function digestSummary(
  result: DigestResult,
  files: DigestFiles,
  sent?: SentDigest,
  recipients = 0,
  posted: DestinationOutcomes = {},
): string {
  const { model } = result;
  const index = model.index.value === null ? 'n/a' : String(model.index.value);
  const partial = partialText(model.period);
  const change =
    model.index.value === null || partial !== null
      ? indexChangeText(model)
      : model.index.change === null
        ? 'no earlier week to compare'
        : `${model.index.change >= 0 ? '+' : '−'}${Math.abs(model.index.change)} since last week`;
  const lines = [
    `Digest for ${model.brandName}, ${model.week} (${model.weekLabel}${partial ? `, ${partial}` : ''}): Brand Alignment Index ${index} (${change})`,
    `  subject: ${model.subject}`,
  ];
  for (const divergence of model.divergences.slice(0, 8)) lines.push(`  ! ${divergence.title}`);
  if (model.divergences.length > 8) lines.push(`  … and ${model.divergences.length - 8} more in the digest`);
  // how the brand compares: competitors ahead and voice lost first, where it leads after
  for (const finding of model.comparison?.findings ?? [])
    lines.push(`  ${finding.kind === 'brand-leads' ? '+' : 'vs'} ${finding.title}`);
  lines.push(...weekNotes(result).map((note) => `  note: ${note}`));
  lines.push(
    `  open ${relative(process.cwd(), files.html)}  (also ${relative(process.cwd(), files.text)} and ${relative(process.cwd(), files.eml)})`,
  );
  if (sent)
    lines.push(
      `  sent to ${recipients} recipient${recipients === 1 ? '' : 's'} with Amazon SES (message id ${sent.sesMessageId ?? 'unknown'})`,
    );
  for (const [destination, outcome] of Object.entries(posted))
    lines.push(
      outcome === 'delivered'
        ? `  summary posted to ${destination}`
        : `  summary NOT posted to ${destination}: ${outcome}`,
    );
  return `${lines.join('\n')}\n`;
}

/** Why this week was reported, what it lacks, and which week to ask for instead, in words. */
export function weekNotes({ model, chosen }: Pick<DigestResult, 'model' | 'chosen'>): string[] {
  const notes: string[] = [];
  const skipped = chosen.skippedPartialWeeks;
  if (skipped.length > 0) {
    const named = skipped.map((week) => `${week.week} (${week.coveredDays} of 7 days)`).join(', ');
    notes.push(
      `${named} ${skipped.length === 1 ? 'is' : 'are'} partial: the data covers only part of ${skipped.length === 1 ? 'it' : 'them'}, ` +
        `so this digest reports ${model.week}, the last complete week with signals; add --week ${skipped[0]?.week} to see the partial week.`,
    );
  } else if (model.period.partial && model.period.signals > 0) {
    const over = model.coverage.generatedAt >= isoWeekRange(model.week, model.timeZone).to;
    notes.push(
      `${model.week} is partial: the data covers ${model.period.coveredDays} of 7 days ` +
        `(${over ? 'the sources’ data starts or stops inside it' : 'the week is not over'}), so its change from the week before is not stated.`,
    );
  }
  if (model.period.signals === 0) {
    const data = chosen.weeksWithData;
    if (!data) notes.push('no signals are stored yet: run congruence ingest (or congruence run) first.');
    else {
      const where = data.weeks
        ? `Weeks with signals: ${data.weeks.map((week) => `${week.week} (${week.signals.toLocaleString('en-GB')}${week.coverage.complete ? '' : `, ${partialWeekText(week.coverage)}`})`).join(', ')}.`
        : `Signals are stored from ${data.first} to ${data.last}.`;
      notes.push(
        `${model.week} has no signals. ${where} Add --week ${data.suggested} for the last complete week with signals, or --from ${data.first} --to ${data.last} for every week.`,
      );
    }
  }
  return notes;
}
