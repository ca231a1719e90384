// What the embedded table refuses: requests outside the part of DynamoDB it implements (an expression
// shape, an option, a command, a kind of value) with an error naming what to change, and requests
// DynamoDB refuses too, with DynamoDB's name for the error. (table-semantics.test.ts holds what it
// answers, against dynalite as well.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCommand } from '#adapters/store/document-sender';
import { EmbeddedTable } from '#adapters/store/embedded/engine';
import { tableDefinition } from '#adapters/store/embedded/open';
import { TableValidationError, UnsupportedRequestError } from '#adapters/store/errors';

const TABLE = 't';
let dir: string;
let table: EmbeddedTable;
const send = (command: unknown) =>
  (table.send as (command: DocumentCommand) => Promise<unknown>)(command as DocumentCommand);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'congruence-embedded-'));
  table = EmbeddedTable.open(join(dir, 'table.journal'), tableDefinition(TABLE));
});
afterAll(() => {
  table.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = (extra: Record<string, unknown>) =>
  new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'pk' },
    ExpressionAttributeValues: { ':pk': 'P' },
    ...extra,
  });

describe('what the embedded table does not implement', () => {
  it.each([
    ['a function it does not know', 'contains(#text, :x)', { '#text': 'text' }, 'the function contains'],
    ['size()', 'size(#text) > :x', { '#text': 'text' }, 'the function size'],
    ['a nested path', '#map.inner = :x', { '#map': 'map' }, 'nested attribute paths (a.b, a[0])'],
    ['a name written out', 'text = :x', {}, 'the attribute name text written out (use a #placeholder)'],
  ])('refuses %s in a filter, naming the expression', async (_, filter, names, what) => {
    const sent = send(
      query({
        FilterExpression: filter,
        ExpressionAttributeNames: { '#pk': 'pk', ...names },
        ExpressionAttributeValues: { ':pk': 'P', ':x': 'x' },
      }),
    );
    await expect(sent).rejects.toBeInstanceOf(UnsupportedRequestError);
    await expect(sent).rejects.toThrow(`the embedded table does not implement ${what} in FilterExpression "${filter}"`);
    await expect(sent).rejects.toThrow('shared/adapters/store/embedded/expressions.ts');
  });

  it('refuses a key condition that is not one on the partition key and one on the sort key', async () => {
    const condition = '#pk = :pk OR #sk = :x';
    await expect(
      send(
        query({
          KeyConditionExpression: condition,
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':pk': 'P', ':x': 'x' },
        }),
      ),
    ).rejects.toThrow(`Invalid KeyConditionExpression "${condition}"`);
    await expect(
      send(
        query({
          KeyConditionExpression: '#sk = :x',
          ExpressionAttributeNames: { '#sk': 'sk' },
          ExpressionAttributeValues: { ':x': 'x' },
        }),
      ),
    ).rejects.toThrow('Query condition missed key schema element: pk');
  });

  it('refuses options and commands it does not implement, by name', async () => {
    await expect(send(query({ ReturnConsumedCapacity: 'TOTAL' }))).rejects.toThrow(
      'the embedded table does not implement ReturnConsumedCapacity in Query',
    );
    await expect(send(new ScanCommand({ TableName: TABLE, IndexName: 'gsi1' }))).rejects.toThrow(
      'does not implement IndexName in Scan',
    );
    await expect(
      send(new PutCommand({ TableName: TABLE, Item: { pk: 'P', sk: 'S' }, ReturnValues: 'ALL_OLD' })),
    ).rejects.toBeInstanceOf(UnsupportedRequestError);
    await expect(send(new UpdateCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'S' } }))).rejects.toThrow(
      'the embedded table does not implement UpdateCommand',
    );
  });

  it('refuses values it does not keep (sets, binary) and those the document client refuses (NaN, class instances)', async () => {
    const put = (value: unknown) => send(new PutCommand({ TableName: TABLE, Item: { pk: 'P', sk: 'V', value } }));
    await expect(put(new Set(['a']))).rejects.toBeInstanceOf(UnsupportedRequestError);
    await expect(put(new Uint8Array([1]))).rejects.toBeInstanceOf(UnsupportedRequestError);
    await expect(put(Number.NaN)).rejects.toThrow('Special numeric value NaN is not allowed');
    await expect(put(new Date(0))).rejects.toThrow('Unsupported type passed');
    expect(await send(new GetCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'V' } }))).toEqual({ $metadata: {} });
  });
});

describe('what DynamoDB refuses, refused alike', () => {
  it.each([
    ['an empty partition key', { pk: '', sk: 'S' }, 'cannot contain an empty string value. Key: pk'],
    ['a sort key that is a number', { pk: 'P', sk: 1 }, 'Type mismatch for key sk expected: S actual: N'],
    ['an index key that is a number', { pk: 'P', sk: 'S', gsi1pk: 7 }, 'Type mismatch for Index Key gsi1pk'],
    ['an empty index key', { pk: 'P', sk: 'S', gsi2sk: '' }, 'IndexName: gsi2, IndexKey: gsi2sk'],
  ])('an item with %s', async (_, item, message) => {
    const sent = send(new PutCommand({ TableName: TABLE, Item: item }));
    await expect(sent).rejects.toBeInstanceOf(TableValidationError);
    await expect(sent).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(sent).rejects.toThrow(message);
  });

  it('an item over 400 KB, and a batch of more than 25 writes, with nothing written', async () => {
    await expect(
      send(new PutCommand({ TableName: TABLE, Item: { pk: 'P', sk: 'BIG', text: 'x'.repeat(410 * 1024) } })),
    ).rejects.toThrow('Item size has exceeded the maximum allowed size');
    const requests = Array.from({ length: 26 }, (_, n) => ({ PutRequest: { Item: { pk: 'P', sk: `B#${n}` } } }));
    await expect(send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }))).rejects.toThrow(
      'Too many items requested for the BatchWriteItem call',
    );
    const invalidLast = [...requests.slice(0, 3), { PutRequest: { Item: { pk: 'P' } } }];
    await expect(send(new BatchWriteCommand({ RequestItems: { [TABLE]: invalidLast } }))).rejects.toThrow(
      'Missing the key sk',
    );
    expect(await send(query({}))).toMatchObject({ Count: 0 });
  });

  it('a placeholder used but not given, another table, an index it does not have', async () => {
    await expect(send(query({ ExpressionAttributeValues: {} }))).rejects.toThrow(
      'An expression attribute value used in expression is not defined; attribute value: :pk',
    );
    await expect(send(query({ TableName: 'other' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(send(query({ IndexName: 'gsi9' }))).rejects.toThrow(
      'The table does not have the specified index: gsi9',
    );
    await expect(send(query({ Limit: 0 }))).rejects.toBeInstanceOf(TableValidationError);
  });
});
