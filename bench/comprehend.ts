// Amazon Comprehend without an account: a client mock (aws-sdk-client-mock) that answers every
// batch call and counts what the analyzer actually sends, per API: requests, texts and billable
// units (100-character units, at least 3 per text). The counts come from the requests themselves,
// not from the analyzer's own ledger, so the two can be checked against each other.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { billableUnits } from '#domain/analyzer';

export const MAX_TEXTS_PER_CALL = 25;

export interface ApiCount {
  calls: number;
  texts: number;
  units: number;
}

export type ComprehendCounts = Record<'DetectSentiment' | 'DetectKeyPhrases' | 'DetectDominantLanguage', ApiCount>;

export interface CountingComprehend {
  client: ComprehendClient;
  counts: ComprehendCounts;
  /** Calls of every API so far. */
  totalCalls(): number;
  /** Drops the requests the mock keeps (the counts stay): call it now and then on a long run. */
  forget(): void;
  /**
   * The fewest calls that could have carried the texts sent since the last time this was asked, per
   * API: ceil(N/25) for each language (a call carries one language). Asked after each invocation of
   * the score Lambda, it gives the floor within an invocation, which no batching across texts that
   * arrive in different invocations can beat.
   */
  takeInvocationFloor(): Record<string, number>;
}

function count(
  into: ApiCount,
  textList: readonly string[] | undefined,
  sinceLastFloor: Map<string, number>,
  api: string,
  language = 'detect',
): void {
  const texts = textList ?? [];
  const key = `${api}|${language}`;
  sinceLastFloor.set(key, (sinceLastFloor.get(key) ?? 0) + texts.length);
  into.calls += 1;
  into.texts += texts.length;
  into.units += texts.reduce((sum, text) => sum + billableUnits([...text].length), 0);
}

export function countingComprehend(): CountingComprehend {
  const client = new ComprehendClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const mock = mockClient(client);
  const sinceLastFloor = new Map<string, number>();
  const counts: ComprehendCounts = {
    DetectSentiment: { calls: 0, texts: 0, units: 0 },
    DetectKeyPhrases: { calls: 0, texts: 0, units: 0 },
    DetectDominantLanguage: { calls: 0, texts: 0, units: 0 },
  };
  // The answers only need to be well formed: the benchmark counts requests, it does not judge scores.
  mock.on(BatchDetectSentimentCommand).callsFake((input: { TextList?: string[]; LanguageCode?: string }) => {
    count(counts.DetectSentiment, input.TextList, sinceLastFloor, 'DetectSentiment', input.LanguageCode);
    return {
      ResultList: (input.TextList ?? []).map((_, Index) => ({
        Index,
        Sentiment: 'POSITIVE',
        SentimentScore: { Positive: 0.9, Negative: 0.04, Neutral: 0.05, Mixed: 0.01 },
      })),
      ErrorList: [],
    };
  });
  mock.on(BatchDetectKeyPhrasesCommand).callsFake((input: { TextList?: string[]; LanguageCode?: string }) => {
    count(counts.DetectKeyPhrases, input.TextList, sinceLastFloor, 'DetectKeyPhrases', input.LanguageCode);
    return {
      ResultList: (input.TextList ?? []).map((_, Index) => ({ Index, KeyPhrases: [{ Text: 'bike', Score: 0.9 }] })),
      ErrorList: [],
    };
  });
  mock.on(BatchDetectDominantLanguageCommand).callsFake((input: { TextList?: string[] }) => {
    count(counts.DetectDominantLanguage, input.TextList, sinceLastFloor, 'DetectDominantLanguage');
    return {
      ResultList: (input.TextList ?? []).map((_, Index) => ({
        Index,
        Languages: [{ LanguageCode: 'en', Score: 0.99 }],
      })),
      ErrorList: [],
    };
  });
  return {
    client,
    counts,
    totalCalls: () => Object.values(counts).reduce((sum, api) => sum + api.calls, 0),
    forget: () => mock.resetHistory(),
    takeInvocationFloor: () => {
      const floor: Record<string, number> = {};
      for (const [key, texts] of sinceLastFloor) {
        const api = key.slice(0, key.indexOf('|'));
        floor[api] = (floor[api] ?? 0) + callFloor(texts);
      }
      sinceLastFloor.clear();
      return floor;
    },
  };
}

/** The fewest calls that can carry `texts` texts: ceil(texts / 25). */
export function callFloor(texts: number): number {
  return Math.ceil(texts / MAX_TEXTS_PER_CALL);
}
