// Ingest Lambda: EventBridge Scheduler invokes it once per source with { "sourceId": "..." }. It
// reads that source into the table and queues the new signal ids for scoring. A failed fetch is
// recorded in the source's state and read again next schedule, so it returns normally; a failure
// to enqueue throws, so the scheduler retries (ingest stores nothing twice, scoring skips scored).
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import { createComprehendPiiRedactor } from '#adapters/analyzers/comprehend/pii-redactor';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { ingest } from '#app/ingest';
import { FUNCTION_ENV } from '#adapters/lambda/contract';
import { createLogger, createStore, loadStoredProfile, readEnv } from '../runtime';
import { enqueueForScoring } from './queue';

export { chunkForQueue } from './queue';

const env = readEnv(FUNCTION_ENV.ingest);
const store = createStore(env);
const sqs = new SQSClient({});
const logger = createLogger('congruence-ingest');
// Personal data is redacted with Comprehend before storing; a failed call falls back to the patterns.
const redactor = createComprehendPiiRedactor({
  client: createComprehendClient(),
  onFallback: (signal, reason) => logger.warn('redacted by patterns only', { signalId: signal.id, reason }),
});

export const IngestEventSchema = z.object({ sourceId: z.string().min(1) });

export async function handler(event: unknown, context: Context) {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  const { sourceId } = IngestEventSchema.parse(event);
  const profile = await loadStoredProfile(store, env);
  if (!profile.sources.some((source) => source.id === sourceId)) {
    throw new Error(
      `source ${sourceId} is not in the profile of brand ${env.BRAND_ID}; redeploy so the schedules match it`,
    );
  }

  // The SSRF guard lets through only the private hosts the profile allows (network.allowHosts).
  const connectorFor = connectorRegistry({ baseDir: env.SOURCE_FILES_DIR, allowHosts: profile.network.allowHosts });
  const report = await ingest(profile, { store, connectorFor, redactor }, { sourceIds: [sourceId] });
  const source = report.sources[0];
  const newSignalIds = source?.newSignalIds ?? [];
  if (source?.outcome === 'failed') {
    logger.warn('source failed; its state is kept and the next schedule reads it again', {
      sourceId,
      error: source.error,
    });
  }
  // What was read but may be wrong or incomplete (unreadable items or dates, ambiguous dates), with the fix.
  for (const warning of source?.warnings ?? []) logger.warn('source read with a warning', { sourceId, ...warning });
  const messages = await enqueueForScoring(newSignalIds, { sqs, queueUrl: env.QUEUE_URL });
  const result = {
    sourceId,
    outcome: source?.outcome,
    items: source?.items ?? 0,
    newSignals: newSignalIds.length,
    redacted: source?.redacted ?? 0,
    redactionFallbacks: source?.redactionFallbacks ?? 0,
    unreadableItems: source?.unreadable ?? 0,
    unreadableDates: source?.unreadableDates ?? 0,
    warnings: source?.warnings.map((warning) => warning.code) ?? [],
    messages,
    error: source?.error,
  };
  logger.info('ingested', result);
  return result;
}
