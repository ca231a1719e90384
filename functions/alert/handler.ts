// Alert Lambda: the hourly schedule invokes it with {}; an operator may re-run an hour with
// { "at": "2026-11-18T12:15:00Z" }. It searches the last hours' new reviews for bursts, detects what
// fires from the stored rollups and kept bursts, and sends it to the
// profile's alerts.channels without spam (app/alerts.ts), the Slack, Teams and webhook addresses read
// from the stack's Secrets Manager secret. A destination that fails does not fail the invocation:
// its alert stays due and the next hour's run sends it, while a throw would only have the
// invocation retried for nothing. The failures are logged and counted in the AlertDeliveriesFailed
// metric, which the stack alarms on.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { FUNCTION_ENV } from '#adapters/lambda/contract';
import { type AlertSending, detectAlerts, sendAlerts } from '#app/alerts';
import { reviewBurstsBetween } from '#app/review-bursts';
import { AnalyzerKeyEnv } from '../analyzer-env';
import { createLogger, createStore, loadStoredProfile, readEnv } from '../runtime';
import { deliveryMetricLine } from '../delivery-metric';
import { destinationsReader, secretAlertSender } from '../destinations-secret';
import { runLog, runSummary } from './report';

const env = readEnv(FUNCTION_ENV.alert.extend(AnalyzerKeyEnv.shape));
const store = createStore(env);
const ses = new SESv2Client({});
const readDestinations = destinationsReader(new SecretsManagerClient({}), env.ALERT_DESTINATIONS_SECRET_ARN);
const logger = createLogger('congruence-alert');

export const AlertEventSchema = z.strictObject({
  /** Run as at this instant instead of now (an instant with its offset). */
  at: z.iso.datetime({ offset: true }).optional(),
});

export async function handler(event: unknown, context: Context) {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  const { at } = AlertEventSchema.parse(event ?? {});
  const now = at === undefined ? new Date() : new Date(at);
  const profile = await loadStoredProfile(store, env);
  // review bursts of the last hours are searched now, not at the next daily search, so that one is
  // alerted the hour its reviews are scored; a day searched before and unchanged since is not read again
  const bursts = await reviewBurstsBetween(
    store,
    profile,
    env.ANALYZER_KEY,
    { from: now.getTime() - profile.alerts.windowHours * 3_600_000, to: now.getTime() },
    now,
  );
  logger.info('review bursts searched', {
    days: bursts.days,
    searched: bursts.searched,
    reviewsRead: bursts.reviewsRead,
  });
  const detection = await detectAlerts(store, profile, env.ANALYZER_KEY, { now });
  let sending: AlertSending | undefined;
  if (profile.alerts.channels.length > 0) {
    const alertContext = {
      brand: profile.brand.name,
      zone: profile.digest.timezone,
      confidence: profile.thresholds.confidence,
      detectedAt: detection.at,
    };
    const send = secretAlertSender(profile, alertContext, { readDestinations, ses });
    sending = await sendAlerts(detection, profile, { store, send, now });
  }
  const failed = sending?.failed ?? 0;
  if (failed > 0)
    logger.warn('alerts checked; some destinations failed and get them next run', runLog(detection, sending));
  else logger.info('alerts checked', runLog(detection, sending));
  process.stdout.write(deliveryMetricLine(env.BRAND_ID, failed, Date.now()));
  return runSummary(detection, sending);
}
