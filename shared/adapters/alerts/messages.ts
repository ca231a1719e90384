// What an alert looks like where the team works: the documented JSON of the generic webhook
// (docs/alerts.md, "The webhook payload"), a Slack Block Kit message and a Microsoft Teams Adaptive
// Card. Quotes and titles are feed text: in Slack they go in plain_text elements and in Teams in
// TextRuns, neither of which reads markup, and every link is escaped where the format needs it.
import type { Alert, AlertMessage, AlertQuote, SurgeAlert } from '#app/alerts';
import type { TopPhrase } from '#domain/alerts/top-phrases';
import { alertKey } from '#domain/alerts/state';

export { alertKey };
import {
  channelPlace,
  dateWording,
  netWithIntervalText,
  percent,
  plural,
  quoted,
  signed,
} from '#domain/alignment/wording';

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

/** An instant (ISO) as alerts write it, its day and time in the zone, e.g. "22 Nov 15:17". */
export function atWording(zone: string): (iso: string) => string {
  const dates = dateWording(zone);
  return (iso) => `${dates.day(Date.parse(iso))} ${dates.time(Date.parse(iso))}`;
}

/** What the alert is about, as a title: the value or the burst, and the channel. */
export function alertTitle(message: AlertMessage, zone: string): string {
  switch (message.kind) {
    case 'negative-surge':
      return `${quoted(message.value.label)} ${channelPlace(message.channel)}`;
    case 'stance-backlash':
      return `${quoted(message.value.label)}: backlash on social after the ${dateWording(zone).day(Date.parse(message.statement.publishedAt))} statement`;
    case 'review-burst':
      return `a burst of ${message.burst.reviews} near-identical top-rated reviews`;
    case 'resolved':
      return `resolved: ${message.of.value === null ? message.of.subject : quoted(message.of.value.label)} ${channelPlace(message.of.channel)}`;
  }
}

/** The title with the brand, as Slack and Teams show it. */
export function alertHeadline(message: AlertMessage, context: Pick<AlertContext, 'brand' | 'zone'>): string {
  return `${context.brand}: ${alertTitle(message, context.zone)}`;
}

/** The alert in a sentence or two: the numbers, their interval and what they are compared with. */
export function alertSummary(message: AlertMessage, context: Pick<AlertContext, 'zone' | 'confidence'>): string {
  const at = atWording(context.zone);
  switch (message.kind) {
    case 'negative-surge':
      return surgeSummary(message, context);
    case 'stance-backlash': {
      const { after, before, statement } = message;
      const title = statement.title ? ` ${quoted(statement.title)}` : '';
      return (
        `${quoted(message.value.label)} on social since the brand’s statement${title} (${at(statement.publishedAt)}): ` +
        `${plural(after.mentions, 'mention')}, ${after.negative} negative, ${netWithIntervalText(after.net.value, after.net.interval, context.confidence)}; ` +
        `in the ${before.hours >= 8 * 168 ? '8 weeks' : `${Math.round(before.hours / 24)} days with data`} before it, ${plural(before.mentions, 'mention')} at ${netWithIntervalText(before.net.value, before.net.interval, context.confidence)}: ` +
        `a drop of ${signed(message.drop.value)} (interval ${signed(message.drop.interval.low)} to ${signed(message.drop.interval.high)}).`
      );
    }
    case 'review-burst': {
      const { burst } = message;
      return (
        `${burst.reviews} reviews rated ${burst.best}/${burst.best} with nearly the same words (mean similarity ${percent(burst.meanSimilarity)}) ` +
        `from ${at(burst.firstAt)} to ${at(burst.lastAt)}, on ${burst.sources.join(', ')}. ` +
        'Praise that looks written to order is a sign of reputation management.'
      );
    }
    case 'resolved':
      return (
        `${message.of.value === null ? message.of.subject : quoted(message.of.value.label)} ${channelPlace(message.of.channel)}: ` +
        `the surge alerted ${at(message.sentAt)} has not been found since ${at(message.lastFiredAt)}, ` +
        `a whole ${message.windowHours}-hour window: negative mentions are back within what the weeks before explain.`
      );
  }
}

/** The promise the alert concerns, when it concerns a value. */
export function promiseOf(message: AlertMessage): string | undefined {
  if (message.kind === 'resolved') return message.of.value?.promise;
  return message.value?.promise;
}

