// The Comprehend analyzer and languages: unsupported ones skipped unsent, the dominant language asked
// for only when unknown; and the calls and billable units it counts, retries included.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
} from '@aws-sdk/client-comprehend';
import { describe, expect, it } from 'vitest';
import {
  keyPhrasesAnswer,
  languageLists,
  sentimentAnswer,
  sentimentLists,
  useMockedComprehend,
} from '#test/support/comprehend-fake';
import { MODEL, answerEverything, doc } from './analyzer-harness';

const { comprehend, analyzer } = useMockedComprehend();

describe('languages', () => {
  it('skips a document in an unsupported language without sending it anywhere', async () => {
    answerEverything(comprehend);

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
    expect(sentimentLists(comprehend)).toEqual([['I love it.']]);
  });

  it('calls nothing when no document is in a supported language', async () => {
    const { results } = await analyzer().analyze([doc('nl', 'Ik hou ervan.', { language: 'nl' })]);

    expect(results.map((result) => result.status)).toEqual(['skipped']);
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('asks for the dominant language only of documents without one, and uses the top-scoring language', async () => {
    answerEverything(comprehend);
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

    expect(languageLists(comprehend)).toEqual([
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
      sentimentAnswer(input.TextList, { fails: (text) => text === frenchText && ++frenchAttempts === 1 }),
    );
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

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
