// Faults of Amazon Comprehend as the score use case meets them: throttling (absorbed by the SDK, or
// outlasting it), a partial ErrorList, an unsupported language, an oversized document, and a service
// error on one batch of many. Each case runs `score` with the Comprehend analyzer over a dynalite
// store holding a handful of signals, asserts the exact requests Comprehend received, what was stored,
// and that a later run scores what was left and nothing twice.
import type { IncomingMessage } from 'node:http';
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  ComprehendServiceException,
  InternalServerException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import type { DynamoStore, TimeRange } from '#adapters/store/dynamo-store';
import { score, type ScoreReport } from '#app/score';
import { scoreExitCode } from '#cli/score-command';
import { EXIT } from '#cli/exit-codes';
import { analyzerKey, type Analyzer } from '#domain/analyzer';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import { startLocalServer, type LocalServer } from '#test/support/local-server';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const NOVEMBER: TimeRange = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const KEY = analyzerKey({ name: 'comprehend', version: '1' });
/** The clock of each run, so a stored score tells which run wrote it. */
const FIRST_RUN = new Date('2026-11-23T10:00:00.000Z');
const SECOND_RUN = new Date('2026-11-23T11:00:00.000Z');
const THIRD_RUN = new Date('2026-11-23T12:00:00.000Z');
/** What `congruence score --analyzer comprehend` passes: one use-case batch per 25 signals. */
const CLI_BATCH_SIZE = 25;

const profile = makeProfile([
  { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
]);

const table = useLocalTable();
let store: DynamoStore;

beforeEach(() => {
  store = table.store({ now: () => THIRD_RUN });
});

// ---- signals and the fake model ---------------------------------------------------------------

/**
 * Review n: one sentence, unique to it. Every third mentions a repair (the declared value); that
 * sentence is the whole text, so Comprehend gets it once, as the document.
 */
function reviewText(n: number): string {
  return n % 3 === 0 ? `The free repair of bike ${n} was quick, I love it.` : `Bike ${n} arrived late and scratched.`;
}

/** Reviews 0..count-1, published a minute apart, so the store returns them in this order. */
async function storeReviews(
  count: number,
  text: (n: number) => string = reviewText,
  overrides: (n: number) => Partial<Signal> = () => ({}),
): Promise<Signal[]> {
  const signals = Array.from({ length: count }, (_, n) =>
    makeSignal({
      key: `review-${n}`,
      title: '',
      text: text(n),
      publishedAt: new Date(Date.UTC(2026, 10, 10, 9, n)).toISOString(),
      ...overrides(n),
    }),
  );
  await store.saveNewSignals(signals, RETAIN_DAYS);
  return signals;
}

type Label = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** Sentiment by keyword, so every stored score can be checked against its text. */
function labelFor(text: string): Label {
  if (text.includes('love')) return 'POSITIVE';
  if (text.includes('late')) return 'NEGATIVE';
  return 'NEUTRAL';
}

function sentimentScore(label: Label) {
  const high = (wanted: Label) => (label === wanted ? 0.91 : 0.03);
  return { Positive: high('POSITIVE'), Negative: high('NEGATIVE'), Neutral: high('NEUTRAL'), Mixed: high('MIXED') };
}

function sentimentAnswer(textList: string[], failedIndices: readonly number[] = []) {
  return {
    ResultList: textList.flatMap((text, Index) =>
      failedIndices.includes(Index)
        ? []
        : [{ Index, Sentiment: labelFor(text), SentimentScore: sentimentScore(labelFor(text)) }],
    ),
    ErrorList: failedIndices.map((Index) => ({
      Index,
      ErrorCode: 'INTERNAL_SERVER_ERROR',
      ErrorMessage: 'Internal server error',
    })),
  };
}

function keyPhrasesAnswer(textList: string[]) {
  return {
    ResultList: textList.map((text, Index) => ({
      Index,
      KeyPhrases: [{ Text: `bike ${/\d+/.exec(text)?.[0] ?? '?'}`, Score: 0.99, BeginOffset: 0, EndOffset: 6 }],
    })),
    ErrorList: [],
  };
}

// ---- Comprehend through a client mock ----------------------------------------------------------

const client = new ComprehendClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const comprehend = mockClient(client);
const sleeps: number[] = [];

function mockedAnalyzer(): Analyzer {
  return createComprehendAnalyzer({
    client,
    maxAttemptsForFailedIndices: 3,
    sleep: async (ms) => void sleeps.push(ms),
  });
}

const sentimentLists = () =>
  comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input.TextList);
const keyPhraseLists = () =>
  comprehend.commandCalls(BatchDetectKeyPhrasesCommand).map((call) => call.args[0].input.TextList);

function run(analyzer: Analyzer, at: Date, batchSize?: number): Promise<ScoreReport> {
  return score(profile, { store, analyzer, now: () => at }, batchSize === undefined ? {} : { batchSize });
}

async function storedScores(): Promise<SignalScore[]> {
  return store.scoresBetween(NOVEMBER, KEY);
}

/** signal id -> when its score was written; a signal scored twice would show the later run. */
async function scoredAtById(): Promise<Map<string, string>> {
  return new Map((await storedScores()).map((each) => [each.signalId, each.scoredAt]));
}

const textsOf = (signals: Signal[]) => signals.map((signal) => signal.text);

beforeEach(() => {
  comprehend.reset();
  sleeps.length = 0;
});
afterEach(() => {
  comprehend.reset();
  vi.unstubAllEnvs();
});

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
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));
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

