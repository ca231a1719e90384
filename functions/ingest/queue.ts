// Hands new signal ids to the scoring queue: one message per Comprehend batch (25 ids), ten
// messages per SendMessageBatch call, and the entries SQS reports as failed sent again a few times.
// Sending the same ids twice is harmless: scoring skips signals already scored.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { EnqueueError } from '../errors';
import { IDS_PER_MESSAGE } from '../scoring-message';

export const MESSAGES_PER_CALL = 10;
export const SEND_ATTEMPTS = 3;

/** The SendMessageBatch entries for these ids, grouped per call; entry ids are unique per call. */
export function chunkForQueue(signalIds: readonly string[]): SendMessageBatchRequestEntry[][] {
  const bodies: string[] = [];
  for (let start = 0; start < signalIds.length; start += IDS_PER_MESSAGE) {
    bodies.push(JSON.stringify({ signalIds: signalIds.slice(start, start + IDS_PER_MESSAGE) }));
  }
  const calls: SendMessageBatchRequestEntry[][] = [];
  for (let start = 0; start < bodies.length; start += MESSAGES_PER_CALL) {
    calls.push(
      bodies.slice(start, start + MESSAGES_PER_CALL).map((MessageBody, index) => ({ Id: `m${index}`, MessageBody })),
    );
  }
  return calls;
}

export interface EnqueueOptions {
  sqs: SQSClient;
  queueUrl: string;
  sleep?: (ms: number) => Promise<void>;
}

/** Sends every id; throws EnqueueError when entries still fail after SEND_ATTEMPTS. Returns messages sent. */
export async function enqueueForScoring(signalIds: readonly string[], options: EnqueueOptions): Promise<number> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  let sent = 0;
  for (const entries of chunkForQueue(signalIds)) {
    let pending = entries;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(100 * 2 ** (attempt - 2));
      const answer = await options.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: pending }),
      );
      const failed = new Map((answer.Failed ?? []).map((failure) => [failure.Id, failure]));
      sent += pending.length - failed.size;
      if (failed.size > 0 && attempt >= SEND_ATTEMPTS) {
        const reasons = [...failed.values()].map((failure) =>
          `${failure.Code ?? 'unknown'}: ${failure.Message ?? ''}`.trim(),
        );
        throw new EnqueueError(
          `${failed.size} scoring message(s) not accepted by ${options.queueUrl} after ${SEND_ATTEMPTS} attempts ` +
            `(${[...new Set(reasons)].join('; ')}); the schedule retries, and re-sending is safe`,
        );
      }
      pending = pending.filter((entry) => failed.has(entry.Id));
    }
  }
  return sent;
}
