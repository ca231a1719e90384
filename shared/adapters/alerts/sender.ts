// Sends an alert to one destination of alerts.channels: Slack, Teams or a webhook through
// deliver.ts with the address (and the webhook's secret) that the channel's variables name, or
// e-mail through SES. Where those names are looked up is the caller's: the process environment in
// local mode, the alerts secret (Secrets Manager) in the stack. A missing address is a failed
// delivery with the fix, not a throw: the alert stays due.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AlertSender } from '#app/alerts';
import type { Profile } from '#domain/profile';
import { type DeliveryOptions, postAlert } from './deliver';
import { type AlertContext, slackMessage, teamsMessage, webhookPayload } from './messages';

export interface SenderOptions extends Pick<DeliveryOptions, 'sleep' | 'resolve'> {
  /** The addresses and secrets by the names the channels give (urlEnv, secretEnv). */
  addresses: Readonly<Record<string, string | undefined>>;
  /** Where those names are set, for the fix when one is missing, e.g. "export it" or "add it to the secret …". */
  whereSet: (name: string, what: string) => string;
  /** Hosts that may be on a private or loopback address: network.allowHosts, and in local mode 127.0.0.1. */
  allowHosts: readonly string[];
  /** The SES client for e-mail alerts; made on first use when absent. */
  ses?: () => SESv2Client;
}

export function alertSender(profile: Profile, context: AlertContext, options: SenderOptions): AlertSender {
  let ses: SESv2Client | undefined;
  return async (destination, alert, key) => {
    if (destination.kind === 'email') {
      // the SES client is loaded only when an alert goes by e-mail
      const { alertEmail, emailAlert } = await import('./email');
      ses ??= options.ses?.() ?? new (await import('@aws-sdk/client-sesv2')).SESv2Client({});
      const to = destination.to ?? profile.digest.recipients;
      return emailAlert(ses, alertEmail(alert, context, { from: profile.digest.sender, to }));
    }
    const url = options.addresses[destination.urlEnv]?.trim();
    if (!url)
      return {
        status: 'failed',
        attempts: 0,
        reason: `${destination.urlEnv} is not set: ${options.whereSet(destination.urlEnv, `the ${destination.kind} address`)}`,
      };
    const secret = destination.kind === 'webhook' ? options.addresses[destination.secretEnv] : undefined;
    if (destination.kind === 'webhook' && !secret)
      return {
        status: 'failed',
        attempts: 0,
        reason: `${destination.secretEnv} is not set: ${options.whereSet(destination.secretEnv, "the webhook's shared secret")}`,
      };
    const body =
      destination.kind === 'slack'
        ? slackMessage(alert, context)
        : destination.kind === 'teams'
          ? teamsMessage(alert, context)
          : webhookPayload(alert, context);
    return postAlert({ kind: destination.kind, url, ...(secret ? { secret } : {}) }, body, key, {
      allowHosts: options.allowHosts,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
  };
}
