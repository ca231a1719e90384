// The weekly digest, posted where the team works as a short summary: its headline, the index and
// its change, the first findings, and a link to where the team reads digests (alerts.digestLink),
// to the Slack and Teams channels of alerts.channels when alerts.digestSummary is on. The digest
// itself still goes by e-mail; this tells the channel that it went, and what it says.
import { createHash } from 'node:crypto';
import { indexChangeText, indexText } from '#adapters/digest/wording';
import type { DestinationOutcomes } from '#app/alerts';
import { destinationName } from '#app/alerts';
import { digestSummaryChannels } from '#domain/alerts/settings';

export { digestSummaryChannels };
import { plural } from '#domain/alignment/wording';
import type { DigestModel } from '#domain/digest-model';
import type { Profile } from '#domain/profile';
import { postAlert } from './deliver';
import { adaptiveCardMessage, slackEscape } from './messages';
import type { SenderOptions } from './sender';

/** Findings the summary names, most important first. */
const SUMMARY_FINDINGS = 3;

/**
 * The summary's lines: headline, the index, the first findings (whose titles may hold customers'
 * words: untrusted), and the first of "How you compare" where a competitor is ahead or the brand
 * is losing voice.
 */
export function digestSummaryLines(model: DigestModel): { headline: string; figures: string; findings: string[] } {
  const findings = model.divergences.slice(0, SUMMARY_FINDINGS).map((divergence) => divergence.title);
  const more = model.divergences.length - findings.length;
  if (more > 0) findings.push(`and ${plural(more, 'more finding')} in the digest`);
  const rival = model.comparison?.findings.find((finding) => finding.kind !== 'brand-leads');
  if (rival !== undefined) findings.push(`How you compare: ${rival.title}`);
  return {
    headline: `${model.brandName}, week of ${model.weekLabel}: ${model.headline}`,
    figures:
      `Brand Alignment Index ${indexText(model.index.value)} (${indexChangeText(model)}) · ` +
      `${plural(model.period.signals, 'signal')} · ${plural(model.divergences.length, 'finding')}`,
    findings,
  };
}

export function slackDigestSummary(model: DigestModel, link?: string): Record<string, unknown> {
  const { headline, figures, findings } = digestSummaryLines(model);
  const plain = (text: string) => ({ type: 'plain_text', text: text.slice(0, 3000) });
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: plain(headline.slice(0, 150)) },
    { type: 'section', text: plain(figures) },
  ];
  if (findings.length > 0)
    blocks.push({ type: 'section', text: plain(findings.map((line) => `• ${line}`).join('\n')) });
  if (link !== undefined)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: plain('Read the digest'), url: link }],
    });
  // the notification text is read as mrkdwn: a customer's words in a finding stay text
  return { text: slackEscape(`${headline}. ${figures}`), blocks };
}

export function teamsDigestSummary(model: DigestModel, link?: string): Record<string, unknown> {
  const { headline, figures, findings } = digestSummaryLines(model);
  const run = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text, ...style });
  const body: Array<Record<string, unknown>> = [
    { type: 'RichTextBlock', inlines: [run(headline, { weight: 'Bolder', size: 'Medium' })] },
    { type: 'RichTextBlock', inlines: [run(figures)] },
    ...findings.map((line) => ({ type: 'RichTextBlock', inlines: [run(`• ${line}`)] })),
  ];
  return adaptiveCardMessage(
    body,
    link === undefined ? [] : [{ type: 'Action.OpenUrl', title: 'Read the digest', url: link }],
  );
}

/**
 * Posts the week's summary to each Slack and Teams channel; per destination, "delivered" or why
 * not. The same week has the same idempotency key, so a receiver can drop a second post.
 */
export async function postDigestSummary(
  profile: Profile,
  model: DigestModel,
  options: Omit<SenderOptions, 'ses'>,
): Promise<DestinationOutcomes> {
  const key = createHash('sha256')
    .update(['digest', profile.brand.id, model.week].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  const link = profile.alerts.digestLink;
  const outcomes: DestinationOutcomes = {};
  for (const channel of digestSummaryChannels(profile)) {
    const name = destinationName(channel);
    const url = options.addresses[channel.urlEnv]?.trim();
    if (!url) {
      outcomes[name] =
        `${channel.urlEnv} is not set: ${options.whereSet(channel.urlEnv, `the ${channel.kind} address`)}`;
      continue;
    }
    const body = channel.kind === 'slack' ? slackDigestSummary(model, link) : teamsDigestSummary(model, link);
    const outcome = await postAlert({ kind: channel.kind, url }, body, key, {
      allowHosts: options.allowHosts,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    outcomes[name] = outcome.status === 'delivered' ? 'delivered' : outcome.reason;
  }
  return outcomes;
}
