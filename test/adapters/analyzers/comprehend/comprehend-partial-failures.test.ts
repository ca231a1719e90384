// The Comprehend analyzer when Comprehend answers only in part: failed indices resent and mapped
// back, texts it keeps refusing, batches it rejects, and answers in a shape we do not know.
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  InternalServerException,
  InvalidRequestException,
} from '@aws-sdk/client-comprehend';
import { describe, expect, it } from 'vitest';
import { ComprehendResponseError } from '#adapters/analyzers/comprehend/errors';
import {
  itemError,
  keyPhraseLists,
  keyPhrasesAnswer,
  sentimentAnswer,
  sentimentLists,
  useMockedComprehend,
} from '#test/support/comprehend-fake';
import { MODEL, doc, scored } from './analyzer-harness';

const { comprehend, sleeps, analyzer } = useMockedComprehend();

describe('partial failures', () => {
  const texts = ['I love A.', 'B came late.', 'C is here.', 'D is good but late.', 'I love E.'];

  it('resends only the failed indices and maps shuffled results back by Index', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFakeOnce((input) => {
        const answer = sentimentAnswer(input.TextList, { fails: (_, index) => index === 1 || index === 3 });
        return { ResultList: [...answer.ResultList].reverse(), ErrorList: [...answer.ErrorList].reverse() };
      })
      .callsFake((input) => {
        const answer = sentimentAnswer(input.TextList);
        return { ...answer, ResultList: [...answer.ResultList].reverse() };
      });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer().analyze(texts.map((text, i) => doc(`d${i}`, text)));

    expect(sentimentLists(comprehend)).toEqual([texts, ['B came late.', 'D is good but late.']]);
    expect(comprehend).toHaveReceivedNthCommandWith(BatchDetectSentimentCommand, 2, {
      TextList: ['B came late.', 'D is good but late.'],
      LanguageCode: 'en',
    });
    expect(results.map((result) => [result.id, scored(result).sentiment.label])).toEqual([
      ['d0', 'POSITIVE'],
      ['d1', 'NEGATIVE'],
      ['d2', 'NEUTRAL'],
      ['d3', 'NEGATIVE'],
      ['d4', 'POSITIVE'],
    ]);
    expect(sleeps).toHaveLength(1);
  });

  it('fails a document Comprehend keeps failing with a server error as retryable, and scores the others', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFake((input) => sentimentAnswer(input.TextList, { fails: (text) => text === 'C is here.' }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer(3).analyze(texts.map((text, i) => doc(`d${i}`, text)));

    // 3 attempts: everything, then the refused text alone twice.
    expect(sentimentLists(comprehend)).toEqual([texts, ['C is here.'], ['C is here.']]);
    expect(sleeps).toHaveLength(2);
    expect(results[2]).toEqual({
      id: 'd2',
      status: 'skipped',
      reason:
        'Amazon Comprehend DetectSentiment failed on this text 3 times: INTERNAL_SERVER_ERROR: Internal server error',
      retryable: true,
    });
    expect(results.filter((result) => result.status === 'scored').map((result) => result.id)).toEqual([
      'd0',
      'd1',
      'd3',
      'd4',
    ]);
    expect(keyPhraseLists(comprehend)).toEqual([texts.filter((text) => text !== 'C is here.')]);
  });

  it('skips a document Comprehend keeps refusing for itself, not to be sent again', async () => {
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => ({
      ...sentimentAnswer(input.TextList, { fails: (text) => text === 'C is here.' }),
      ErrorList: input.TextList.flatMap((text: string, Index: number) =>
        text === 'C is here.'
          ? [{ Index, ErrorCode: 'TEXT_SIZE_LIMIT_EXCEEDED', ErrorMessage: 'Input text size exceeds limit' }]
          : [],
      ),
    }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer(3).analyze(texts.map((text, i) => doc(`d${i}`, text)));

    expect(results[2]).toEqual({
      id: 'd2',
      status: 'skipped',
      reason:
        'Amazon Comprehend DetectSentiment failed on this text 3 times: TEXT_SIZE_LIMIT_EXCEEDED: Input text size exceeds limit',
      retryable: false,
    });
  });

  it("gives a sentence Comprehend keeps refusing its document's sentiment, and still scores the document", async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFake((input) => sentimentAnswer(input.TextList, { fails: (text) => text === 'A refused sentence.' }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer(2).analyze([
      doc('a', 'I love the milk. A refused sentence. It came late.', {
        sentences: ['A refused sentence.', 'It came late.', ''],
      }),
    ]);

    // The empty sentence is never sent (TextList entries must not be empty).
    expect(sentimentLists(comprehend)).toEqual([
      ['I love the milk. A refused sentence. It came late.', 'A refused sentence.', 'It came late.'],
      ['A refused sentence.'],
    ]);
    const result = scored(results[0]);
    expect(result.sentiment.label).toBe('POSITIVE');
    expect(result.sentences.map((sentence) => [sentence.text, sentence.sentiment.label])).toEqual([
      ['A refused sentence.', 'POSITIVE'],
      ['It came late.', 'NEGATIVE'],
      ['', 'POSITIVE'],
    ]);
  });

  it('skips only the documents of a batch the service rejects, and scores the other two batches', async () => {
    const documents = Array.from({ length: 60 }, (_, i) => doc(`d${i}`, `Review ${i}: I love it.`));
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => {
      if (input.TextList.includes('Review 25: I love it.')) {
        throw new InvalidRequestException({ message: 'The request is invalid.', $metadata: {} });
      }
      return sentimentAnswer(input.TextList);
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer().analyze(documents);

    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 3); // the rejected batch is not resent
    const skippedIds = results.filter((result) => result.status === 'skipped').map((result) => result.id);
    expect(skippedIds).toEqual(documents.slice(25, 50).map((document) => document.id));
    expect(results[25]).toEqual({
      id: 'd25',
      status: 'skipped',
      reason: 'Amazon Comprehend DetectSentiment call failed: InvalidRequestException: The request is invalid.',
      retryable: false,
    });
    const texts = documents.map((document) => document.text);
    expect(keyPhraseLists(comprehend)).toEqual([texts.slice(0, 25), texts.slice(50)]);
  });

  it('marks the documents of a call that failed for a passing reason as retryable', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .rejects(new InternalServerException({ message: 'Service unavailable', $metadata: {} }));

    const { results } = await analyzer().analyze([doc('a', 'I love it.')]);

    expect(results).toEqual([
      {
        id: 'a',
        status: 'skipped',
        reason: 'Amazon Comprehend DetectSentiment call failed: InternalServerException: Service unavailable',
        retryable: true,
      },
    ]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectKeyPhrasesCommand, 0);
  });

  it('skips a document whose key phrases Comprehend keeps refusing', async () => {
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => {
      const answer = keyPhrasesAnswer(input.TextList, MODEL);
      const refused = input.TextList.indexOf('I love A.');
      return {
        ResultList: answer.ResultList.filter((result) => result.Index !== refused),
        ErrorList: refused >= 0 ? [itemError(refused)] : [],
      };
    });

    const { results } = await analyzer(2).analyze([doc('a', 'I love A.'), doc('b', 'I love B.')]);

    expect(keyPhraseLists(comprehend)).toEqual([['I love A.', 'I love B.'], ['I love A.']]);
    expect(results.map((result) => result.status)).toEqual(['skipped', 'scored']);
    expect(results[0]).toMatchObject({
      reason: expect.stringContaining('DetectKeyPhrases failed on this text 2 times'),
    });
  });
});

describe('responses', () => {
  it('stops with a ComprehendResponseError naming the API when the response shape changed', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .resolves({ ResultList: [{ Index: 0, Sentiment: 'POSITIVE' }], ErrorList: [] });

    const analysis = analyzer().analyze([doc('a', 'I love it.')]);

    await expect(analysis).rejects.toThrow(ComprehendResponseError);
    await expect(analysis).rejects.toThrow(/DetectSentiment answered in an unexpected shape.*SentimentScore/);
  });

  it('stops with a ComprehendResponseError when an Index points outside the batch', async () => {
    comprehend.on(BatchDetectSentimentCommand).callsFake(() => sentimentAnswer(['x', 'I love it.']));

    await expect(analyzer().analyze([doc('a', 'I love it.')])).rejects.toThrow(/Index 1 in a batch of 1/);
  });
});
