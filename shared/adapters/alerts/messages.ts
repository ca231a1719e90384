// What an alert looks like where the team works: the documented JSON of the generic webhook
// (docs/alerts.md, "The webhook payload"), a Slack Block Kit message and a Microsoft Teams Adaptive
// Card. Quotes and titles are feed text: in Slack they go in plain_text elements and in Teams in
// TextRuns, neither of which reads markup, and every link is escaped where the format needs it.
import type { SurgeAlert } from '#app/alerts';
import { alertKey } from '#domain/alerts/state';

export { alertKey };
import { channelPlace, dateWording, percent, plural, quoted } from '#domain/alignment/wording';

/** The version of the webhook payload's shape; a receiver checks it before reading the rest. */
export const ALERT_PAYLOAD_VERSION = 'congruence.alert.v1';

export interface AlertContext {
  brand: string;
  /** digest.timezone: dates are written in it. */
  zone: string;
  confidence: number;
  /** When detection ran (ISO). */
  detectedAt: string;
}

/** The alert in a sentence: value, channel, the numbers and the baseline. */
export function alertSummary(alert: SurgeAlert, context: Pick<AlertContext, 'zone' | 'confidence'>): string {
  const { baseline } = alert;
  const dates = dateWording(context.zone);
  const at = (iso: string) => `${dates.day(Date.parse(iso))} ${dates.time(Date.parse(iso))}`;
  const against =
    baseline.basis === 'same-hours'
      ? `the same hours of the ${plural(baseline.weeks, 'week')} before${baseline.weeks < baseline.wanted ? ` (of ${baseline.wanted} wanted: the data begins later)` : ''}`
      : 'the days before (no earlier week has data)';
  const baseShare = baseline.share === null ? 'no mentions' : `${percent(baseline.share)} negative`;
  return (
    `${quoted(alert.value.label)} ${channelPlace(alert.channel)}: ${alert.negative} of ${plural(alert.mentions, 'mention')} negative ` +
    `from ${at(alert.window.from)} to ${at(alert.window.to)} (${percent(alert.share)}; ${percent(context.confidence)} interval ` +
    `${percent(alert.shareInterval.low)} to ${percent(alert.shareInterval.high)}), ` +
    `against ${baseShare} in ${against}; ${alert.countRatio.toFixed(1)} times the usual negatives ` +
    `(${baseline.negativePerWindow.toFixed(1)} in such a window).`
  );
}

export interface AlertPayload {
  version: typeof ALERT_PAYLOAD_VERSION;
  /** The idempotency key (alertKey): the same for every delivery of this alert. */
  id: string;
  brand: string;
  detectedAt: string;
  summary: string;
  alert: Omit<SurgeAlert, 'severity'>;
}

/** The generic webhook's body. */
export function webhookPayload(alert: SurgeAlert, context: AlertContext): AlertPayload {
  const { severity: _severity, ...rest } = alert;
  return {
    version: ALERT_PAYLOAD_VERSION,
    id: alertKey(context.brand, alert),
    brand: context.brand,
    detectedAt: context.detectedAt,
    summary: alertSummary(alert, context),
    alert: rest,
  };
}

/** Slack's mrkdwn escapes: the three characters it reads as markup in text and links. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SLACK_HEADER_MAX = 150;
const SLACK_TEXT_MAX = 3000;
const clipTo = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A Slack incoming-webhook message (Block Kit), with `text` for notifications and clients without blocks. */
export function slackMessage(alert: SurgeAlert, context: AlertContext): Record<string, unknown> {
  const dates = dateWording(context.zone);
  const summary = alertSummary(alert, context);
  const blocks: Array<Record<string, unknown>> = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clipTo(`${context.brand}: ${quoted(alert.value.label)} ${channelPlace(alert.channel)}`, SLACK_HEADER_MAX),
      },
    },
    { type: 'section', text: { type: 'plain_text', text: clipTo(summary, SLACK_TEXT_MAX) } },
    { type: 'section', text: { type: 'plain_text', text: clipTo(`Promise: ${alert.value.promise}`, SLACK_TEXT_MAX) } },
  ];
  for (const quote of alert.quotes) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: clipTo(quoted(quote.quote), SLACK_TEXT_MAX) } });
    const where = `${quote.sourceId}, ${dates.day(Date.parse(quote.publishedAt))} ${dates.time(Date.parse(quote.publishedAt))}`;
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: quote.url === null ? slackEscape(where) : `<${slackEscape(quote.url)}|${slackEscape(where)}>`,
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'plain_text', text: clipTo(`Check first: ${alert.checkFirst}`, SLACK_TEXT_MAX) }],
  });
  return { text: clipTo(`${context.brand}: ${summary}`, SLACK_TEXT_MAX), blocks };
}

/** A Microsoft Teams workflow-webhook message: one Adaptive Card (1.4). */
export function teamsMessage(alert: SurgeAlert, context: AlertContext): Record<string, unknown> {
  const dates = dateWording(context.zone);
  const run = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text, ...style });
  const body: Array<Record<string, unknown>> = [
    {
      type: 'RichTextBlock',
      inlines: [
        run(`${context.brand}: ${quoted(alert.value.label)} ${channelPlace(alert.channel)}`, {
          weight: 'Bolder',
          size: 'Medium',
        }),
      ],
    },
    { type: 'RichTextBlock', inlines: [run(alertSummary(alert, context))] },
    { type: 'RichTextBlock', inlines: [run('Promise: ', { weight: 'Bolder' }), run(alert.value.promise)] },
  ];
  for (const quote of alert.quotes) {
    const where = ` — ${quote.sourceId}, ${dates.day(Date.parse(quote.publishedAt))} ${dates.time(Date.parse(quote.publishedAt))}`;
    body.push({
      type: 'RichTextBlock',
      inlines: [
        run(quoted(quote.quote), { italic: true }),
        run(where, {
          isSubtle: true,
          ...(quote.url === null ? {} : { selectAction: { type: 'Action.OpenUrl', url: quote.url } }),
        }),
      ],
    });
  }
  body.push({ type: 'RichTextBlock', inlines: [run('Check first: ', { weight: 'Bolder' }), run(alert.checkFirst)] });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
        },
      },
    ],
  };
}
