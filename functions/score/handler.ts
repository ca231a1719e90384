// Score Lambda: reads the scoring queue (batches of up to ten {"signalIds": [...]} messages) and
// scores the batch's signals together with Amazon Comprehend (score-batch.ts). A malformed body,
// or a message holding signals left unscored (throttling, a Comprehend outage), fails only that
// message, which SQS delivers again (already-scored signals are skipped) and after
// maxReceiveCount moves to the DLQ.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import { loadWordSenses } from '#adapters/meaning/bundled-word-senses';
import { loadWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { FUNCTION_ENV } from '#adapters/lambda/contract';
import { createLogger, createStore, loadStoredProfile, readEnv } from '../runtime';
import { scoreQueueBatch } from './score-batch';

const env = readEnv(FUNCTION_ENV.score);
const store = createStore(env);
const analyzer = createComprehendAnalyzer({ client: createComprehendClient() });
// 7 MB read once per container: matching by meaning needs them for every signal
const wordVectors = loadWordVectors(env.WORD_VECTORS_DIR);
const wordSenses = loadWordSenses(env.WORD_SENSES_DIR);
const logger = createLogger('congruence-score');

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  const profile = await loadStoredProfile(store, env);
  const { batchItemFailures } = await scoreQueueBatch(
    event.Records,
    profile,
    { store, analyzer, wordVectors, wordSenses },
    logger,
  );
  return { batchItemFailures };
}
