// The ingest Lambda on scheduled events: a real dynalite table, the feed file where the bundle
// keeps it, SQS mocked to check the exact messages handed to scoring, and Comprehend mocked to
// check the personal-data redaction before storing.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DetectPiiEntitiesCommand, TooManyRequestsException } from '@aws-sdk/client-comprehend';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnqueueError } from '#functions/errors';
import { chunkForQueue, enqueueForScoring } from '#functions/ingest/queue';
import { loadStoredProfile } from '#functions/runtime';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { pseudonymFor } from '#domain/redaction';
import { startLocalServer } from '#test/support/local-server';
import { makeProfile } from '../support/profile';
import { answerComprehend, useMockedComprehend } from '#test/support/comprehend-fake';
import { coldStart, lambdaContext } from '#test/support/lambda';
import { useLocalTable } from '#test/support/local-table';

const TABLE = 'congruence-fn-ingest';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/congruence-scoring';
const profile = makeProfile([
  { id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' },
  { id: 'newsroom', kind: 'rss', path: 'atom-links-without-href.atom', channel: 'stance' },
  { id: 'gone', kind: 'rss', path: 'missing.rdf', channel: 'review' },
  { id: 'social-again', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' },
]);
const sqs = mockClient(SQSClient);
const { comprehend } = useMockedComprehend();
const table = useLocalTable(TABLE);
let store: DynamoStore;
let handler: typeof import('#functions/ingest/handler').handler;

beforeAll(async () => {
  store = table.store({ brandId: profile.brand.id });
  await store.putProfile(profile, new Date().toISOString());
  const sourceFiles = mkdtempSync(join(tmpdir(), 'congruence-sources-'));
  for (const file of ['rss1-social.rdf', 'atom-links-without-href.atom']) {
    copyFileSync(join(process.cwd(), 'test/fixtures/feeds', file), join(sourceFiles, file));
  }
  ({ handler } = await coldStart(
    {
      TABLE_NAME: TABLE,
      BRAND_ID: profile.brand.id,
      QUEUE_URL,
      SOURCE_FILES_DIR: sourceFiles,
      DYNAMODB_ENDPOINT: table.endpoint,
    },
    () => import('#functions/ingest/handler'),
  ));
});
beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  answerComprehend(comprehend);
});

const bodiesSent = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) =>
      (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody ?? '') as { signalIds: string[] }),
    );

