// What the stack (infra/) and the Lambda handlers (functions/) agree on, kept here so that neither
// imports the other: the environment each function is given, named and checked once (the handler
// parses it with these schemas at cold start, functions/runtime.ts readEnv; the stack's
// `environment` is typed from them, so it cannot leave out or misspell a variable a handler
// needs), how many scoring messages the score function receives at once, and the metric the alert
// function publishes and the stack alarms on.
import { z } from 'zod';

const name = z.string().trim().min(1);

export const TableEnv = z.object({
  TABLE_NAME: name,
  /** Test and local hook only: talk to dynalite instead of DynamoDB. Never set in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export const BrandTableEnv = TableEnv.extend({ BRAND_ID: name });
/** Where the stack copied models/word-vectors/ and models/word-senses/ in the bundle (infra/scoring.ts). */
export const MeaningEnv = z.object({ WORD_VECTORS_DIR: name, WORD_SENSES_DIR: name });

/** Each function's environment, by its folder under functions/. */
export const FUNCTION_ENV = {
  /** QUEUE_URL: the scoring queue; SOURCE_FILES_DIR: where `path` sources are bundled. */
  ingest: BrandTableEnv.extend({ QUEUE_URL: z.url(), SOURCE_FILES_DIR: z.string().min(1) }),
  score: BrandTableEnv.extend(MeaningEnv.shape),
  /** ALERT_DESTINATIONS_SECRET_ARN (as alert's): set when the digest's summary goes to Slack or Teams (alerts.digestSummary). */
  digest: BrandTableEnv.extend({ ALERT_DESTINATIONS_SECRET_ARN: name.optional() }),
  /**
   * ALERT_DESTINATIONS_SECRET_ARN: the Secrets Manager secret holding the alert channels' addresses
   * and webhook secrets by the names the channels give; set only when a channel needs one.
   */
  alert: BrandTableEnv.extend({ ALERT_DESTINATIONS_SECRET_ARN: name.optional() }),
  'profile-sync': TableEnv,
} as const;

export type FunctionName = keyof typeof FUNCTION_ENV;

/**
 * The variables the stack sets for a function: every one its handler requires, under the name the
 * handler reads. The local hook (DYNAMODB_ENDPOINT) is left out: the stack never sets it.
 */
export type FunctionEnvironment<F extends FunctionName> = Omit<z.input<(typeof FUNCTION_ENV)[F]>, 'DYNAMODB_ENDPOINT'>;

/** Messages the score Lambda receives at once (its event source's batch size): up to 250 signals scored together. */
export const MESSAGES_PER_SCORE_BATCH = 10;

/**
 * The alert function's count of deliveries that failed in a run (0 when none), published as a
 * CloudWatch embedded-metric log line per run, one series per brand; the stack alarms on any above 0.
 */
export const ALERT_DELIVERY_METRIC = {
  namespace: 'Congruence',
  name: 'AlertDeliveriesFailed',
  dimension: 'BrandId',
} as const;