describe('Comprehend partial failures', () => {
  it('comprehend: a partial ErrorList resends only the failed indices, and no signal is scored twice', async () => {
    const signals = await storeReviews(5);
    const texts = textsOf(signals);
    const refused = [signals[1]?.text ?? '', signals[3]?.text ?? ''];
    let calls = 0;
    comprehend
      .on(BatchDetectSentimentCommand)
      .callsFake((input) => sentimentAnswer(input.TextList, ++calls === 1 ? [1, 3] : []));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

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
    ).toEqual(signals.map((signal) => [signal.id, labelFor(signal.text)]));

    comprehend.resetHistory();
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 0, alreadyScored: 5 });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('comprehend: a text Comprehend lists in ErrorList with a server error on every attempt fails for now, and is sent again next run', async () => {
    const signals = await storeReviews(3);
    const texts = textsOf(signals);
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) =>
      sentimentAnswer(
        input.TextList,
        input.TextList.flatMap((text: string, index: number) => (text === texts[2] ? [index] : [])),
      ),
    );
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const first = await run(mockedAnalyzer(), FIRST_RUN);

    expect(sentimentLists()).toEqual([texts, [texts[2]], [texts[2]]]);
    expect(keyPhraseLists()).toEqual([[texts[0], texts[1]]]);
    expect(first).toMatchObject({ scored: 2, failed: 1, skipped: {} });
    expect((await storedScores()).map((each) => each.signalId).sort()).toEqual([signals[0]?.id, signals[1]?.id].sort());

    // The outage has passed: only the failed text is sent again, and scored once.
    comprehend.reset();
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 1, alreadyScored: 2, failed: 0 });
    expect(sentimentLists()).toEqual([[texts[2]]]);
  });
});

describe('Comprehend input limits', () => {
  it('comprehend: an unsupported language is skipped without a call, its reason stored, and not retried next run', async () => {
    const signals = await storeReviews(3, reviewText, (n) =>
      n === 1 ? { text: 'Ik hou van mijn fiets, de reparatie was gratis.', language: 'nl' } : {},
    );
    const [english0, dutch, english2] = signals as [Signal, Signal, Signal];
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));
    const reason = 'language nl is not supported by Amazon Comprehend sentiment';

    const first = await run(mockedAnalyzer(), FIRST_RUN);

    expect(comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input)).toEqual([
      { TextList: [english0.text, english2.text], LanguageCode: 'en' },
    ]);
    expect(keyPhraseLists()).toEqual([[english0.text, english2.text]]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 0);
    expect(first).toMatchObject({ signals: 3, scored: 2, failed: 0, skipped: { [reason]: 1 } });
    const stored = await storedScores();
    expect(stored.find((each) => each.signalId === dutch.id)).toEqual({
      status: 'skipped',
      signalId: dutch.id,
      analyzer: KEY,
      sourceId: 'shop-reviews',
      channel: 'review',
      publishedAt: dutch.publishedAt,
      scoredAt: FIRST_RUN.toISOString(),
      reason,
    });

    comprehend.resetHistory();
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 0, alreadyScored: 3, skipped: {} });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('comprehend: an oversized document is cut at a sentence boundary within 5,000 UTF-8 bytes and its score says truncated', async () => {
    const opening = 'The repair was free and quick. ';
    // 56 characters, 65 UTF-8 bytes: a curly apostrophe (3), é twice, è and û (2 each), an emoji (4).
    const filler = 'Fernhill’s café serves crème brûlée 😀 every single day. ';
    const text = opening + filler.repeat(200);
    expect(Buffer.byteLength(filler)).toBe(65);
    const [signal] = await storeReviews(1, () => text);
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentAnswer(input.TextList));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const report = await run(mockedAnalyzer(), FIRST_RUN);

    // Whole sentences only: the opening and as many fillers as fit in 4,999 bytes, trailing space dropped.
    const fillers = Math.floor((4_999 - Buffer.byteLength(opening)) / Buffer.byteLength(filler));
    const sent = (opening + filler.repeat(fillers)).trimEnd();
    expect(fillers).toBe(76);
    expect(Buffer.byteLength(sent)).toBe(4_970);
    // The document (cut) and its value sentence travel in one sentiment call; key phrases get the cut document.
    expect(sentimentLists()).toEqual([[sent, 'The repair was free and quick.']]);
    expect(keyPhraseLists()).toEqual([[sent]]);
    expect(report).toMatchObject({ scored: 1, failed: 0 });
    // Billed on what was sent: 4,286 characters = 43 units per API, plus 3 for the value sentence.
    expect(report.cost.units).toEqual({ DetectSentiment: 46, DetectKeyPhrases: 43, DetectDominantLanguage: 0 });
    const [stored] = await storedScores();
    expect(stored).toMatchObject({
      signalId: signal?.id,
      status: 'scored',
      truncated: true,
      analyzedChars: Array.from(sent).length,
    });
    expect(Array.from(sent).length).toBe(4_286);
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
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList));

    const first = await run(mockedAnalyzer(), FIRST_RUN, CLI_BATCH_SIZE);

    expect(sentimentLists()).toEqual([one, two, three]);
    expect(keyPhraseLists()).toEqual([one, three]);
    expect(first).toMatchObject({ signals: 75, scored: 50, failed: 25, alreadyScored: 0, skipped: {} });
    expect(scoreExitCode(first)).toBe(EXIT.sourcesFailed);
    const [record] = await store.recentRuns(1);
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
      const answer = operation === 'BatchDetectSentiment' ? sentimentAnswer(textList) : keyPhrasesAnswer(textList);
      response.writeHead(200, headers).end(JSON.stringify(answer));
    });
  });
  return { server, requests };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
