// Faults of DynamoDB as the store and the ingest use case meet them: writes left unprocessed, a table
// that stays throttled, throttling exceptions, duplicates refused by a condition, and a store failing
// on one source of an ingest run. dynalite is the table; it never throttles, so the faults are put in
// front of it with a client mock whose default is to pass every command through to dynalite. Each
// case asserts the exact requests sent and what the table holds afterwards: nothing lost, nothing twice.
import { join } from 'node:path';
import {
  ProvisionedThroughputExceededException,
  ScanCommand,
  ThrottlingException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand as DocumentScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { DEFAULT_BACKOFF } from '#adapters/retry';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { StoreError } from '#adapters/store/errors';
import { ingest } from '#app/ingest';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const TABLE = 'congruence-reliability-dynamodb';
const FEEDS = join(process.cwd(), 'test/fixtures/feeds');
const CLOCK = new Date('2026-11-23T10:00:00.000Z');

// Captured before the mock replaces it: the pass-through sends each command to dynalite with it.
const realSend = DynamoDBDocumentClient.prototype.send as unknown as (
  this: unknown,
  command: unknown,
) => Promise<unknown>;
const documentClient = mockClient(DynamoDBDocumentClient);

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Sends one command to dynalite through the store's own document client (its marshalling options). */
function toDynalite(command: unknown, getClient: () => unknown): Promise<unknown> {
  return realSend.call(getClient(), command);
}

/** Every command the store uses goes to dynalite unless a case says otherwise. */
function passEverythingThrough(): void {
  documentClient.on(BatchGetCommand).callsFake((input, getClient) => toDynalite(new BatchGetCommand(input), getClient));
  documentClient
    .on(BatchWriteCommand)
    .callsFake((input, getClient) => toDynalite(new BatchWriteCommand(input), getClient));
  documentClient.on(GetCommand).callsFake((input, getClient) => toDynalite(new GetCommand(input), getClient));
  documentClient.on(PutCommand).callsFake((input, getClient) => toDynalite(new PutCommand(input), getClient));
  documentClient.on(QueryCommand).callsFake((input, getClient) => toDynalite(new QueryCommand(input), getClient));
  documentClient.on(DeleteCommand).callsFake((input, getClient) => toDynalite(new DeleteCommand(input), getClient));
  documentClient
    .on(DocumentScanCommand)
    .callsFake((input, getClient) => toDynalite(new DocumentScanCommand(input), getClient));
}

/**
 * Batch writes as a throttled table answers them: each call writes at most `capacity` of its requests
 * to dynalite and hands the rest back as UnprocessedItems. `affects` picks the calls this applies to.
 */
function batchWritesWithCapacity(capacity: number, affects: (requests: WriteRequest[]) => boolean = () => true): void {
  documentClient.on(BatchWriteCommand).callsFake(async (input: BatchWriteCommandInput, getClient) => {
    const requests = input.RequestItems?.[TABLE] ?? [];
    if (!affects(requests)) return toDynalite(new BatchWriteCommand(input), getClient);
    const [processed, unprocessed] = [requests.slice(0, capacity), requests.slice(capacity)];
    if (processed.length > 0)
      await toDynalite(new BatchWriteCommand({ RequestItems: { [TABLE]: processed } }), getClient);
    return { UnprocessedItems: unprocessed.length > 0 ? { [TABLE]: unprocessed } : {} };
  });
}

/** Each BatchWriteItem call as "<sk> <id>" per request, in the order sent. */
function batchWritesSent(): string[][] {
  return documentClient
    .commandCalls(BatchWriteCommand)
    .map((call) =>
      (call.args[0].input.RequestItems?.[TABLE] ?? []).map(
        (request) => `${String(request.PutRequest?.Item?.sk)} ${String(request.PutRequest?.Item?.id)}`,
      ),
    );
}

const sleeps: number[] = [];
// dynalite only: the faults are put in front of the DynamoDB document client, which the embedded table does without.
const table = useLocalTable(TABLE, 'dynalite');
let brand: string;

function storeWith(maxAttempts = DEFAULT_BACKOFF.maxAttempts): DynamoStore {
  return table.store({
    brandId: brand,
    now: () => CLOCK,
    backoff: { ...DEFAULT_BACKOFF, maxAttempts, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
  });
}

/** What the table holds for this test's brand, read with the plain client (not the mocked one): "<type> <id>" per item. */
async function tableContents(): Promise<string[]> {
  const found: string[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'begins_with(pk, :brand)',
        ExpressionAttributeValues: { ':brand': { S: `B#${brand}#` } },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? [])
      found.push(`${item.type?.S ?? '?'} ${item.id?.S ?? item.sourceId?.S ?? item.week?.S ?? item.pk?.S ?? '?'}`);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found.sort();
}

/** The items a set of signals should leave: each signal once, and its "seen" marker once. */
function signalsAndMarkers(signals: Signal[]): string[] {
  return signals.flatMap((signal) => [`signal ${signal.id}`, `signal-seen ${signal.id}`]).sort();
}

function signals(count: number): Signal[] {
  return Array.from({ length: count }, (_, n) =>
    makeSignal({ key: `item-${n}`, publishedAt: new Date(Date.UTC(2026, 10, 10, 9, n)).toISOString() }),
  );
}

afterAll(() => {
  documentClient.restore();
});
beforeEach(() => {
  documentClient.reset();
  passEverythingThrough();
  sleeps.length = 0;
  brand = table.freshBrand();
});

describe('DynamoDB: writes left unprocessed', () => {
  it('dynamodb: UnprocessedItems on batch writes are sent again, only them, with growing backoff, until all 30 signals and markers are written once', async () => {
    const batch = signals(30);
    const ids = batch.map((signal) => signal.id);
    batchWritesWithCapacity(10);

    const result = await storeWith().saveNewSignals(batch, RETAIN_DAYS);

    expect(result).toEqual({ inserted: ids, existing: [] });
    const rows = (sk: string, from: number, to?: number) => ids.slice(from, to).map((id) => `${sk} ${id}`);
    expect(batchWritesSent()).toEqual([
      rows('SIGNAL', 0, 25),
      rows('SIGNAL', 10, 25),
      rows('SIGNAL', 20, 25),
      rows('SIGNAL', 25),
      rows('SEEN', 0, 25),
      rows('SEEN', 10, 25),
      rows('SEEN', 20, 25),
      rows('SEEN', 25),
    ]);
    // Full jitter at its midpoint: 50 * 2^1 / 2, then 50 * 2^2 / 2; the count starts again for each batch of 25.
    expect(sleeps).toEqual([50, 100, 50, 100]);
    expect(await tableContents()).toEqual(signalsAndMarkers(batch));
  });

  it('dynamodb: a table that stays throttled (nothing processed) fails the save with the StoreError after the last attempt, and a later run writes every item once', async () => {
    const batch = signals(30);
    const store = storeWith(3);
    batchWritesWithCapacity(0);

    await expect(store.saveNewSignals(batch, RETAIN_DAYS)).rejects.toThrow(
      new StoreError(
        `DynamoDB left 25 write(s) unprocessed after 3 attempts (table ${TABLE} is throttled); nothing was lost, run again later`,
        { retryable: true },
      ),
    );
    expect(batchWritesSent()).toHaveLength(3);
    expect(await tableContents()).toEqual([]);

    passEverythingThrough();
    const later = await store.saveNewSignals(batch, RETAIN_DAYS);

    expect(later).toEqual({ inserted: batch.map((signal) => signal.id), existing: [] });
    expect(await tableContents()).toEqual(signalsAndMarkers(batch));
  });
});

describe('DynamoDB: throttling exceptions', () => {
  it.each([
    [
      'ProvisionedThroughputExceededException',
      () =>
        new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded.',
          $metadata: { httpStatusCode: 400 },
        }),
    ],
    [
      'ThrottlingException',
      () =>
        new ThrottlingException({
          message: 'Rate of requests exceeds the allowed throughput.',
          $metadata: { httpStatusCode: 400 },
        }),
    ],
  ])(
    'dynamodb: a %s on a batch write (past the SDK’s retries) fails the save with nothing half-written, and a later run writes every item once',
    async (name, exception) => {
      const batch = signals(30);
      const store = storeWith(3);
      documentClient.on(BatchWriteCommand).rejects(exception());

      const failed = store.saveNewSignals(batch, RETAIN_DAYS);

      await expect(failed).rejects.toMatchObject({
        name: 'StoreError',
        retryable: true,
        message: `DynamoDB throttled the writes to table ${TABLE} (${name}, after the SDK's retries); nothing was lost, run again later`,
      });
      expect(batchWritesSent()).toHaveLength(1); // the store does not add retries of its own to the SDK's
      expect(await tableContents()).toEqual([]);

      passEverythingThrough();
      expect(await store.saveNewSignals(batch, RETAIN_DAYS)).toEqual({
        inserted: batch.map((signal) => signal.id),
        existing: [],
      });
      expect(await tableContents()).toEqual(signalsAndMarkers(batch));
    },
  );

  it('dynamodb: a ProvisionedThroughputExceededException on a batch write becomes a StoreError saying nothing was lost', async () => {
    documentClient.on(BatchWriteCommand).rejects(
      new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        $metadata: {},
      }),
    );

    await expect(storeWith(3).saveNewSignals(signals(1), RETAIN_DAYS)).rejects.toBeInstanceOf(StoreError);
  });

  it('dynamodb: a throttled write between a signal and its "seen" marker is repaired by the next run, so the signal is not stored again once its text has expired', async () => {
    const batch = signals(30);
    const store = storeWith(3);
    // The 25 signals of the first batch are written, the other 5 stay unprocessed: the save fails before any marker.
    batchWritesWithCapacity(0, (requests) => requests.length < 25 && requests[0]?.PutRequest?.Item?.sk === 'SIGNAL');
    await expect(store.saveNewSignals(batch, RETAIN_DAYS)).rejects.toThrow(StoreError);
    passEverythingThrough();
    const rerun = await store.saveNewSignals(batch, RETAIN_DAYS);
    expect(rerun.inserted).toEqual(batch.slice(25).map((signal) => signal.id));
    expect(rerun.existing.sort()).toEqual(
      batch
        .slice(0, 25)
        .map((signal) => signal.id)
        .sort(),
    );

    // The text expires and DynamoDB's TTL deletes the signals (deleteExpired does it here). The
    // "seen" markers outlive the text, the first batch's written by the rerun, so the same items in
    // the feed are not stored (nor scored and billed) again.
    const afterExpiry = new Date(Date.UTC(2040, 0, 1));
    expect(await store.deleteExpired(afterExpiry)).toBe(30);
    expect(await store.saveNewSignals(batch, RETAIN_DAYS)).toEqual({ inserted: [], existing: expect.any(Array) });
  });
});

