// One SQS batch of scoring messages, scored together: the signal ids of every well-formed message
// go to the score use case in one run, so Comprehend gets full calls of 25 texts across messages
// instead of a part-filled last call per message. The answer names the messages to deliver again:
// a malformed body, and every message holding a signal that could not be scored this time
// (throttling, a Comprehend outage). Signals already scored are skipped when they come back.
import type { SQSBatchItemFailure, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { score, type ScoreDeps, type ScoreReport } from '#app/score';
import type { Profile } from '#domain/profile';
import { parseScoreMessage } from '../scoring-message';

const RECORD_FAILED = 'record failed; SQS redelivers it, then moves it to the DLQ';

/** What the batch scorer tells the log: the structured logger of the Lambda, or a test's recorder. */
export interface ScoreBatchLog {
  info(message: string, details: Record<string, unknown>): void;
  warn(message: string, details: Record<string, unknown>): void;
}

export interface ScoreBatchResult extends SQSBatchResponse {
  /** The score run over the batch's signals; absent when no message was well formed. */
  report?: ScoreReport;
}

export async function scoreQueueBatch(
  records: readonly SQSRecord[],
  profile: Profile,
  deps: ScoreDeps,
  log: ScoreBatchLog,
): Promise<ScoreBatchResult> {
  const failures: SQSBatchItemFailure[] = [];
  const messages: Array<{ messageId: string; signalIds: string[] }> = [];
  for (const record of records) {
    try {
      messages.push({ messageId: record.messageId, signalIds: parseScoreMessage(record.body).signalIds });
    } catch (error) {
      log.warn(RECORD_FAILED, { messageId: record.messageId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  if (messages.length === 0) return { batchItemFailures: failures };

  const signalIds = [...new Set(messages.flatMap((message) => message.signalIds))];
  let report: ScoreReport;
  try {
    // One analyzer batch for the whole SQS batch: the fewest Comprehend calls.
    report = await score(profile, deps, { signalIds, batchSize: signalIds.length });
  } catch (error) {
    log.warn('scoring the batch failed; SQS redelivers its messages, then moves them to the DLQ', {
      messageIds: messages.map((message) => message.messageId),
      error: error as Error,
    });
    return { batchItemFailures: [...failures, ...messages.map((message) => ({ itemIdentifier: message.messageId }))] };
  }

  const failedIds = new Set(report.failedSignalIds);
  for (const message of messages) {
    const unscored = message.signalIds.filter((id) => failedIds.has(id));
    if (unscored.length === 0) continue;
    log.warn(RECORD_FAILED, {
      messageId: message.messageId,
      error: `${unscored.length} of ${message.signalIds.length} signal(s) could not be scored this time; SQS delivers the message again`,
    });
    failures.push({ itemIdentifier: message.messageId });
  }
  const { scored, alreadyScored, offBrand, failed, unavailable, notScored } = report;
  // signals = scored + alreadyScored + the counts of notScored, each with its reason in words.
  log.info('scored', {
    messages: messages.length,
    signals: report.signals,
    scored,
    alreadyScored,
    offBrand,
    failed,
    unavailable,
    notScored,
    cost: report.cost,
    // what benchmarking costs: units per entity (the brand's id, each competitor's)
    comprehendUnitsByEntity: report.comprehendUnitsByEntity,
  });
  return { batchItemFailures: failures, report };
}
