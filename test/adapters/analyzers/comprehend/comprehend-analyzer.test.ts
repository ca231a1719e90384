// The Comprehend analyzer against a mocked client: the exact requests it sends (batching, sentences,
// truncation, retries of failed indices, languages) and what it makes of the answers.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  InternalServerException,
  InvalidRequestException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import { ComprehendResponseError } from '#adapters/analyzers/comprehend/errors';
import type { AnalyzerDocument, DocumentAnalysis, SentimentLabel } from '#domain/analyzer';

const comprehend = mockClient(ComprehendClient);
const client = new ComprehendClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const sleeps: number[] = [];

function analyzer(maxAttemptsForFailedIndices = 3) {
  return createComprehendAnalyzer({ client, maxAttemptsForFailedIndices, sleep: async (ms) => void sleeps.push(ms) });
}

// A fake model: the label follows a keyword in the text, so every result can be checked against its text.
function labelFor(text: string): SentimentLabel {
  if (text.includes('love')) return 'POSITIVE';
  if (text.includes('late')) return 'NEGATIVE';
  if (text.includes('but')) return 'MIXED';
  return 'NEUTRAL';
}

function scoresFor(label: SentimentLabel) {
  return {
    Positive: label === 'POSITIVE' ? 0.91 : 0.03,
    Negative: label === 'NEGATIVE' ? 0.91 : 0.03,
    Neutral: label === 'NEUTRAL' ? 0.91 : 0.03,
    Mixed: label === 'MIXED' ? 0.91 : 0.03,
  };
}

function sentimentOf(text: string) {
  const label = labelFor(text);
  const s = scoresFor(label);
  return { label, scores: { positive: s.Positive, negative: s.Negative, neutral: s.Neutral, mixed: s.Mixed } };
}

const itemError = (Index: number) => ({
  Index,
  ErrorCode: 'INTERNAL_SERVER_ERROR',
  ErrorMessage: 'Internal server error',
});

/** A BatchDetectSentiment answer for a TextList; `fails` picks the indices to put in ErrorList instead. */
function sentimentAnswer(textList: string[], fails: (text: string, index: number) => boolean = () => false) {
  return {
    ResultList: textList.flatMap((text, Index) =>
      fails(text, Index) ? [] : [{ Index, Sentiment: labelFor(text), SentimentScore: scoresFor(labelFor(text)) }],
    ),
    ErrorList: textList.flatMap((text, Index) => (fails(text, Index) ? [itemError(Index)] : [])),
  };
}

const phraseOf = (text: string) => `phrase of ${text.slice(0, 20)}`;

function keyPhrasesAnswer(textList: string[]) {
  return {
    ResultList: textList.map((text, Index) => ({
      Index,
      KeyPhrases: [{ Text: phraseOf(text), Score: 0.99, BeginOffset: 0, EndOffset: 20 }],
    })),
    ErrorList: [],
  };
}

function answerEverything(): void {
  comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList));
  comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));
}

const sentimentLists = () =>
  comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input.TextList);
const keyPhraseLists = () =>
  comprehend.commandCalls(BatchDetectKeyPhrasesCommand).map((call) => call.args[0].input.TextList);
const languageLists = () =>
  comprehend.commandCalls(BatchDetectDominantLanguageCommand).map((call) => call.args[0].input.TextList);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function doc(id: string, text: string, extra: Partial<AnalyzerDocument> = {}): AnalyzerDocument {
  return { id, text, language: 'en', sentences: [], ...extra };
}

function scored(result: DocumentAnalysis | undefined) {
  if (result?.status !== 'scored') throw new Error(`expected a scored result, got ${JSON.stringify(result)}`);
  return result;
}

beforeEach(() => {
  comprehend.reset();
  sleeps.length = 0;
});
afterEach(() => comprehend.reset());

describe('the Comprehend analyzer', () => {
  it('is named comprehend, at version 1 unless told otherwise', () => {
    expect(analyzer()).toMatchObject({ name: 'comprehend', version: '1' });
    expect(createComprehendAnalyzer({ client, version: '2' }).version).toBe('2');
  });

  it('calls nothing for an empty batch and reports no cost', async () => {
    const { results, cost } = await analyzer().analyze([]);

    expect(results).toEqual([]);
    expect(comprehend.calls()).toHaveLength(0);
    expect(cost.calls).toEqual({ DetectSentiment: 0, DetectKeyPhrases: 0, DetectDominantLanguage: 0 });
  });
});

