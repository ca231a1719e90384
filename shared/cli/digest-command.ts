// `congruence digest`: computes a week's alignment from the local store and writes the digest to
// files: out/<brand>-<week>.html (opens in a browser), .txt and .eml (the exact e-mail).
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { loadProfile } from '../adapters/config/load-profile';
import { writeDigestFiles, type DigestFiles } from '../adapters/digest';
import { sendDigestMime, type SentDigest } from '../adapters/mail/ses-mailer';
import { buildDigest, type DigestResult, type DigestStore } from '../app/digest';
import { analyzerKey } from '../domain/analyzer';
import type { Profile } from '../domain/profile';
import { EXIT } from './exit-codes';
import { openLocalStore } from './local-store';
import { analyzerIdentityFor, type AnalyzerName } from './score-command';

export const DEFAULT_OUT_DIR = 'out';

export interface DigestCommandOptions {
  config: string;
  dataDir: string;
  outDir: string;
  analyzer: AnalyzerName;
  week?: string;
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
  if (options.week !== undefined && !/^\d{4}-W\d{2}$/.test(options.week)) {
    process.stderr.write(`congruence: --week ${options.week} is not an ISO week; write it like 2026-W47\n`);
    return EXIT.usage;
  }
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  try {
    const sending = options.send ? await sesSending() : undefined;
    const written = await writeDigest(profile, local.store, { ...options, analyzer: analyzerKey(analyzerIdentityFor(options.analyzer)), sending });
    return written.sendError === undefined ? EXIT.ok : EXIT.notSent;
  } finally {
    await local.close();
  }
}

/** Builds the digest, writes its files, and prints where they are with a short summary. */
export async function writeDigest(
  profile: Profile,
  store: DigestStore,
  /** `analyzer`: the name and version whose scores to read, e.g. "local@1.0.0+wink-2.4". */
  options: { outDir: string; analyzer: string; week?: string; json?: boolean; silent?: boolean; sending?: DigestSending },
): Promise<{ result: DigestResult; files: DigestFiles; sent?: SentDigest; sendError?: string }> {
  const result = await buildDigest(profile, { store, analyzer: options.analyzer }, { week: options.week });
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
      process.stderr.write(`congruence: the digest was written to ${relative(process.cwd(), files.html)} but not sent: ${sendError}\n`);
    }
  }
  if (options.silent) return { result, files, sent, sendError };
  if (options.json) process.stdout.write(`${JSON.stringify({ files, sent, sendError, digest: result.model }, null, 2)}\n`);
  else process.stdout.write(digestSummary(result, files, sent, envelope.to.length));
  return { result, files, sent, sendError };
}

export function digestSummary({ model }: DigestResult, files: DigestFiles, sent?: SentDigest, recipients = 0): string {
  const index = model.index.value === null ? 'n/a' : String(model.index.value);
  const change =
    model.index.change === null ? 'no earlier week to compare' : `${model.index.change >= 0 ? '+' : '−'}${Math.abs(model.index.change)} since last week`;
  const lines = [
    `Digest for ${model.brandName}, ${model.week} (${model.weekLabel}): Brand Alignment Index ${index} (${change})`,
    `  subject: ${model.subject}`,
  ];
  for (const divergence of model.divergences.slice(0, 8)) lines.push(`  ! ${divergence.title}`);
  if (model.divergences.length > 8) lines.push(`  … and ${model.divergences.length - 8} more in the digest`);
  lines.push(`  open ${relative(process.cwd(), files.html)}  (also ${relative(process.cwd(), files.text)} and ${relative(process.cwd(), files.eml)})`);
  if (sent) lines.push(`  sent to ${recipients} recipient${recipients === 1 ? '' : 's'} with Amazon SES (message id ${sent.sesMessageId ?? 'unknown'})`);
  return `${lines.join('\n')}\n`;
}
