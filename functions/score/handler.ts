// Score Lambda: reads the scoring queue (batches of { "signalIds": [...] }) and scores those
// signals with Amazon Comprehend. Each record stands alone: a malformed body, or a batch that
// left signals unscored (throttling, a Comprehend outage), fails only that record, which SQS
// delivers again (already-scored signals are skipped) and after maxReceiveCount moves to the DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { createComprehendAnalyzer } from '../../shared/adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '../../shared/adapters/analyzers/comprehend/comprehend-client';
import { score } from '../../shared/app/score';
import type { Profile } from '../../shared/domain/profile';
import { BrandTableEnv, createLogger, createStore, loadProfile, readEnv } from '../runtime';

const env = readEnv(BrandTableEnv);
const store = createStore(env);
const analyzer = createComprehendAnalyzer({ client: createComprehendClient() });
const logger = createLogger('congruence-score');
const processor = new BatchProcessor(EventType.SQS);

export const ScoreMessageSchema = z.object({ signalIds: z.array(z.string().min(1)).min(1).max(25) });

/** The body of a scoring message; throws (failing only this record) when it is not one. */
export function parseScoreMessage(body: string): z.infer<typeof ScoreMessageSchema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('scoring message body is not JSON; expected {"signalIds": [...]}');
  }
  const parsed = ScoreMessageSchema.safeParse(json);
  if (!parsed.success) throw new Error(`scoring message body is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function scoreRecord(record: SQSRecord, profile: Profile): Promise<void> {
  try {
    const { signalIds } = parseScoreMessage(record.body);
    const report = await score(profile, { store, analyzer }, { signalIds });
    if (report.failed > 0) {
      throw new Error(`${report.failed} of ${signalIds.length} signal(s) could not be scored this time; SQS delivers the message again`);
    }
    const { signals, scored, alreadyScored, offBrand } = report;
    logger.info('scored', { messageId: record.messageId, signals, scored, alreadyScored, offBrand });
  } catch (error) {
    logger.warn('record failed; SQS redelivers it, then moves it to the DLQ', { messageId: record.messageId, error: error as Error });
    throw error;
  }
}

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  const profile = await loadProfile(store, env);
  return processPartialResponse(event, (record: SQSRecord) => scoreRecord(record, profile), processor, { context });
}
