// Amazon Comprehend throttling as the score use case meets it: absorbed by the SDK's own retries
// (against a local endpoint that throttles), or outlasting them, when only that call's signals fail,
// as retryable, and a later run scores exactly them, once.
import { text as readBody } from 'node:stream/consumers';
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendServiceException,
} from '@aws-sdk/client-comprehend';
import { describe, expect, it, vi } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import { scoreExitCode } from '#cli/score-command';
import { EXIT } from '#cli/exit-codes';
import { keyPhrasesAnswer, sentimentAnswer } from '#test/support/comprehend-fake';
import { startLocalServer, type LocalServer } from '#test/support/local-server';
import {
  CLI_BATCH_SIZE,
  FIRST_RUN,
  MODEL,
  SECOND_RUN,
  THIRD_RUN,
  textsOf,
  useComprehendFaults,
} from './comprehend-harness';

const { comprehend, mockedAnalyzer, sentimentLists, keyPhraseLists, storedScores, storeReviews, run, scoredAtById } =
  useComprehendFaults();

describe('Comprehend throttling', () => {
  it('comprehend: throttling the SDK absorbs (two ThrottlingExceptions, then an answer) scores every signal once in one run', async () => {
    const signals = await storeReviews(6);
    const fake = await startThrottlingComprehend(2);
    try {
      // The client the CLI and the Lambdas use (adaptive retries, 8 attempts), pointed at the fake.
      vi.stubEnv('AWS_ENDPOINT_URL_COMPREHEND', fake.server.origin);
      vi.stubEnv('AWS_ENDPOINT_URL', undefined);
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      vi.stubEnv('AWS_SESSION_TOKEN', undefined);
      vi.stubEnv('AWS_PROFILE', undefined);
      vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/congruence-test-config');
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/congruence-test-credentials');
      const sdkClient = createComprehendClient('eu-west-1');
      const analyzer = createComprehendAnalyzer({ client: sdkClient });

      const first = await run(analyzer, FIRST_RUN);
      const second = await run(analyzer, SECOND_RUN);
      sdkClient.destroy();

      const texts = textsOf(signals);
      // Three HTTP requests for the one sentiment call (two throttled, the third answered), one for key phrases.
      expect(fake.requests).toEqual([
        { operation: 'BatchDetectSentiment', textList: texts, answered: 'ThrottlingException' },
        { operation: 'BatchDetectSentiment', textList: texts, answered: 'ThrottlingException' },
        { operation: 'BatchDetectSentiment', textList: texts, answered: 'results' },
        { operation: 'BatchDetectKeyPhrases', textList: texts, answered: 'results' },
      ]);
      expect(first).toMatchObject({ signals: 6, scored: 6, failed: 0, alreadyScored: 0, skipped: {} });
      // Our ledger counts the calls we made; the SDK's retries are its own.
      expect(first.cost.calls).toEqual({ DetectSentiment: 1, DetectKeyPhrases: 1, DetectDominantLanguage: 0 });
      expect(second).toMatchObject({ signals: 6, scored: 0, failed: 0, alreadyScored: 6 });
      const stored = await storedScores();
      expect(stored.map((each) => [each.signalId, each.status, each.scoredAt])).toEqual(
        signals.map((signal) => [signal.id, 'scored', FIRST_RUN.toISOString()]),
      );
    } finally {
      await fake.server.close();
    }
  });

  it('comprehend: throttling that outlasts the SDK’s retries fails only that call’s signals, as retryable, and the next run scores exactly them once', async () => {
    const signals = await storeReviews(30);
    const throttled = new ComprehendServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    let throttledCalls = 1; // a counter, not rejectsOnce: the history is reset between runs
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => {
      if (throttledCalls-- > 0) throw throttled;
      return sentimentAnswer(input.TextList);
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));
    const analyzer = mockedAnalyzer();
    const firstBatch = textsOf(signals.slice(0, 25));
    const secondBatch = textsOf(signals.slice(25));

    const first = await run(analyzer, FIRST_RUN, CLI_BATCH_SIZE);

    expect(first).toMatchObject({ signals: 30, scored: 5, failed: 25, alreadyScored: 0, skipped: {} });
    expect(scoreExitCode(first)).toBe(EXIT.sourcesFailed);
    expect(sentimentLists()).toEqual([firstBatch, secondBatch]);
    expect(keyPhraseLists()).toEqual([secondBatch]);
    expect([...(await scoredAtById()).keys()]).toEqual(signals.slice(25).map((signal) => signal.id));

    comprehend.resetHistory();
    const second = await run(analyzer, SECOND_RUN, CLI_BATCH_SIZE);

    expect(second).toMatchObject({ signals: 30, scored: 25, failed: 0, alreadyScored: 5 });
    expect(scoreExitCode(second)).toBe(EXIT.ok);
    expect(sentimentLists()).toEqual([firstBatch]);
    expect(keyPhraseLists()).toEqual([firstBatch]);
    const scoredAt = await scoredAtById();
    expect(signals.map((signal) => scoredAt.get(signal.id))).toEqual([
      ...Array(25).fill(SECOND_RUN.toISOString()),
      ...Array(5).fill(FIRST_RUN.toISOString()),
    ]);

    comprehend.resetHistory();
    const third = await run(analyzer, THIRD_RUN, CLI_BATCH_SIZE);
    expect(third).toMatchObject({ scored: 0, failed: 0, alreadyScored: 30 });
    expect(comprehend.calls()).toHaveLength(0);
  });
});

// ---- a Comprehend endpoint on 127.0.0.1 that throttles, for the SDK's own retries ---------------

interface ThrottlingComprehend {
  server: LocalServer;
  requests: Array<{ operation: string; textList: string[]; answered: 'ThrottlingException' | 'results' }>;
}

/** Answers the first `throttled` BatchDetectSentiment requests with ThrottlingException, as Comprehend does (HTTP 400). */
async function startThrottlingComprehend(throttled: number): Promise<ThrottlingComprehend> {
  const requests: ThrottlingComprehend['requests'] = [];
  let left = throttled;
  const server = await startLocalServer((request, response) => {
    void readBody(request).then((body) => {
      const operation = String(request.headers['x-amz-target'] ?? '').replace('Comprehend_20171127.', '');
      const textList = (JSON.parse(body) as { TextList: string[] }).TextList;
      const headers = { 'content-type': 'application/x-amz-json-1.1' };
      if (operation === 'BatchDetectSentiment' && left > 0) {
        left--;
        requests.push({ operation, textList, answered: 'ThrottlingException' });
        response
          .writeHead(400, headers)
          .end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      requests.push({ operation, textList, answered: 'results' });
      const answer =
        operation === 'BatchDetectSentiment' ? sentimentAnswer(textList) : keyPhrasesAnswer(textList, MODEL);
      response.writeHead(200, headers).end(JSON.stringify(answer));
    });
  });
  return { server, requests };
}
