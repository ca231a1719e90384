// The single DynamoDB table: its key design, the item keys of each entity, and the queries of its
// time-ordered index entries. docs/table-design.md explains the access patterns; the CDK stack and
// local mode create the table from this definition.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TimeRange } from '#domain/ports';
import { StoreError } from './errors';

export const DEFAULT_TABLE_NAME = 'congruence';

/** Sort keys within a rollup partition. */
export const ROLLUP_BASE = 'BASE';
export const ROLLUP_QUOTES = 'QUOTES';
export const ROLLUP_DELTA_PREFIX = 'DELTA#';

/** Attribute DynamoDB's TTL reads: epoch seconds after which the item is deleted. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;
/** The primary key of every item. */
export type Key = { pk: string; sk: string };
/** A query of this table: everything but the table and the page to start at, which the client sets. */
export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/** The attributes of the table's own (keys, type, expiry), not of the entity an item holds. */
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', TTL_ATTRIBUTE]);

/** An item without the table's own attributes: what the entity's schema parses. */
export function stripKeys(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}

/** Partition of time-ordered index entries: one calendar month (UTC). */
export function monthOf(isoInstant: string): string {
  return isoInstant.slice(0, 7);
}

/** Every UTC month touched by the half-open range [from, to). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${monthOf(from)}-01T00:00:00.000Z`);
  const last = monthOf(new Date(Date.parse(to) - 1).toISOString());
  while (cursor.toISOString().slice(0, 7) <= last) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** The query of one index partition: all its entries, or those whose time-ordered sort key falls in [from, to). */
export function timeRangeQuery(index: 'gsi1' | 'gsi2', partition: string, range?: TimeRange): QueryInput {
  const definition = TABLE_KEYS.indexes.find((candidate) => candidate.name === index);
  if (!definition) throw new StoreError(`unknown index ${index}`);
  if (!range) {
    return {
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': definition.partitionKey },
      ExpressionAttributeValues: { ':pk': partition },
    };
  }
  return {
    IndexName: index,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': definition.partitionKey, '#sk': definition.sortKey },
    // The sort key is "<instant>#<id>", so "<to>" sorts before every key at instant `to`: the range is half-open.
    ExpressionAttributeValues: { ':pk': partition, ':from': range.from, ':to': range.to },
  };
}

export const keys = {
  signal: (brand: string, signalId: string) => ({ pk: `B#${brand}#SIG#${signalId}`, sk: 'SIGNAL' }),
  /** Outlives the signal's text: a signal once seen is never stored (nor scored and paid for) again. */
  signalSeen: (brand: string, signalId: string) => ({ pk: `B#${brand}#SIG#${signalId}`, sk: 'SEEN' }),
  signalByChannelMonth: (brand: string, channel: string, month: string) => `B#${brand}#CH#${channel}#M#${month}`,
  signalBySource: (brand: string, sourceId: string) => `B#${brand}#SRC#${sourceId}`,
  valueMention: (brand: string, signalId: string, valueId: string, analyzer: string) => ({
    pk: `B#${brand}#SIG#${signalId}`,
    sk: `VAL#${valueId}#${analyzer}`,
  }),
  valueMentionByMonth: (brand: string, valueId: string, month: string) => `B#${brand}#VAL#${valueId}#M#${month}`,
  score: (brand: string, signalId: string, analyzer: string) => ({
    pk: `B#${brand}#SIG#${signalId}`,
    sk: `SCORE#${analyzer}`,
  }),
  scoreByMonth: (brand: string, analyzer: string, month: string) => `B#${brand}#SCORE#${analyzer}#M#${month}`,
  profile: (brand: string) => ({ pk: `B#${brand}#PROFILE`, sk: 'CURRENT' }),
  digestSent: (brand: string, week: string) => ({ pk: `B#${brand}#DIGEST#${week}`, sk: 'SENT' }),
  snapshot: (brand: string, week: string) => ({ pk: `B#${brand}#SNAPSHOT`, sk: week }),
  sourceState: (brand: string, sourceId: string) => ({ pk: `B#${brand}#SRC#${sourceId}`, sk: 'STATE' }),
  run: (brand: string, startedAt: string, runId: string) => ({ pk: `B#${brand}#RUN`, sk: `${startedAt}#${runId}` }),
  /** One week's rollup of one subject: its folded rollup (ROLLUP_BASE, ROLLUP_QUOTES) and the batches' deltas. */
  rollup: (brand: string, analyzer: string, week: string, subject: string) =>
    `B#${brand}#ROLLUP#${analyzer}#${week}#${subject}`,
  /** Index partition (gsi1) listing every rollup item of an analyzer, by week and subject. */
  rollupsOfAnalyzer: (brand: string, analyzer: string) => `B#${brand}#ROLLUPS#${analyzer}`,
  /** The batches of an analyzer that are open: opened before their scores were stored, closed once their rollups were. */
  openRollupBatch: (brand: string, analyzer: string, openedAt: string, batchId: string) => ({
    pk: `B#${brand}#ROLLUP-BATCHES#${analyzer}`,
    sk: `${openedAt}#${batchId}`,
  }),
  /** Where the search for review bursts left a UTC day (YYYY-MM-DD), by the analyzer whose rollups it followed. */
  burstDay: (brand: string, analyzer: string, day: string) => ({
    pk: `B#${brand}#BURSTS#${analyzer}`,
    sk: `DAY#${day}`,
  }),
  /** A review burst anchored on a UTC day, by when its first review was published and which. */
  reviewBurst: (brand: string, analyzer: string, day: string, firstAt: string, anchorId: string) => ({
    pk: `B#${brand}#BURSTS#${analyzer}`,
    sk: `DAY#${day}#B#${firstAt}#${anchorId}`,
  }),
  /** The alerts' state: per value, channel, kind and destination the last one sent (STATE#), each alert's sending (SEND#), the daily cap's slots (CAP#). */
  alertState: (brand: string, kind: string, subject: string, destination: string) => ({
    pk: `B#${brand}#ALERTS`,
    sk: `STATE#${kind}#${subject}#${destination}`,
  }),
  alertSend: (brand: string, alertKey: string) => ({ pk: `B#${brand}#ALERTS`, sk: `SEND#${alertKey}` }),
  alertSlot: (brand: string, day: string, slot: number) => ({
    pk: `B#${brand}#ALERTS`,
    sk: `CAP#${day}#${String(slot).padStart(2, '0')}`,
  }),
  /** Sort key of time-ordered index entries: the instant first, the id to keep it unique. */
  timeOrdered: (isoInstant: string, id: string) => `${isoInstant}#${id}`,
};

/** Creates the table (on demand, with its two indexes) unless it exists; waits until it is active. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException')
      throw error;
    const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          attribute(TABLE_KEYS.partitionKey),
          attribute(TABLE_KEYS.sortKey),
          ...TABLE_KEYS.indexes.flatMap((index) => [attribute(index.partitionKey), attribute(index.sortKey)]),
        ],
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (
      Table?.TableStatus === 'ACTIVE' &&
      Table.GlobalSecondaryIndexes?.every((index) => index.IndexStatus === 'ACTIVE')
    )
      return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`table ${tableName} did not become active`);
}