function surgeSummary(alert: SurgeAlert, context: Pick<AlertContext, 'zone' | 'confidence'>): string {
  const { baseline } = alert;
  const at = atWording(context.zone);
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
  /** A title and a sentence or two, as Slack and Teams show them. */
  headline: string;
  summary: string;
  /** The alert (kind negative-surge, stance-backlash or review-burst) or the notice that one resolved (kind resolved). */
  alert: DistributiveOmit<AlertMessage, 'severity'>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The generic webhook's body. */
export function webhookPayload(message: AlertMessage, context: AlertContext): AlertPayload {
  const rest = { ...message } as Partial<Pick<Alert, 'severity'>> & AlertMessage;
  delete rest.severity;
  return {
    version: ALERT_PAYLOAD_VERSION,
    id: alertKey(context.brand, message, context.detectedAt),
    brand: context.brand,
    detectedAt: context.detectedAt,
    headline: alertHeadline(message, context),
    summary: alertSummary(message, context),
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

/** The phrases an alert's posts share, the quotes it shows, and where to look first; a resolved notice has none. */
export function detailsOf(message: AlertMessage): { phrases?: string; quotes: AlertQuote[]; checkFirst?: string } {
  if (message.kind === 'resolved') return { quotes: [] };
  const phrases = phrasesText(message.topPhrases);
  return { ...(phrases ? { phrases } : {}), quotes: message.quotes, checkFirst: message.checkFirst };
}

/** "“workshop rule” (3 posts), “charged” (3 posts)", or undefined without any (customers' words: untrusted). */
export function phrasesText(phrases: readonly TopPhrase[]): string | undefined {
  if (phrases.length === 0) return undefined;
  return phrases.map((each) => `${quoted(each.phrase)} (${plural(each.posts, 'post')})`).join(', ');
}

/** The label of the shared phrases' line. */
export const PHRASES_LABEL = 'What the posts keep saying: ';

/** A Slack incoming-webhook message (Block Kit), with `text` for notifications and clients without blocks. */
export function slackMessage(message: AlertMessage, context: AlertContext): Record<string, unknown> {
  const at = atWording(context.zone);
  const summary = alertSummary(message, context);
  const promise = promiseOf(message);
  const { phrases, quotes, checkFirst } = detailsOf(message);
  const plain = (text: string) => ({ type: 'plain_text', text: clipTo(text, SLACK_TEXT_MAX) });
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clipTo(alertHeadline(message, context), SLACK_HEADER_MAX) } },
    { type: 'section', text: plain(summary) },
  ];
  if (promise !== undefined) blocks.push({ type: 'section', text: plain(`Promise: ${promise}`) });
  if (phrases !== undefined) blocks.push({ type: 'section', text: plain(`${PHRASES_LABEL}${phrases}`) });
  for (const quote of quotes) {
    blocks.push({ type: 'section', text: plain(quoted(quote.quote)) });
    const where = `${quote.sourceId}, ${at(quote.publishedAt)}`;
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
  if (checkFirst !== undefined) blocks.push({ type: 'context', elements: [plain(`Check first: ${checkFirst}`)] });
  // the notification text is read as mrkdwn: feed text in it is escaped
  return { text: clipTo(slackEscape(`${context.brand}: ${summary}`), SLACK_TEXT_MAX), blocks };
}

/** A Microsoft Teams workflow-webhook message: one Adaptive Card (1.4). */
export function teamsMessage(message: AlertMessage, context: AlertContext): Record<string, unknown> {
  const at = atWording(context.zone);
  const promise = promiseOf(message);
  const { phrases, quotes, checkFirst } = detailsOf(message);
  const run = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text, ...style });
  const body: Array<Record<string, unknown>> = [
    { type: 'RichTextBlock', inlines: [run(alertHeadline(message, context), { weight: 'Bolder', size: 'Medium' })] },
    { type: 'RichTextBlock', inlines: [run(alertSummary(message, context))] },
  ];
  if (promise !== undefined)
    body.push({ type: 'RichTextBlock', inlines: [run('Promise: ', { weight: 'Bolder' }), run(promise)] });
  if (phrases !== undefined)
    body.push({ type: 'RichTextBlock', inlines: [run(PHRASES_LABEL, { weight: 'Bolder' }), run(phrases)] });
  for (const quote of quotes) {
    body.push({
      type: 'RichTextBlock',
      inlines: [
        run(quoted(quote.quote), { italic: true }),
        run(` — ${quote.sourceId}, ${at(quote.publishedAt)}`, {
          isSubtle: true,
          ...(quote.url === null ? {} : { selectAction: { type: 'Action.OpenUrl', url: quote.url } }),
        }),
      ],
    });
  }
  if (checkFirst !== undefined)
    body.push({ type: 'RichTextBlock', inlines: [run('Check first: ', { weight: 'Bolder' }), run(checkFirst)] });
  return adaptiveCardMessage(body);
}

/** A Teams workflow-webhook message holding one Adaptive Card 1.4 with this body (and these actions). */
export function adaptiveCardMessage(
  body: Array<Record<string, unknown>>,
  actions: Array<Record<string, unknown>> = [],
): Record<string, unknown> {
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
          ...(actions.length > 0 ? { actions } : {}),
        },
      },
    ],
  };
}
