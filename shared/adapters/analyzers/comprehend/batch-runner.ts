// Sends texts to one Comprehend batch operation: each distinct text once, at most 25 a call. Results
// and errors are matched to texts by Index, never by position; the texts Comprehend reported in
// ErrorList are sent again, in new batches of just those, with backoff, up to a bounded number of
// attempts. A call that fails as a whole (after the SDK's own retries) fails its texts, not the run.
import { backoffDelay, type BackoffPolicy } from '#adapters/retry';
import type { BatchAnswer, BatchApi } from './batch-apis';
import type { CostLedger } from './cost-ledger';
import { ComprehendResponseError, describeError, isRetryableCallError } from './errors';
import { MAX_BATCH_SIZE } from './limits';
import type { ItemError } from './responses';

/** ErrorList codes that say nothing about the text itself: Comprehend's own trouble, which passes. */
const PASSING_ITEM_ERRORS = new Set([
  'INTERNAL_SERVER_ERROR',
  'INTERNAL_FAILURE',
  'SERVICE_UNAVAILABLE',
  'THROTTLING',
  'MISSING',
]);

export type TextOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; retryable: boolean };

export interface RunContext {
  ledger: CostLedger;
  /** maxAttempts: attempts per text, the first included, while Comprehend lists it in ErrorList. */
  backoff: BackoffPolicy;
}

/** The outcome of every text, keyed by the text itself. */
export async function analyzeTexts<T>(
  api: BatchApi<T>,
  texts: readonly string[],
  context: RunContext,
): Promise<Map<string, TextOutcome<T>>> {
  const outcomes = new Map<string, TextOutcome<T>>();
  let pending = [...new Set(texts)];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > 1) await context.backoff.sleep(backoffDelay(context.backoff, attempt - 1));
    const failed: Array<[string, ItemError]> = [];
    for (let start = 0; start < pending.length; start += MAX_BATCH_SIZE) {
      failed.push(...(await sendBatch(api, pending.slice(start, start + MAX_BATCH_SIZE), outcomes, context)));
    }
    if (attempt >= context.backoff.maxAttempts) {
      for (const [text, error] of failed) {
        outcomes.set(text, {
          ok: false,
          // A server-side error may pass: the text is tried again next run. Anything else means
          // Comprehend refused this very text several times in a row, and it is not sent again.
          retryable: PASSING_ITEM_ERRORS.has(error.ErrorCode ?? ''),
          reason: `Amazon Comprehend ${api.name} failed on this text ${attempt} times: ${error.ErrorCode}: ${error.ErrorMessage}`,
        });
      }
      break;
    }
    pending = failed.map(([text]) => text);
  }
  return outcomes;
}

/** Sends one batch, records what was settled, and returns the texts Comprehend reported as failed. */
async function sendBatch<T>(
  api: BatchApi<T>,
  batch: string[],
  outcomes: Map<string, TextOutcome<T>>,
  context: RunContext,
): Promise<Array<[string, ItemError]>> {
  context.ledger.recordCall(api.name, batch);
  let answer: BatchAnswer<T>;
  try {
    answer = await api.send(batch);
  } catch (error) {
    if (error instanceof ComprehendResponseError) throw error;
    const reason = `Amazon Comprehend ${api.name} call failed: ${describeError(error)}`;
    for (const text of batch) outcomes.set(text, { ok: false, reason, retryable: isRetryableCallError(error) });
    return [];
  }
  for (const index of answer.errors.keys()) {
    if (index >= batch.length)
      throw new ComprehendResponseError(api.name, `ErrorList Index ${index} in a batch of ${batch.length}`);
  }
  const settled = new Set<number>();
  for (const [index, value] of answer.results) {
    const text = batch[index];
    if (text === undefined)
      throw new ComprehendResponseError(api.name, `ResultList Index ${index} in a batch of ${batch.length}`);
    outcomes.set(text, { ok: true, value });
    settled.add(index);
  }
  const failed: Array<[string, ItemError]> = [];
  batch.forEach((text, index) => {
    if (!settled.has(index)) failed.push([text, answer.errors.get(index) ?? missing(index)]);
  });
  return failed;
}

function missing(index: number): ItemError {
  return { Index: index, ErrorCode: 'MISSING', ErrorMessage: 'neither in ResultList nor in ErrorList' };
}

/** The outcome of a text that was given to analyzeTexts. */
export function outcomeOf<T>(outcomes: ReadonlyMap<string, TextOutcome<T>>, text: string): TextOutcome<T> {
  return outcomes.get(text) ?? { ok: false, reason: 'the text was not sent to Amazon Comprehend', retryable: true };
}