describe('DynamoDB: duplicates refused by a condition', () => {
  it('dynamodb: a second putIfNew of the same key is refused by the condition, answers false, and leaves the first item as it was', async () => {
    const store = storeWith();
    const key = { pk: `B#${brand}#LOCK`, sk: 'ONCE' };

    expect(await store.putIfNew({ ...key, type: 'lock', id: 'first' })).toBe(true);
    expect(await store.putIfNew({ ...key, type: 'lock', id: 'second' })).toBe(false);

    expect(await tableContents()).toEqual(['lock first']);
    expect(documentClient).toHaveReceivedCommandTimes(PutCommand, 2);
    expect(documentClient).toHaveReceivedNthCommandWith(PutCommand, 2, {
      TableName: TABLE,
      Item: { ...key, type: 'lock', id: 'second' },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
  });

  it('dynamodb: a digest marked sent twice (a retried digest Lambda) is refused the second time, one item, the first message id kept', async () => {
    const store = storeWith();

    expect(await store.markDigestSent('2026-W47', '2026-11-23T08:00:00.000Z', 'message-1')).toBe(true);
    expect(await store.markDigestSent('2026-W47', '2026-11-23T08:05:00.000Z', 'message-2')).toBe(false);

    expect(await tableContents()).toEqual(['digest-sent 2026-W47']);
    const { Items } = await table.client.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `B#${brand}#DIGEST#2026-W47` } },
      }),
    );
    expect(Items?.map((item) => [item.messageId?.S, item.sentAt?.S])).toEqual([
      ['message-1', '2026-11-23T08:00:00.000Z'],
    ]);
  });

  it('dynamodb: five digest Lambdas marking the same week at once: exactly one wins, one item', async () => {
    const store = storeWith();

    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => store.markDigestSent('2026-W48', `2026-11-30T08:00:0${n}.000Z`, `message-${n}`)),
    );

    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await tableContents()).toEqual(['digest-sent 2026-W48']);
  });
});