describe('batching', () => {
  it('sends 60 documents in key-phrase batches of 25, 25 and 10, and their sentences inside the sentiment batches', async () => {
    answerEverything();
    const documents = Array.from({ length: 60 }, (_, i) =>
      doc(`d${i}`, `Review ${i}: I love the oat milk.`, {
        sentences: i % 3 === 0 ? [`Sentence one of review ${i}.`, `Sentence two of review ${i} came late.`] : [],
      }),
    );

    const { results } = await analyzer().analyze(documents);

    // 60 documents + 20 documents x 2 sentences = 100 TextList entries: 4 calls of 25, in input order,
    // each document followed by its sentences.
    const entries = documents.flatMap((document) => [document.text, ...document.sentences]);
    expect(entries).toHaveLength(100);
    expect(sentimentLists()).toEqual(chunks(entries, 25));
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 4);
    expect(comprehend).toHaveReceivedCommandWith(BatchDetectSentimentCommand, {
      TextList: entries.slice(0, 25),
      LanguageCode: 'en',
    });
    // Key phrases only for whole documents: 60 = 25 + 25 + 10.
    const texts = documents.map((document) => document.text);
    expect(keyPhraseLists()).toEqual([texts.slice(0, 25), texts.slice(25, 50), texts.slice(50)]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 0);

    expect(results.map((result) => result.status)).toEqual(Array(60).fill('scored'));
    const first = scored(results[0]);
    expect(first.sentiment.label).toBe('POSITIVE');
    expect(first.keyPhrases).toEqual([phraseOf(texts[0] ?? '')]);
    expect(first.sentences.map((sentence) => [sentence.text, sentence.sentiment.label])).toEqual([
      ['Sentence one of review 0.', 'NEUTRAL'],
      ['Sentence two of review 0 came late.', 'NEGATIVE'],
    ]);
    expect(scored(results[1]).sentences).toEqual([]);
  });

  it('sends a text once when a sentence is the whole document', async () => {
    answerEverything();

    const { results, cost } = await analyzer().analyze([doc('a', 'I love it.', { sentences: ['I love it.'] })]);

    expect(sentimentLists()).toEqual([['I love it.']]);
    expect(scored(results[0]).sentences).toEqual([{ text: 'I love it.', sentiment: sentimentOf('I love it.') }]);
    expect(cost.units.DetectSentiment).toBe(3);
  });

  it('maps scores to the domain and takes the label from Comprehend', async () => {
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [
        { Index: 0, Sentiment: 'MIXED', SentimentScore: { Positive: 0.4, Negative: 0.35, Neutral: 0.05, Mixed: 0.2 } },
      ],
      ErrorList: [],
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const { results } = await analyzer().analyze([doc('a', 'Good milk, bad box.')]);

    expect(scored(results[0]).sentiment).toEqual({
      label: 'MIXED',
      scores: { positive: 0.4, negative: 0.35, neutral: 0.05, mixed: 0.2 },
    });
  });
});

describe('truncation', () => {
  it('cuts a 12,000-byte text at a sentence boundary within 5,000 bytes, without splitting é or an emoji', async () => {
    answerEverything();
    const sentence = 'Le café était très bon 😀 et le thé aussi. ';
    const text = sentence.repeat(Math.ceil(12_000 / Buffer.byteLength(sentence)));
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(12_000);

    const { results } = await analyzer().analyze([doc('long', text, { language: 'fr' })]);

    const sent = sentimentLists()[0]?.[0] ?? '';
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(5_000);
    expect(Buffer.byteLength(sent)).toBeGreaterThan(5_000 - Buffer.byteLength(sentence));
    expect(text.startsWith(sent)).toBe(true);
    expect(sent.endsWith('aussi.')).toBe(true);
    expect(Buffer.from(sent, 'utf8').toString('utf8')).toBe(sent); // no lone surrogate
    expect(keyPhraseLists()).toEqual([[sent]]);
    expect(scored(results[0])).toMatchObject({ truncated: true, analyzedChars: Array.from(sent).length });
  });

  it('reports an untouched text as not truncated, counting characters rather than UTF-16 units', async () => {
    answerEverything();

    const { results } = await analyzer().analyze([doc('a', 'I love it 😀')]);

    expect(scored(results[0])).toMatchObject({ truncated: false, analyzedChars: 11 });
  });
});

