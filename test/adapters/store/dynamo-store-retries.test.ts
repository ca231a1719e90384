// What dynalite cannot show: it never throttles and never leaves items unprocessed. These paths are
// tested with a client mock that asserts the exact requests sent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { StoreError } from '#adapters/store/errors';
import { DEFAULT_BACKOFF } from '#adapters/retry';
import { makeSignal } from '#test/support/signals';
import { RETAIN_DAYS } from '#test/support/retention';

const documentClient = mockClient(DynamoDBDocumentClient);
const sleeps: number[] = [];
const recordingBackoff = { ...DEFAULT_BACKOFF, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) };

function store(maxAttempts = DEFAULT_BACKOFF.maxAttempts): DynamoStore {
  const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  return new DynamoStore({ client, tableName: 't', brandId: 'b', backoff: { ...recordingBackoff, maxAttempts } });
}

beforeEach(() => {
  documentClient.reset();
  sleeps.length = 0;
});
afterEach(() => documentClient.reset());

describe('what DynamoDB leaves unprocessed', () => {
  it('retries only the unprocessed writes, with growing delays, until all are written', async () => {
    const signals = [makeSignal({ key: '1' }), makeSignal({ key: '2' }), makeSignal({ key: '3' })];
    documentClient.on(BatchGetCommand).resolves({ Responses: { t: [] } });
    documentClient
      .on(BatchWriteCommand)
      .callsFakeOnce((input) => ({ UnprocessedItems: { t: input.RequestItems.t.slice(1) } }))
      .callsFakeOnce((input) => ({ UnprocessedItems: { t: input.RequestItems.t.slice(1) } }))
      .resolves({ UnprocessedItems: {} });

    const result = await store().saveNewSignals(signals, RETAIN_DAYS);

    expect(result.inserted).toEqual(signals.map((signal) => signal.id));
    const sent = documentClient
      .commandCalls(BatchWriteCommand)
      .map((call) =>
        call.args[0].input.RequestItems?.t?.map(
          (request) => `${request.PutRequest?.Item?.sk} ${request.PutRequest?.Item?.id}`,
        ),
      );
    const ids = signals.map((signal) => signal.id);
    expect(sent).toEqual([
      ids.map((id) => `SIGNAL ${id}`),
      ids.slice(1).map((id) => `SIGNAL ${id}`),
      ids.slice(2).map((id) => `SIGNAL ${id}`),
      // Only once every signal is written do the "seen" markers follow.
      ids.map((id) => `SEEN ${id}`),
    ]);
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up with a clear error after the last attempt', async () => {
    documentClient.on(BatchGetCommand).resolves({ Responses: { t: [] } });
    documentClient.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: { t: input.RequestItems.t } }));

    await expect(store(4).saveNewSignals([makeSignal()], RETAIN_DAYS)).rejects.toThrow(
      new StoreError(
        'DynamoDB left 1 write(s) unprocessed after 4 attempts (table t is throttled); nothing was lost, run again later',
        { retryable: true },
      ),
    );
    expect(documentClient.commandCalls(BatchWriteCommand)).toHaveLength(4);
  });

  it('retries unprocessed keys when checking which signals exist, and writes none that do', async () => {
    const signal = makeSignal({ key: 'k' });
    const key = { pk: `B#b#SIG#${signal.id}`, sk: 'SIGNAL' };
    const seenKey = { pk: `B#b#SIG#${signal.id}`, sk: 'SEEN' };
    documentClient
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [{ id: signal.id, sk: 'SEEN' }] }, UnprocessedKeys: { t: { Keys: [key] } } })
      .resolves({ Responses: { t: [{ id: signal.id, sk: 'SIGNAL' }] } });

    expect(await store().saveNewSignals([signal], RETAIN_DAYS)).toEqual({ inserted: [], existing: [signal.id] });
    const asked = documentClient.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t?.Keys);
    expect(asked).toEqual([[key, seenKey], [key]]);
    expect(documentClient.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('sends no two requests for the same key in one batch', async () => {
    const signal = makeSignal({ key: 'same' });
    documentClient.on(BatchGetCommand).resolves({ Responses: { t: [] } });
    documentClient.on(BatchWriteCommand).resolves({});
    await store().saveNewSignals([signal, { ...signal }], RETAIN_DAYS);
    expect(documentClient.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.t).toHaveLength(1);
  });
});

describe('putIfNew', () => {
  it('is a put conditional on the partition key not existing', async () => {
    documentClient.on(PutCommand).resolves({});
    await store().putIfNew({ pk: 'p', sk: 's' });
    expect(documentClient).toHaveReceivedCommandWith(PutCommand, {
      TableName: 't',
      Item: { pk: 'p', sk: 's' },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
  });

  it('answers false on a conditional-check failure and rethrows anything else', async () => {
    const conditional = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
    });
    documentClient
      .on(PutCommand)
      .rejectsOnce(conditional)
      .rejectsOnce(new Error('ProvisionedThroughputExceededException'));
    expect(await store().putIfNew({ pk: 'p', sk: 's' })).toBe(false);
    await expect(store().putIfNew({ pk: 'p', sk: 's' })).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
