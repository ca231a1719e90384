// Digest Lambda: the weekly schedule invokes it with {} (the week just ended) or { "week":
// "2026-W47" }. It builds the digest from the stored scores and sends it once with SES: the week is
// the idempotency key, marked before sending and cleared again when the send fails, so a retried
// invocation neither skips nor repeats the e-mail. Invoked by hand with { "rebuildRollups": true },
// it recomputes the weekly rollups from the stored scores instead (after digest.timezone changed).
// The daily schedule invokes it with { "searchReviewBursts": true }: it searches the days of the
// last week with reviews scored since their last search for review bursts and keeps what it finds,
// so that the weekly digest reads the bursts as found (app/review-bursts.ts).
// With alerts.digestSummary, a digest sent is also posted to the Slack and Teams channels of
// alerts.channels as a short summary, their addresses read from the alerts' secret; a summary that
// cannot be posted is logged and counted in the delivery-failure metric, the digest being sent.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { composeDigestMime, digestMessageId } from '#adapters/digest/compose-mime';
import { sendDigestMime, type SentDigest } from '#adapters/mail/ses-mailer';
import { buildDigest } from '#app/digest';
import { reviewBurstsBetween } from '#app/review-bursts';
import { rebuildRollups } from '#app/rollups';
import { FUNCTION_ENV } from '#adapters/lambda/contract';
import { digestSummaryChannels, postDigestSummary } from '#adapters/alerts/digest-summary';
import type { DigestModel } from '#domain/digest-model';
import type { Profile } from '#domain/profile';
import { deliveryMetricLine } from '../delivery-metric';
import { destinationsReader } from '../destinations-secret';
import { AnalyzerKeyEnv } from '../analyzer-env';
import { createLogger, createStore, loadStoredProfile, readEnv } from '../runtime';

const env = readEnv(FUNCTION_ENV.digest.extend(AnalyzerKeyEnv.shape));
const store = createStore(env);
const ses = new SESv2Client({});
const readDestinations = destinationsReader(new SecretsManagerClient({}), env.ALERT_DESTINATIONS_SECRET_ARN);
const logger = createLogger('congruence-digest');

export const DigestEventSchema = z.object({
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, 'an ISO week like 2026-W47')
    .optional(),
  rebuildRollups: z.literal(true).optional(),
  searchReviewBursts: z.literal(true).optional(),
});

/** How far back the daily search for review bursts looks: a week, and a day for reviews scored late. */
export const BURST_SEARCH_DAYS = 8;

export async function handler(event: unknown, context: Context) {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  const { week: requested, rebuildRollups: rebuild, searchReviewBursts } = DigestEventSchema.parse(event ?? {});
  const profile = await loadStoredProfile(store, env);
  if (searchReviewBursts) {
    const now = new Date();
    const range = { from: now.getTime() - BURST_SEARCH_DAYS * 86_400_000, to: now.getTime() };
    const { days, searched, reviewsRead, bursts } = await reviewBurstsBetween(
      store,
      profile,
      env.ANALYZER_KEY,
      range,
      now,
    );
    logger.info('review bursts searched', { days, searched, reviewsRead, bursts: bursts.length });
    return { status: 'review-bursts-searched' as const, days, searched, reviewsRead, bursts: bursts.length };
  }
  if (rebuild) {
    const report = await rebuildRollups(store, profile, env.ANALYZER_KEY);
    logger.info('weekly rollups rebuilt', { ...report });
    return { status: 'rollups-rebuilt' as const, ...report };
  }
  const { model } = await buildDigest(profile, { store, analyzer: env.ANALYZER_KEY }, { week: requested });
  const { week } = model;
  const from = profile.digest.sender;
  const messageId = digestMessageId(model, from);

  if (!(await store.markDigestSent(week, new Date().toISOString(), messageId))) {
    logger.info('digest already sent for this week', { week });
    return { status: 'already-sent' as const, week };
  }
  let sent: SentDigest;
  try {
    const mime = await composeDigestMime(model, { from, to: profile.digest.recipients });
    sent = await sendDigestMime(ses, mime, { from, to: profile.digest.recipients });
  } catch (error) {
    await store.clearDigestSent(week);
    const reason = (error as Error).message;
    logger.error('digest not sent; week marker cleared', { week, reason });
    throw new Error(`digest for week ${week} was not sent (${reason}); the next invocation may send it`, {
      cause: error,
    });
  }
  logger.info('digest sent', { week, messageId, ...sent });
  const summary = await postSummary(profile, model);
  return {
    status: 'sent' as const,
    week,
    messageId: sent.sesMessageId ?? messageId,
    ...(summary === undefined ? {} : { summary }),
  };
}

/** Posts the sent digest's summary where alerts.digestSummary asks; per destination, what came of it. */
async function postSummary(profile: Profile, model: DigestModel): Promise<Record<string, string> | undefined> {
  if (digestSummaryChannels(profile).length === 0) return undefined;
  const posted = await postDigestSummary(profile, model, {
    ...(await readDestinations()),
    allowHosts: profile.network.allowHosts,
  });
  const failed = Object.values(posted).filter((outcome) => outcome !== 'delivered').length;
  if (failed > 0) logger.warn('digest summary not posted everywhere', { week: model.week, posted });
  else logger.info('digest summary posted', { week: model.week, posted });
  process.stdout.write(deliveryMetricLine(env.BRAND_ID, failed, Date.now()));
  return posted;
}