describe('partial failures', () => {
  const texts = ['I love A.', 'B came late.', 'C is here.', 'D is good but late.', 'I love E.'];

  it('resends only the failed indices and maps shuffled results back by Index', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFakeOnce((input) => {
        const answer = sentimentAnswer(input.TextList, (_, index) => index === 1 || index === 3);
        return { ResultList: [...answer.ResultList].reverse(), ErrorList: [...answer.ErrorList].reverse() };
      })
      .callsFake((input) => {
        const answer = sentimentAnswer(input.TextList);
        return { ...answer, ResultList: [...answer.ResultList].reverse() };
      });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const { results } = await analyzer().analyze(texts.map((text, i) => doc(`d${i}`, text)));

    expect(sentimentLists()).toEqual([texts, ['B came late.', 'D is good but late.']]);
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
      .callsFake((input) => sentimentAnswer(input.TextList, (text) => text === 'C is here.'));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const { results } = await analyzer(3).analyze(texts.map((text, i) => doc(`d${i}`, text)));

    // 3 attempts: everything, then the refused text alone twice.
    expect(sentimentLists()).toEqual([texts, ['C is here.'], ['C is here.']]);
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
    expect(keyPhraseLists()).toEqual([texts.filter((text) => text !== 'C is here.')]);
  });

  it('skips a document Comprehend keeps refusing for itself, not to be sent again', async () => {
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => ({
      ...sentimentAnswer(input.TextList, (text) => text === 'C is here.'),
      ErrorList: input.TextList.flatMap((text: string, Index: number) =>
        text === 'C is here.'
          ? [{ Index, ErrorCode: 'TEXT_SIZE_LIMIT_EXCEEDED', ErrorMessage: 'Input text size exceeds limit' }]
          : [],
      ),
    }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

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
      .callsFake((input) => sentimentAnswer(input.TextList, (text) => text === 'A refused sentence.'));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const { results } = await analyzer(2).analyze([
      doc('a', 'I love the milk. A refused sentence. It came late.', {
        sentences: ['A refused sentence.', 'It came late.', ''],
      }),
    ]);

    // The empty sentence is never sent (TextList entries must not be empty).
    expect(sentimentLists()).toEqual([
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
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

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
    expect(keyPhraseLists()).toEqual([texts.slice(0, 25), texts.slice(50)]);
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
      const answer = keyPhrasesAnswer(input.TextList);
      const refused = input.TextList.indexOf('I love A.');
      return {
        ResultList: answer.ResultList.filter((result) => result.Index !== refused),
        ErrorList: refused >= 0 ? [itemError(refused)] : [],
      };
    });

    const { results } = await analyzer(2).analyze([doc('a', 'I love A.'), doc('b', 'I love B.')]);

    expect(keyPhraseLists()).toEqual([['I love A.', 'I love B.'], ['I love A.']]);
    expect(results.map((result) => result.status)).toEqual(['skipped', 'scored']);
    expect(results[0]).toMatchObject({
      reason: expect.stringContaining('DetectKeyPhrases failed on this text 2 times'),
    });
  });
});