describe('DynamoDB: a store failure during ingest', () => {
  const profile = makeProfile([
    { id: 'reviews', kind: 'rss', path: 'rss2-html-and-gaps.xml', channel: 'review' },
    { id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' },
  ]);
  const socialSignal = (request: WriteRequest) =>
    String(request.PutRequest?.Item?.gsi2pk ?? '').endsWith('#SRC#social');

  it('dynamodb: a store that fails on the second source’s save fails only that source with the store’s message, keeps the first’s signals, does not advance its state, and a rerun stores it once', async () => {
    const store = storeWith(3);
    const run = () => ingest(profile, { store, connectorFor: connectorRegistry({ baseDir: FEEDS }), now: () => CLOCK });
    batchWritesWithCapacity(0, (requests) => requests.some(socialSignal));
    const message = `DynamoDB left 2 write(s) unprocessed after 3 attempts (table ${TABLE} is throttled); nothing was lost, run again later`;

    const first = await run();

    expect(
      first.sources.map(({ sourceId, outcome, new: stored, error }) => ({ sourceId, outcome, new: stored, error })),
    ).toEqual([
      { sourceId: 'reviews', outcome: 'new', new: 6, error: undefined },
      { sourceId: 'social', outcome: 'failed', new: 0, error: { message, retryable: true } },
    ]);
    expect(first.totals).toEqual({ sources: 2, new: 1, unchanged: 0, failed: 1, newSignals: 6 });
    const reviews = await store.signalsBySource('reviews');
    expect(reviews).toHaveLength(6);
    expect(await store.signalsBySource('social')).toEqual([]);
    // The failed source keeps no validators: the next run must read its file again.
    expect(await store.getSourceState('social')).toEqual({
      sourceId: 'social',
      validators: {},
      lastCheckedAt: CLOCK.toISOString(),
      lastOutcome: 'failed',
      lastError: message,
      consecutiveFailures: 1,
    });
    expect((await store.getSourceState('reviews'))?.validators.contentHash).toMatch(/^[0-9a-f]{64}$/);

    passEverythingThrough();
    const second = await run();

    expect(
      second.sources.map(({ sourceId, outcome, new: stored, alreadyStored }) => ({
        sourceId,
        outcome,
        new: stored,
        alreadyStored,
      })),
    ).toEqual([
      { sourceId: 'reviews', outcome: 'unchanged', new: 0, alreadyStored: 0 },
      { sourceId: 'social', outcome: 'new', new: 2, alreadyStored: 0 },
    ]);
    const social = await store.signalsBySource('social');
    expect(social).toHaveLength(2);
    expect(await store.getSourceState('social')).toMatchObject({ lastOutcome: 'new', consecutiveFailures: 0 });
    const items = await tableContents();
    expect(items.filter((item) => item.startsWith('signal ') || item.startsWith('signal-seen '))).toEqual(
      signalsAndMarkers([...reviews, ...social]),
    );
  });
});
