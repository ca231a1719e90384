// A fake Amazon Comprehend for tests: the answers to the batch operations, built from a small model
// that labels a text by keyword (so every stored score can be checked against its text), and their
// registration on an aws-sdk-client-mock stub. Tests still assert on the exact requests the stub
// received; the fake only decides what it answers.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
  type KeyPhrase,
} from '@aws-sdk/client-comprehend';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import type { Analyzer } from '#domain/analyzer';

export type ComprehendStub = AwsClientStub<ComprehendClient>;
export type FakeLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** What the fake service makes of a text. */
export interface FakeComprehendModel {
  /** The sentiment of a text. */
  label: (text: string) => FakeLabel;
  /** The key phrases of a text. */
  keyPhrases: (text: string) => KeyPhrase[];
  /** Which texts of a TextList come back in ErrorList (a passing server error) instead of ResultList. */
  fails: (text: string, index: number) => boolean;
  /** The personal data DetectPiiEntities finds in a text, offsets in code points. */
  piiEntities: (text: string) => Array<{ Type: string; BeginOffset?: number; EndOffset?: number; Score?: number }>;
}

/** Sentiment by keyword: love is positive, late negative, but mixed, anything else neutral. */
export function labelByKeyword(text: string): FakeLabel {
  if (text.includes('love')) return 'POSITIVE';
  if (text.includes('late')) return 'NEGATIVE';
  if (text.includes('but')) return 'MIXED';
  return 'NEUTRAL';
}

/** The SentimentScore the fake gives a label: 0.91 for it, 0.03 for each other one. */
export function sentimentScoreOf(label: FakeLabel) {
  const score = (wanted: FakeLabel) => (label === wanted ? 0.91 : 0.03);
  return { Positive: score('POSITIVE'), Negative: score('NEGATIVE'), Neutral: score('NEUTRAL'), Mixed: score('MIXED') };
}

const DEFAULT_MODEL: FakeComprehendModel = {
  label: labelByKeyword,
  keyPhrases: () => [],
  fails: () => false,
  piiEntities: () => [],
};

const modelOf = (model: Partial<FakeComprehendModel>): FakeComprehendModel => ({ ...DEFAULT_MODEL, ...model });

/** The ErrorList entry of a text that failed with a server error worth retrying. */
export const itemError = (Index: number) => ({
  Index,
  ErrorCode: 'INTERNAL_SERVER_ERROR',
  ErrorMessage: 'Internal server error',
});

/** A BatchDetectSentiment answer for a TextList. */
export function sentimentAnswer(textList: string[], model: Partial<FakeComprehendModel> = {}) {
  const { label, fails } = modelOf(model);
  return {
    ResultList: textList.flatMap((text, Index) =>
      fails(text, Index) ? [] : [{ Index, Sentiment: label(text), SentimentScore: sentimentScoreOf(label(text)) }],
    ),
    ErrorList: textList.flatMap((text, Index) => (fails(text, Index) ? [itemError(Index)] : [])),
  };
}

/** A BatchDetectKeyPhrases answer for a TextList. */
export function keyPhrasesAnswer(textList: string[], model: Partial<FakeComprehendModel> = {}) {
  const { keyPhrases } = modelOf(model);
  return { ResultList: textList.map((text, Index) => ({ Index, KeyPhrases: keyPhrases(text) })), ErrorList: [] };
}

/** A BatchDetectDominantLanguage answer for a TextList: English, every time. */
export function englishAnswer(textList: string[]) {
  return {
    ResultList: textList.map((_text, Index) => ({ Index, Languages: [{ LanguageCode: 'en', Score: 0.99 }] })),
    ErrorList: [],
  };
}

/**
 * Resets the stub and has it answer the three batch operations and DetectPiiEntities from the model. A test that wants
 * a fault registers its own answer for one operation afterwards.
 */
export function answerComprehend(stub: ComprehendStub, model: Partial<FakeComprehendModel> = {}): void {
  stub.reset();
  stub.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList, model));
  stub.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, model));
  stub.on(BatchDetectDominantLanguageCommand).callsFake((input) => englishAnswer(input.TextList));
  const { piiEntities } = modelOf(model);
  stub.on(DetectPiiEntitiesCommand).callsFake((input) => ({ Entities: piiEntities(input.Text) }));
}

/** The TextList of every BatchDetectSentiment call the stub received, in order. */
export const sentimentLists = (stub: ComprehendStub) =>
  stub.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input.TextList);
/** The TextList of every BatchDetectKeyPhrases call the stub received, in order. */
export const keyPhraseLists = (stub: ComprehendStub) =>
  stub.commandCalls(BatchDetectKeyPhrasesCommand).map((call) => call.args[0].input.TextList);
/** The TextList of every BatchDetectDominantLanguage call the stub received, in order. */
export const languageLists = (stub: ComprehendStub) =>
  stub.commandCalls(BatchDetectDominantLanguageCommand).map((call) => call.args[0].input.TextList);

export interface MockedComprehend {
  /** The stub: what it answers, and the requests it received. */
  comprehend: ComprehendStub;
  /** A client whose sends the stub answers. */
  client: ComprehendClient;
  /** The waits the analyzer asked for between attempts, in milliseconds; emptied before each test. */
  sleeps: number[];
  /** The Comprehend analyzer over `client`, recording its waits instead of sleeping; 3 attempts unless told. */
  analyzer(maxAttemptsForFailedIndices?: number): Analyzer;
}

/**
 * Mocks Comprehend for the tests of a file, and empties the stub and the recorded waits before and
 * after each test. `everyClient` answers the clients the code under test makes for itself (a
 * handler's); without it, only `client` is mocked and other clients reach the endpoint they name.
 */
export function useMockedComprehend({ everyClient = true } = {}): MockedComprehend {
  const client = new ComprehendClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const comprehend = mockClient(everyClient ? ComprehendClient : client);
  const sleeps: number[] = [];
  beforeEach(() => {
    comprehend.reset();
    sleeps.length = 0;
  });
  afterEach(() => comprehend.reset());
  return {
    comprehend,
    client,
    sleeps,
    analyzer: (maxAttemptsForFailedIndices = 3) =>
      createComprehendAnalyzer({ client, maxAttemptsForFailedIndices, sleep: async (ms) => void sleeps.push(ms) }),
  };
}