describe('languages', () => {
  it('skips a document in an unsupported language without sending it anywhere', async () => {
    answerEverything();

    const { results } = await analyzer().analyze([
      doc('en', 'I love it.'),
      doc('nl', 'Ik hou ervan.', { language: 'nl' }),
    ]);

    expect(results[1]).toEqual({
      id: 'nl',
      status: 'skipped',
      reason: 'language nl is not supported by Amazon Comprehend sentiment',
      retryable: false,
    });
    expect(comprehend.calls().flatMap((call) => (call.args[0].input as { TextList: string[] }).TextList)).not.toContain(
      'Ik hou ervan.',
    );
    expect(sentimentLists()).toEqual([['I love it.']]);
  });

  it('calls nothing when no document is in a supported language', async () => {
    const { results } = await analyzer().analyze([doc('nl', 'Ik hou ervan.', { language: 'nl' })]);

    expect(results.map((result) => result.status)).toEqual(['skipped']);
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('asks for the dominant language only of documents without one, and uses the top-scoring language', async () => {
    answerEverything();
    const detected: Record<string, Array<{ LanguageCode: string; Score: number }>> = {
      "J'adore le lait d'avoine.": [
        { LanguageCode: 'en', Score: 0.1 },
        { LanguageCode: 'fr', Score: 0.85 },
      ],
      'Me encanta la leche de avena.': [{ LanguageCode: 'es', Score: 0.97 }],
      'Ik hou van havermelk.': [{ LanguageCode: 'nl', Score: 0.93 }],
    };
    comprehend.on(BatchDetectDominantLanguageCommand).callsFake((input) => ({
      ResultList: input.TextList.map((text: string, Index: number) => ({ Index, Languages: detected[text] ?? [] })),
      ErrorList: [],
    }));
    const documents = [
      doc('en', 'I love oat milk.'),
      doc('fr', "J'adore le lait d'avoine.", { language: undefined }),
      doc('es', 'Me encanta la leche de avena.', { language: undefined }),
      doc('nl', 'Ik hou van havermelk.', { language: undefined }),
    ];

    const { results } = await analyzer().analyze(documents);

    expect(languageLists()).toEqual([
      ["J'adore le lait d'avoine.", 'Me encanta la leche de avena.', 'Ik hou van havermelk.'],
    ]);
    // One call per language, each with its own LanguageCode.
    expect(comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input)).toEqual([
      { TextList: ['I love oat milk.'], LanguageCode: 'en' },
      { TextList: ["J'adore le lait d'avoine."], LanguageCode: 'fr' },
      { TextList: ['Me encanta la leche de avena.'], LanguageCode: 'es' },
    ]);
    expect(results.map((result) => (result.status === 'scored' ? result.language : result.reason))).toEqual([
      'en',
      'fr',
      'es',
      'language nl is not supported by Amazon Comprehend sentiment',
    ]);
  });
  it('skips a document whose language Comprehend cannot tell, without a sentiment call', async () => {
    comprehend
      .on(BatchDetectDominantLanguageCommand)
      .resolves({ ResultList: [{ Index: 0, Languages: [] }], ErrorList: [] });

    const { results } = await analyzer().analyze([doc('a', '12345 67890 !!!', { language: undefined })]);

    expect(results).toEqual([
      {
        id: 'a',
        status: 'skipped',
        reason: 'Amazon Comprehend could not tell the language of this text',
        retryable: false,
      },
    ]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 0);
  });
});

describe('cost', () => {
  it('counts calls and billable units per API, retries included, as computed by hand', async () => {
    const longText = 'I love the oat milk. '.repeat(50); // 21 x 50 = 1,050 characters
    const frenchText = "Le lait d'avoine est arrivé en retard."; // 38 characters: under 300
    comprehend.on(BatchDetectDominantLanguageCommand).resolves({
      ResultList: [{ Index: 0, Languages: [{ LanguageCode: 'fr', Score: 0.99 }] }],
      ErrorList: [],
    });
    let frenchAttempts = 0;
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) =>
      // The French text is refused the first time only.
      sentimentAnswer(input.TextList, (text) => text === frenchText && ++frenchAttempts === 1),
    );
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const { cost } = await analyzer().analyze([
      doc('en', longText, { sentences: ['I love the oat milk.'] }),
      doc('fr', frenchText, { language: undefined }),
      doc('nl', 'Ik hou van havermelk.', { language: 'nl' }),
    ]);

    // DetectDominantLanguage: 1 call with [frenchText]: max(3, ceil(38/100)) = 3 units.
    // DetectSentiment: en call [longText, sentence] = ceil(1050/100) = 11 + max(3, ceil(20/100)) = 3 -> 14;
    //   fr call [frenchText] fails -> 3; fr retry [frenchText] -> 3. 3 calls, 14 + 3 + 3 = 20 units.
    // DetectKeyPhrases: en [longText] = 11, fr [frenchText] = 3. 2 calls, 14 units.
    // The nl document costs nothing: it is never sent.
    expect(cost).toEqual({
      calls: { DetectDominantLanguage: 1, DetectSentiment: 3, DetectKeyPhrases: 2 },
      units: { DetectDominantLanguage: 3, DetectSentiment: 20, DetectKeyPhrases: 14 },
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

describe('the client factory', () => {
  it('configures adaptive retries with 8 attempts, so the SDK absorbs throttling', async () => {
    const created = createComprehendClient('eu-west-1');

    expect(created.config.retryMode).toBe('adaptive');
    expect(await created.config.maxAttempts()).toBe(8);
    expect(await created.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await created.config.region()).toBe('eu-west-1');
  });
});
