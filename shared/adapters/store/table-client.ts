// One brand's view of the single table, shared by the store's adapters: the document client (or local
// mode's embedded table, which answers the same commands), the brand every key starts with, and the
// primitives they are all built from (batches with backoff, paged queries, the expiry of text). The
// key scheme itself is in table.ts.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TimeRange } from '#domain/ports';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../retry';
import { batchGet, batchWrite, uniqueByKey } from './batches';
import type { DocumentSender } from './document-sender';
import { type Item, type Key, type QueryInput, TABLE_KEYS, TTL_ATTRIBUTE, timeRangeQuery } from './table';

/** Where the commands go: a DynamoDB client (AWS, dynalite), or a sender that answers them itself (the embedded table). */
export type TableConnection =
  | { client: DynamoDBClient; documents?: never }
  | { documents: DocumentSender; client?: never };

export type TableClientOptions = TableConnection & {
  tableName: string;
  /** Brand id: every key is prefixed with it, so several brands can share a table. */
  brandId: string;
  backoff?: BackoffPolicy;
  /** The clock that decides which text has expired; the system clock unless a test fixes it. */
  now?: () => Date;
};

/** The document client over a DynamoDB client, with the marshalling every adapter relies on. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export class TableClient {
  readonly doc: DocumentSender;
  readonly tableName: string;
  readonly brand: string;
  readonly backoff: BackoffPolicy;
  private readonly now: () => Date;

  constructor(options: TableClientOptions) {
    this.doc = options.documents ?? documentClient(options.client);
    this.tableName = options.tableName;
    this.brand = options.brandId;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? (() => new Date());
  }

  // ---- single items -------------------------------------------------------------------------

  async get(key: Key, options: { consistentRead?: true } = {}): Promise<Item | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ...(options.consistentRead ? { ConsistentRead: true } : {}),
      }),
    );
    return Item;
  }

  async put(item: Item & Key): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async delete(key: Key): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /** Writes an item only if no item with its key exists; returns false when one did. */
  async putIfNew(item: Item & Key): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  // ---- batches, with backoff (batches.ts) --------------------------------------------------

  /**
   * Puts items in batches of 25, retrying what DynamoDB leaves unprocessed with exponential
   * backoff. Items with the same key are collapsed first (the last one wins), since DynamoDB
   * rejects a batch that names a key twice.
   */
  async batchPut(items: Array<Item & Key>): Promise<void> {
    const requests = uniqueByKey(items).map((Item) => ({ PutRequest: { Item } }));
    await batchWrite(this, requests);
  }

  /** Deletes items by key in batches of 25, retrying unprocessed deletes like batchPut. */
  async batchDelete(keyList: Key[]): Promise<void> {
    const requests = uniqueByKey(keyList).map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    await batchWrite(this, requests);
  }

  /** Reads items by key in batches of 100, retrying unprocessed keys; missing items are absent from the result. */
  batchGet(keyList: Key[], projection?: string[]): Promise<Item[]> {
    return batchGet(this, uniqueByKey(keyList), projection);
  }

  // ---- queries ------------------------------------------------------------------------------

  /** One page of a query: for queries with a Limit, which read what they need from the first page. */
  queryPage(input: QueryInput): Promise<QueryCommandOutput> {
    return this.doc.send(new QueryCommand({ ...input, TableName: this.tableName }));
  }

  /** Runs a query to its last page, handing each page to `visit` as it arrives. */
  private async eachPage(input: QueryInput, visit: (page: QueryCommandOutput) => void): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }),
      );
      visit(page);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Every item a query matches, page by page, each turned into what the caller keeps by `read`
   * (undefined drops it) as its page arrives, so a long query holds one raw page at a time.
   */
  async queryAll<T = Item>(input: QueryInput, read: (item: Item) => T | undefined = (item) => item as T): Promise<T[]> {
    const kept: T[] = [];
    await this.eachPage(input, (page) => {
      for (const item of (page.Items ?? []) as Item[]) {
        const value = read(item);
        if (value !== undefined) kept.push(value);
      }
    });
    return kept;
  }

  /** How many items with live text a query matches: counted by the table, no item returned. */
  async countLive(input: QueryInput): Promise<number> {
    let total = 0;
    await this.eachPage(
      {
        ...input,
        Select: 'COUNT',
        FilterExpression: 'attribute_not_exists(#ttl) OR #ttl > :now',
        ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':now': this.nowSeconds() },
      },
      (page) => {
        total += page.Count ?? 0;
      },
    );
    return total;
  }

  /** Index entries of one partition, all or in [from, to), read by `read`. */
  queryTimeRange<T>(
    index: 'gsi1' | 'gsi2',
    partition: string,
    range: TimeRange | undefined,
    read: (item: Item) => T | undefined,
  ): Promise<T[]> {
    return this.queryAll(timeRangeQuery(index, partition, range), read);
  }

  // ---- expiry of text -----------------------------------------------------------------------

  /**
   * Drops items whose text has expired. DynamoDB's TTL deletes them within a few days of expiry
   * (local mode's table and dynalite never do), and until then they can still be read: no expired
   * text may be quoted.
   */
  live(items: Item[]): Item[] {
    return items.filter(this.liveAt());
  }

  /** A page reader that keeps the live items, parsed: each page's raw items are dropped once read. */
  liveAs<T>(parse: (item: Item) => T): (item: Item) => T | undefined {
    const isLive = this.liveAt();
    return (item) => (isLive(item) ? parse(item) : undefined);
  }

  /** Now, in the epoch seconds of the TTL attribute. */
  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** Whether an item's text is still live now. */
  private liveAt(): (item: Item) => boolean {
    const nowSeconds = this.nowSeconds();
    return (item) => typeof item[TTL_ATTRIBUTE] !== 'number' || item[TTL_ATTRIBUTE] > nowSeconds;
  }

  /**
   * Deletes this brand's items whose text has expired. DynamoDB's TTL does this in AWS; local mode's
   * table has no TTL, so local mode calls this instead. It scans the table: fine for a local store, not
   * meant for a production table. Returns how many items were deleted.
   */
  async deleteExpired(now: Date = new Date()): Promise<number> {
    const expired: Key[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'begins_with(#pk, :brand) AND #ttl <= :now',
          ProjectionExpression: '#pk, #sk',
          ExpressionAttributeNames: {
            '#pk': TABLE_KEYS.partitionKey,
            '#sk': TABLE_KEYS.sortKey,
            '#ttl': TTL_ATTRIBUTE,
          },
          ExpressionAttributeValues: { ':brand': `B#${this.brand}#`, ':now': Math.floor(now.getTime() / 1000) },
          ExclusiveStartKey: startKey,
        }),
      );
      expired.push(...((page.Items ?? []) as Key[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await this.batchDelete(expired);
    return expired.length;
  }
}

/** Oldest first: the order every time-ordered read returns. */
export function byPublishedAt(a: { publishedAt: string }, b: { publishedAt: string }): number {
  return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0;
}
