// Amazon Comprehend errors as the score use case meets them: a partial ErrorList, a text it fails on
// every attempt, and a service error on one batch of many. Each case asserts the exact requests,
// what was stored, and that a later run scores what was left and nothing twice.
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  InternalServerException,
} from '@aws-sdk/client-comprehend';
import { describe, expect, it } from 'vitest';
import { scoreExitCode } from '#cli/score-command';
import { EXIT } from '#cli/exit-codes';
import { answerComprehend, keyPhrasesAnswer, labelByKeyword, sentimentAnswer } from '#test/support/comprehend-fake';
import { CLI_BATCH_SIZE, FIRST_RUN, MODEL, SECOND_RUN, textsOf, useComprehendFaults } from './comprehend-harness';

const {
  comprehend,
  sleeps,
  store,
  mockedAnalyzer,
  sentimentLists,
  keyPhraseLists,
  storedScores,
  storeReviews,
  run,
  scoredAtById,
} = useComprehendFaults();

describe('Comprehend partial failures', () => {
  it('comprehend: a partial ErrorList resends only the failed indices, and no signal is scored twice', async () => {
    const signals = await storeReviews(5);
    const texts = textsOf(signals);
    const refused = [signals[1]?.text ?? '', signals[3]?.text ?? ''];
    let calls = 0;
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => {
      calls++;
      return sentimentAnswer(input.TextList, { fails: (_text, index) => calls === 1 && [1, 3].includes(index) });
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const first = await run(mockedAnalyzer(), FIRST_RUN);

    expect(sentimentLists()).toEqual([texts, refused]);
    expect(comprehend).toHaveReceivedNthCommandWith(BatchDetectSentimentCommand, 2, {
      TextList: refused,
      LanguageCode: 'en',
    });
    expect(keyPhraseLists()).toEqual([texts]);
    expect(sleeps).toHaveLength(1);
    expect(first).toMatchObject({ signals: 5, scored: 5, failed: 0, skipped: {} });
    expect(first.cost.calls).toEqual({ DetectSentiment: 2, DetectKeyPhrases: 1, DetectDominantLanguage: 0 });
    const stored = await storedScores();
    expect(
      stored.map((each) => [each.signalId, each.status === 'scored' ? each.sentiment.label : each.reason]),
    ).toEqual(signals.map((signal) => [signal.id, labelByKeyword(signal.text)]));

    comprehend.resetHistory();
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 0, alreadyScored: 5 });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('comprehend: a text Comprehend lists in ErrorList with a server error on every attempt fails for now, and is sent again next run', async () => {
    const signals = await storeReviews(3);
    const texts = textsOf(signals);
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFake((input) => sentimentAnswer(input.TextList, { fails: (text) => text === texts[2] }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const first = await run(mockedAnalyzer(), FIRST_RUN);

    expect(sentimentLists()).toEqual([texts, [texts[2]], [texts[2]]]);
    expect(keyPhraseLists()).toEqual([[texts[0], texts[1]]]);
    expect(first).toMatchObject({ scored: 2, failed: 1, skipped: {} });
    expect((await storedScores()).map((each) => each.signalId).sort()).toEqual([signals[0]?.id, signals[1]?.id].sort());

    // The outage has passed: only the failed text is sent again, and scored once.
    answerComprehend(comprehend, MODEL);
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 1, alreadyScored: 2, failed: 0 });
    expect(sentimentLists()).toEqual([[texts[2]]]);
  });
});

describe('Comprehend service errors', () => {
  it('comprehend: an InternalServerException on batch 2 of 3 keeps batches 1 and 3, reports 25 failed, and the next run scores just those once', async () => {
    const signals = await storeReviews(75);
    const batches = [signals.slice(0, 25), signals.slice(25, 50), signals.slice(50)];
    const [one, two, three] = batches.map(textsOf) as [string[], string[], string[]];
    let serviceDown = true;
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => {
      if (serviceDown && input.TextList.includes(two[0])) {
        throw new InternalServerException({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } });
      }
      return sentimentAnswer(input.TextList);
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const first = await run(mockedAnalyzer(), FIRST_RUN, CLI_BATCH_SIZE);

    expect(sentimentLists()).toEqual([one, two, three]);
    expect(keyPhraseLists()).toEqual([one, three]);
    expect(first).toMatchObject({ signals: 75, scored: 50, failed: 25, alreadyScored: 0, skipped: {} });
    expect(scoreExitCode(first)).toBe(EXIT.sourcesFailed);
    const [record] = await store().recentRuns(1);
    expect(record).toMatchObject({ kind: 'score', summary: { scored: 50, failed: 25 } });
    const afterFirst = await scoredAtById();
    expect([...afterFirst.keys()].sort()).toEqual([...batches[0]!, ...batches[2]!].map((signal) => signal.id).sort());

    serviceDown = false;
    comprehend.resetHistory();
    const second = await run(mockedAnalyzer(), SECOND_RUN, CLI_BATCH_SIZE);

    expect(sentimentLists()).toEqual([two]);
    expect(keyPhraseLists()).toEqual([two]);
    expect(second).toMatchObject({ signals: 75, scored: 25, failed: 0, alreadyScored: 50 });
    const scoredAt = await scoredAtById();
    expect(signals.map((signal) => scoredAt.get(signal.id))).toEqual([
      ...Array(25).fill(FIRST_RUN.toISOString()),
      ...Array(25).fill(SECOND_RUN.toISOString()),
      ...Array(25).fill(FIRST_RUN.toISOString()),
    ]);
  });
});
