// An alert by e-mail through Amazon SES: from digest.sender to the channel's recipients (or the
// digest's), a subject that says what surged, a plain-text part and an HTML part in which every
// feed text is escaped. A refused send is reported, not thrown: the alert stays due.
import { SendEmailCommand, type SendEmailCommandInput, type SESv2Client } from '@aws-sdk/client-sesv2';
import { escapeHtml } from '#adapters/digest/html';
import type { AlertMessage } from '#app/alerts';
import type { DeliveryOutcome } from '#domain/alerts/state';
import { quoted } from '#domain/alignment/wording';
import {
  type AlertContext,
  alertSummary,
  alertTitle,
  atWording,
  detailsOf,
  PHRASES_LABEL,
  promiseOf,
} from './messages';

export function alertEmail(
  message: AlertMessage,
  context: AlertContext,
  envelope: { from: string; to: readonly string[] },
): SendEmailCommandInput {
  const at = atWording(context.zone);
  const summary = alertSummary(message, context);
  const promise = promiseOf(message);
  const { phrases, quotes, checkFirst } = detailsOf(message);
  const listed = quotes.map((quote) => ({
    text: `${quoted(quote.quote)} (${quote.sourceId}, ${at(quote.publishedAt)})${quote.url ? ` ${quote.url}` : ''}`,
    html:
      `<li>${escapeHtml(quoted(quote.quote))} <small>(${escapeHtml(quote.sourceId)}, ${escapeHtml(at(quote.publishedAt))})` +
      `${quote.url && /^https?:\/\//i.test(quote.url) ? ` <a href="${escapeHtml(quote.url)}">open</a>` : ''}</small></li>`,
  }));
  const text = [
    summary,
    ...(promise === undefined ? [] : ['', `Promise: ${promise}`]),
    ...(phrases === undefined ? [] : ['', `${PHRASES_LABEL}${phrases}`]),
    ...(listed.length === 0 ? [] : ['', ...listed.map((quote) => quote.text)]),
    ...(checkFirst === undefined ? [] : ['', `Check first: ${checkFirst}`]),
  ].join('\n');
  const html =
    `<p>${escapeHtml(summary)}</p>` +
    (promise === undefined ? '' : `<p><strong>Promise:</strong> ${escapeHtml(promise)}</p>`) +
    (phrases === undefined
      ? ''
      : `<p><strong>${escapeHtml(PHRASES_LABEL.trim())}</strong> ${escapeHtml(phrases)}</p>`) +
    (listed.length === 0 ? '' : `<ul>${listed.map((quote) => quote.html).join('')}</ul>`) +
    (checkFirst === undefined ? '' : `<p><strong>Check first:</strong> ${escapeHtml(checkFirst)}</p>`);
  const title = alertTitle(message, context.zone);
  // a header holds one line: feed text or a label never breaks it
  const subject = `${message.kind === 'resolved' ? title.replace(/^resolved: /, 'Resolved: ') : `Alert: ${title}`} (${context.brand})`;
  return {
    FromEmailAddress: envelope.from,
    Destination: { ToAddresses: [...envelope.to] },
    Content: {
      Simple: {
        Subject: { Data: subject.replace(/[\r\n]+/g, ' '), Charset: 'UTF-8' },
        Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
      },
    },
  };
}

export async function emailAlert(ses: SESv2Client, input: SendEmailCommandInput): Promise<DeliveryOutcome> {
  try {
    await ses.send(new SendEmailCommand(input));
    return { status: 'delivered', attempts: 1, httpStatus: 200 };
  } catch (error) {
    const { name, message } = error as Error;
    return {
      status: 'failed',
      attempts: 1,
      reason: `SES did not send the alert (${name}: ${message}); check that ${input.FromEmailAddress} is a verified SES identity`,
    };
  }
}
