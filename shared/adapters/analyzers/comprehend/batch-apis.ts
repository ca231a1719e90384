// The three Comprehend batch operations, each reduced to "send these texts, get results and errors
// by Index", with its response validated and mapped to our types.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type ComprehendClient,
} from '@aws-sdk/client-comprehend';
import type { Sentiment } from '#domain/analyzer';
import type { ComprehendApi } from './cost-ledger';
import type { SentimentLanguage } from './limits';
import {
  DominantLanguageResponseSchema,
  KeyPhrasesResponseSchema,
  parseResponse,
  SentimentResponseSchema,
  type ItemError,
} from './responses';

/** One call's answer, keyed by Index into the TextList sent. */
export interface BatchAnswer<T> {
  results: ReadonlyMap<number, T>;
  errors: ReadonlyMap<number, ItemError>;
}

export interface BatchApi<T> {
  name: ComprehendApi;
  send(textList: string[]): Promise<BatchAnswer<T>>;
}

export function sentimentApi(client: ComprehendClient, language: SentimentLanguage): BatchApi<Sentiment> {
  return {
    name: 'DetectSentiment',
    async send(textList) {
      const output = await client.send(new BatchDetectSentimentCommand({ TextList: textList, LanguageCode: language }));
      const { ResultList, ErrorList } = parseResponse('DetectSentiment', SentimentResponseSchema, output);
      return answer(
        ResultList.map(({ Index, Sentiment, SentimentScore }) => [
          Index,
          {
            label: Sentiment,
            scores: {
              positive: SentimentScore.Positive,
              negative: SentimentScore.Negative,
              neutral: SentimentScore.Neutral,
              mixed: SentimentScore.Mixed,
            },
          },
        ]),
        ErrorList,
      );
    },
  };
}

export function keyPhrasesApi(client: ComprehendClient, language: SentimentLanguage): BatchApi<string[]> {
  return {
    name: 'DetectKeyPhrases',
    async send(textList) {
      const output = await client.send(
        new BatchDetectKeyPhrasesCommand({ TextList: textList, LanguageCode: language }),
      );
      const { ResultList, ErrorList } = parseResponse('DetectKeyPhrases', KeyPhrasesResponseSchema, output);
      return answer(
        ResultList.map(({ Index, KeyPhrases }) => [Index, KeyPhrases.map((phrase) => phrase.Text)]),
        ErrorList,
      );
    },
  };
}

/** The most likely language of each text, or undefined when Comprehend named none. */
export function dominantLanguageApi(client: ComprehendClient): BatchApi<string | undefined> {
  return {
    name: 'DetectDominantLanguage',
    async send(textList) {
      const output = await client.send(new BatchDetectDominantLanguageCommand({ TextList: textList }));
      const { ResultList, ErrorList } = parseResponse('DetectDominantLanguage', DominantLanguageResponseSchema, output);
      // The top language by score; the documentation promises no order within Languages.
      return answer(
        ResultList.map(({ Index, Languages }) => [
          Index,
          Languages.reduce<(typeof Languages)[number] | undefined>(
            (best, candidate) => (best === undefined || candidate.Score > best.Score ? candidate : best),
            undefined,
          )?.LanguageCode,
        ]),
        ErrorList,
      );
    },
  };
}

function answer<T>(results: Array<[number, T]>, errors: ItemError[]): BatchAnswer<T> {
  return { results: new Map(results), errors: new Map(errors.map((error) => [error.Index, error])) };
}