describe('the ingest Lambda on a scheduled event', () => {
  it('stores the source’s new signals and queues exactly their ids for scoring, once', async () => {
    const result = await handler({ sourceId: 'social' }, lambdaContext('ingest'));
    const stored = (await store.signalsBySource('social')).map((signal) => signal.id);
    expect(stored).toHaveLength(2);
    expect(result).toMatchObject({ sourceId: 'social', outcome: 'new', newSignals: 2, messages: 1 });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: QUEUE_URL });
    expect(bodiesSent().map((body) => body.signalIds.sort())).toEqual([stored.sort()]);
    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 2);
    expect(comprehend).toHaveReceivedCommandWith(DetectPiiEntitiesCommand, {
      Text: 'Loving the new frame\n\nLoving the new frame from @fernhillbikes 🚲 #fernhill',
      LanguageCode: 'en',
    });
    const authors = (await store.signalsBySource('social')).map((signal) => signal.author).sort();
    expect(authors).toEqual(
      [pseudonymFor(profile.brand.id, '@mara_rides'), pseudonymFor(profile.brand.id, '@tom_k')].sort(),
    );
    expect(result).toMatchObject({ redacted: 2, redactionFallbacks: 0 });

    sqs.resetHistory();
    const again = await handler({ sourceId: 'social' }, lambdaContext('ingest'));
    expect(again).toMatchObject({ newSignals: 0, messages: 0 });
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  it('stores every signal, redacted by the patterns, when Comprehend is throttled past the SDK’s retries', async () => {
    comprehend
      .on(DetectPiiEntitiesCommand)
      .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    const result = await handler({ sourceId: 'social-again' }, lambdaContext('ingest'));
    expect(result).toMatchObject({ outcome: 'new', newSignals: 2, redacted: 2, redactionFallbacks: 2 });
    const stored = await store.signalsBySource('social-again');
    expect(stored.map((signal) => signal.author)).not.toContain('@mara_rides');
    expect(stored.map((signal) => signal.text)).toContain('Loving the new frame from @fernhillbikes 🚲 #fernhill');
  });

  it('reports what it read with a warning (items kept without a broken part) in its result and its log', async () => {
    const result = await handler({ sourceId: 'newsroom' }, lambdaContext('ingest'));
    expect(result).toMatchObject({
      outcome: 'new',
      unreadableItems: 0,
      unreadableDates: 0,
      warnings: ['partly-read-items'],
    });
  });

  it('returns normally when the source cannot be read, leaving the retry to the next schedule', async () => {
    const result = await handler({ sourceId: 'gone' }, lambdaContext('ingest'));
    expect(result).toMatchObject({ sourceId: 'gone', outcome: 'failed', newSignals: 0, messages: 0 });
    expect(result.error?.message).toMatch(/missing\.rdf/);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  it('refuses an event without a source id, and a source the profile does not declare', async () => {
    await expect(handler({}, lambdaContext('ingest'))).rejects.toThrow(/sourceId/);
    await expect(handler({ sourceId: 'nope' }, lambdaContext('ingest'))).rejects.toThrow(
      /source nope is not in the profile/,
    );
  });

  it('says how to fix a table without a profile', async () => {
    const empty = table.store({ brandId: 'nobody' });
    await expect(loadStoredProfile(empty, { TABLE_NAME: TABLE, BRAND_ID: 'nobody' })).rejects.toThrow(
      `no profile in table ${TABLE} for brand nobody; deploy the stack to write it`,
    );
  });

  it('refuses a source on a private address unless the profile’s network.allowHosts names it', async () => {
    const server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        '<rss version="2.0"><channel><title>t</title><item><guid>i1</guid><title>Intranet review</title><description>Fine.</description></item></channel></rss>',
      );
    });
    const intranet = { id: 'intranet', kind: 'rss' as const, url: server.url('/feed.xml'), channel: 'review' as const };
    try {
      await store.putProfile(makeProfile([intranet]), new Date().toISOString());
      const refused = await handler({ sourceId: 'intranet' }, lambdaContext('ingest'));
      expect(refused).toMatchObject({ outcome: 'failed', newSignals: 0 });
      expect(refused.error?.message).toContain(
        `refused to fetch ${server.url('/feed.xml')}: a loopback address is not a public address`,
      );
      expect(server.requests).toHaveLength(0);

      await store.putProfile(
        makeProfile([intranet], { network: { allowHosts: ['127.0.0.1'] } }),
        new Date().toISOString(),
      );
      expect(await handler({ sourceId: 'intranet' }, lambdaContext('ingest'))).toMatchObject({
        outcome: 'new',
        newSignals: 1,
      });
    } finally {
      await store.putProfile(profile, new Date().toISOString());
      await server.close();
    }
  });
});

describe('queueing signal ids for scoring', () => {
  const ids = Array.from({ length: 260 }, (_, index) => `sig-${index}`);

  it('puts at most 25 ids in a message and at most 10 messages in a call, every id once', () => {
    const calls = chunkForQueue(ids);
    expect(calls.map((entries) => entries.length)).toEqual([10, 1]);
    for (const entries of calls) expect(new Set(entries.map((entry) => entry.Id)).size).toBe(entries.length);
    const bodies = calls.flat().map((entry) => JSON.parse(entry.MessageBody ?? '') as { signalIds: string[] });
    expect(bodies.every((body) => body.signalIds.length <= 25)).toBe(true);
    expect(bodies.flatMap((body) => body.signalIds)).toEqual(ids);
    expect(chunkForQueue([])).toEqual([]);
  });

  it('sends again only the entries SQS reports as failed', async () => {
    sqs.reset();
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: 'm1', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });
    const sent = await enqueueForScoring(ids.slice(0, 50), {
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      sleep: async () => undefined,
    });
    expect(sent).toBe(2);
    const entryIds = sqs
      .commandCalls(SendMessageBatchCommand)
      .map((call) => call.args[0].input.Entries?.map((entry) => entry.Id));
    expect(entryIds).toEqual([['m0', 'm1'], ['m1']]);
  });

  it('throws after three attempts, so the schedule retries the invocation', async () => {
    sqs.reset();
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: 'm0', Code: 'InternalError', SenderFault: false }] });
    const sending = enqueueForScoring(['sig-1'], {
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      sleep: async () => undefined,
    });
    await expect(sending).rejects.toThrow(EnqueueError);
    // Sending again is safe and may succeed: the error says so to whoever handles it.
    await expect(sending).rejects.toMatchObject({ name: 'EnqueueError', retryable: true });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
  });
});
