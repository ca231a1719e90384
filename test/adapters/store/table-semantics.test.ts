// The DynamoDB semantics the store's adapters rely on, asked of the table directly with the document
// client's commands: conditional puts, key conditions and their order, paging, filters and counts,
// projections, batches. Part of the store's contract: it runs against dynalite and against the
// embedded table (vitest.config.ts), so the embedded table answers as dynalite does.
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DocumentCommand } from '#adapters/store/document-sender';
import { useLocalTable } from '#test/support/local-table';

const TABLE = 'congruence-semantics';
const table = useLocalTable(TABLE);
const send = (command: DocumentCommand) =>
  (table.documents.send as (command: unknown) => Promise<Record<string, unknown>>)(command);

/** A partition key of its own for each test. */
const partition = () => `B#${table.freshBrand()}#P`;

async function putAll(items: Array<Record<string, unknown>>): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    const requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    await send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
  }
}

const byPartition = (pk: string, extra: Record<string, unknown> = {}) => ({
  TableName: TABLE,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': 'pk' },
  ExpressionAttributeValues: { ':pk': pk },
  ...extra,
});

describe(`the table's semantics (${table.engine})`, () => {
  it('puts conditionally: attribute_not_exists, and a version still as read', async () => {
    const pk = partition();
    const put = (version: number, condition: Record<string, unknown>) =>
      send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'BASE', version }, ...condition }));
    const ifNew = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } };
    const ifVersion = (expected: number) => ({
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': expected },
    });

    await put(1, ifNew);
    await expect(put(9, ifNew)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await put(2, ifVersion(1));
    await expect(put(9, ifVersion(1))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const { Item } = await send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'BASE' } }));
    expect(Item).toEqual({ pk, sk: 'BASE', version: 2 });
  });

  it('gives back what was put, every kind of value, and deletes by key', async () => {
    const pk = partition();
    const item = {
      pk,
      sk: 'ALL',
      text: 'Ünïcödé ✓ 😀, "quoted"\n\ttabbed',
      empty: '',
      count: 42,
      share: -0.125,
      yes: true,
      nothing: null,
      list: [1, 'two', [3], { four: 4 }],
      map: { nested: { deeper: ['x'] }, none: null },
    };
    await send(new PutCommand({ TableName: TABLE, Item: { ...item, dropped: undefined } }));
    expect((await send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'ALL' } }))).Item).toEqual(item);
    await send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: 'ALL' } }));
    await send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: 'ALL' } })); // nothing there: no error
    expect((await send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'ALL' } }))).Item).toBeUndefined();
  });

  it('selects sort keys by =, <, <=, >, >=, BETWEEN (both ends in) and begins_with, in order either way', async () => {
    const pk = partition();
    const sks = ['A#1', 'A#2', 'B#1', 'B#2', 'B#3', 'C#1'];
    await putAll(sks.map((sk) => ({ pk, sk, n: sk })));
    const select = async (condition: string, values: Record<string, unknown>, forward = true) => {
      const page = await send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: `#pk = :pk${condition ? ` AND ${condition}` : ''}`,
          ExpressionAttributeNames: condition ? { '#pk': 'pk', '#sk': 'sk' } : { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': pk, ...values },
          ScanIndexForward: forward,
        }),
      );
      return (page.Items as Array<{ sk: string }>).map((item) => item.sk);
    };
    expect(await select('', {})).toEqual(sks);
    expect(await select('', {}, false)).toEqual([...sks].reverse());
    expect(await select('#sk = :x', { ':x': 'B#2' })).toEqual(['B#2']);
    expect(await select('#sk < :x', { ':x': 'B#2' })).toEqual(['A#1', 'A#2', 'B#1']);
    expect(await select('#sk <= :x', { ':x': 'B#2' })).toEqual(['A#1', 'A#2', 'B#1', 'B#2']);
    expect(await select('#sk > :x', { ':x': 'B#2' })).toEqual(['B#3', 'C#1']);
    expect(await select('#sk >= :x', { ':x': 'B#2' }, false)).toEqual(['C#1', 'B#3', 'B#2']);
    expect(await select('#sk BETWEEN :a AND :b', { ':a': 'A#2', ':b': 'B#3' })).toEqual(['A#2', 'B#1', 'B#2', 'B#3']);
    expect(await select('begins_with(#sk, :x)', { ':x': 'B#' })).toEqual(['B#1', 'B#2', 'B#3']);
    expect(await select('begins_with(#sk, :x)', { ':x': 'B#' }, false)).toEqual(['B#3', 'B#2', 'B#1']);
    expect(await select('#sk < :x', { ':x': 'A#1' })).toEqual([]);
  });

  it('orders sort keys by their UTF-8 bytes, as DynamoDB does', async () => {
    const pk = partition();
    // UTF-16 puts the emoji (a surrogate pair) before U+FFFD; UTF-8, and DynamoDB, after it.
    const sks = ['Z', 'a', 'é', '\uFFFD', '😀'];
    await putAll([...sks].reverse().map((sk) => ({ pk, sk })));
    const page = await send(new QueryCommand(byPartition(pk)));
    expect((page.Items as Array<{ sk: string }>).map((item) => item.sk)).toEqual(sks);
  });

  it('pages by Limit with LastEvaluatedKey, also when the limit falls on the last item, and goes on from it', async () => {
    const pk = partition();
    await putAll(Array.from({ length: 5 }, (_, n) => ({ pk, sk: `S#${n}` })));
    const first = await send(new QueryCommand(byPartition(pk, { Limit: 2 })));
    expect(first.Items).toEqual([
      { pk, sk: 'S#0' },
      { pk, sk: 'S#1' },
    ]);
    expect(first.LastEvaluatedKey).toEqual({ pk, sk: 'S#1' });
    const second = await send(
      new QueryCommand(byPartition(pk, { Limit: 3, ExclusiveStartKey: first.LastEvaluatedKey })),
    );
    expect((second.Items as Array<{ sk: string }>).map((item) => item.sk)).toEqual(['S#2', 'S#3', 'S#4']);
    expect(second.LastEvaluatedKey).toEqual({ pk, sk: 'S#4' });
    const third = await send(new QueryCommand(byPartition(pk, { ExclusiveStartKey: second.LastEvaluatedKey })));
    expect(third).toMatchObject({ Items: [], Count: 0, ScannedCount: 0 });
    expect(third.LastEvaluatedKey).toBeUndefined();
    const backwards = await send(
      new QueryCommand(byPartition(pk, { ScanIndexForward: false, Limit: 2, ExclusiveStartKey: { pk, sk: 'S#3' } })),
    );
    expect((backwards.Items as Array<{ sk: string }>).map((item) => item.sk)).toEqual(['S#2', 'S#1']);
  });

  it('pages an index by its keys and the table’s, and reads items of an index partition in index order', async () => {
    const pk = partition();
    const items = Array.from({ length: 4 }, (_, n) => ({
      pk: `${pk}#${n}`,
      sk: 'SIGNAL',
      gsi1pk: `${pk}#INDEX`,
      gsi1sk: `2026-11-0${4 - n}T00:00:00.000Z#${n}`,
      n,
    }));
    await putAll([...items, { pk: `${pk}#unindexed`, sk: 'SIGNAL', gsi1pk: `${pk}#INDEX` }]);
    const query = (extra: Record<string, unknown>) =>
      send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi1',
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'gsi1pk' },
          ExpressionAttributeValues: { ':pk': `${pk}#INDEX` },
          ...extra,
        }),
      );
    const first = await query({ Limit: 3 });
    expect((first.Items as Array<{ n: number }>).map((item) => item.n)).toEqual([3, 2, 1]);
    expect(first.LastEvaluatedKey).toEqual({
      pk: `${pk}#1`,
      sk: 'SIGNAL',
      gsi1pk: `${pk}#INDEX`,
      gsi1sk: '2026-11-03T00:00:00.000Z#1',
    });
    const rest = await query({ ExclusiveStartKey: first.LastEvaluatedKey });
    expect((rest.Items as Array<{ n: number }>).map((item) => item.n)).toEqual([0]);
    await expect(query({ ConsistentRead: true })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('filters what a page read: Count after the filter, ScannedCount before, and Select COUNT returns no items', async () => {
    const pk = partition();
    await putAll([
      { pk, sk: '1', expiresAt: 100 },
      { pk, sk: '2', expiresAt: 300 },
      { pk, sk: '3' },
      { pk, sk: '4', expiresAt: 'not a number' },
    ]);
    const live = {
      FilterExpression: 'attribute_not_exists(#ttl) OR #ttl > :now',
      ExpressionAttributeNames: { '#pk': 'pk', '#ttl': 'expiresAt' },
      ExpressionAttributeValues: { ':pk': pk, ':now': 200 },
    };
    const page = await send(new QueryCommand(byPartition(pk, live)));
    expect((page.Items as Array<{ sk: string }>).map((item) => item.sk)).toEqual(['2', '3']);
    expect(page).toMatchObject({ Count: 2, ScannedCount: 4 });
    const counted = await send(new QueryCommand(byPartition(pk, { ...live, Select: 'COUNT' })));
    expect(counted).toMatchObject({ Count: 2, ScannedCount: 4 });
    expect(counted.Items).toBeUndefined();
    const limited = await send(new QueryCommand(byPartition(pk, { ...live, Limit: 1 })));
    expect(limited).toMatchObject({ Items: [], Count: 0, ScannedCount: 1, LastEvaluatedKey: { pk, sk: '1' } });
  });

  it('projects the attributes asked for, leaving out those an item lacks', async () => {
    const pk = partition();
    await putAll([
      { pk, sk: 'A', id: 'a', text: 'long text', publishedAt: '2026-11-01' },
      { pk, sk: 'B', text: 'no id' },
    ]);
    const page = await send(
      new QueryCommand(
        byPartition(pk, {
          ProjectionExpression: '#id, #sk',
          ExpressionAttributeNames: { '#pk': 'pk', '#id': 'id', '#sk': 'sk' },
        }),
      ),
    );
    expect(page.Items).toEqual([{ id: 'a', sk: 'A' }, { sk: 'B' }]);
    const got = await send(
      new BatchGetCommand({
        RequestItems: {
          [TABLE]: {
            Keys: [
              { pk, sk: 'B' },
              { pk, sk: 'missing' },
              { pk, sk: 'A' },
            ],
            ProjectionExpression: '#p0',
            ExpressionAttributeNames: { '#p0': 'text' },
          },
        },
      }),
    );
    const found = (got.Responses as Record<string, unknown[]>)[TABLE];
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([{ text: 'long text' }, { text: 'no id' }]));
  });

  it('refuses what DynamoDB refuses: a key named twice in a batch, an unused placeholder, a missing key, a filter on a key', async () => {
    const pk = partition();
    const twice = { PutRequest: { Item: { pk, sk: 'X' } } };
    await expect(send(new BatchWriteCommand({ RequestItems: { [TABLE]: [twice, twice] } }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      send(new QueryCommand(byPartition(pk, { ExpressionAttributeNames: { '#pk': 'pk', '#unused': 'x' } }))),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(send(new PutCommand({ TableName: TABLE, Item: { pk } }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      send(
        new QueryCommand(
          byPartition(pk, {
            FilterExpression: '#sk > :x',
            ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
            ExpressionAttributeValues: { ':pk': pk, ':x': 'A' },
          }),
        ),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await send(new QueryCommand(byPartition(pk)))).toMatchObject({ Count: 0 });
  });

  it('scans every item page by page, filtered and projected', async () => {
    const brand = `B#${table.freshBrand()}#`;
    await putAll(
      Array.from({ length: 30 }, (_, n) => ({ pk: `${brand}SIG#${n}`, sk: n % 2 ? 'SIGNAL' : 'SEEN', expiresAt: n })),
    );
    const found: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await send(
        new ScanCommand({
          TableName: TABLE,
          FilterExpression: 'begins_with(#pk, :brand) AND #ttl <= :now',
          ProjectionExpression: '#pk, #sk',
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', '#ttl': 'expiresAt' },
          ExpressionAttributeValues: { ':brand': brand, ':now': 9 },
          Limit: 7,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items as Array<{ pk: string; sk: string }>).map((item) => `${item.pk} ${item.sk}`));
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
      pages++;
    } while (startKey);
    expect(pages).toBeGreaterThan(1);
    expect(found.sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => `${brand}SIG#${n} ${n % 2 ? 'SIGNAL' : 'SEEN'}`).sort(),
    );
  });
});
