// The repository over the single DynamoDB table. The same code serves AWS and local mode (an
// embedded dynalite); only the client it is given differs.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { CHANNELS, completeProfile, ProfileSchema, type Channel, type Profile } from '#domain/profile';
import {
  SourceStateSchema,
  type PrepareNewSignals,
  type RunRecord,
  type SaveSignalsResult,
  type SignalStore,
  type SourceState,
} from '#domain/ports';
import { textExpiresAt } from '#domain/retention';
import { SignalSchema, type Signal } from '#domain/signal';
import { SignalScoreSchema, type SignalScore } from '#domain/signal-score';
import { WeeklySnapshotSchema, type WeeklySnapshot } from '#domain/snapshot';
import { ValueMentionSchema, type ValueMention } from '#domain/value-mention';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../retry';
import { StoreError } from './errors';
import { keys, monthOf, monthsBetween, TABLE_KEYS, TTL_ATTRIBUTE } from './table';

type Item = Record<string, unknown>;
/** A query of this table: everything but the table and the page to start at, which eachPage sets. */
type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
type Key = { pk: string; sk: string };

const BATCH_WRITE_LIMIT = 25;
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);
const BATCH_GET_LIMIT = 100;

export interface DynamoStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Brand id: every key is prefixed with it, so several brands can share a table. */
  brandId: string;
  backoff?: BackoffPolicy;
  /** The clock that decides which text has expired; the system clock unless a test fixes it. */
  now?: () => Date;
}

/** A half-open time range [from, to) of ISO instants. */
export interface TimeRange {
  from: string;
  to: string;
}

export class DynamoStore implements SignalStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly brand: string;
  private readonly backoff: BackoffPolicy;
  private readonly now: () => Date;

  constructor(options: DynamoStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    this.table = options.tableName;
    this.brand = options.brandId;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Drops items whose text has expired. DynamoDB's TTL deletes them within a few days of expiry
   * (dynalite never does), and until then they can still be read: no expired text may be quoted.
   */
  private live(items: Item[]): Item[] {
    return items.filter(this.liveAt());
  }

  /** Now, in the epoch seconds of the TTL attribute. */
  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** Whether an item's text is still live now. */
  private liveAt(): (item: Item) => boolean {
    const nowSeconds = this.nowSeconds();
    return (item) => typeof item[TTL_ATTRIBUTE] !== 'number' || item[TTL_ATTRIBUTE] > nowSeconds;
  }

  /** A page reader that keeps the live items, parsed: each page's raw items are dropped once read. */
  private liveAs<T>(parse: (item: Item) => T): (item: Item) => T | undefined {
    const isLive = this.liveAt();
    return (item) => (isLive(item) ? parse(item) : undefined);
  }

  // ---- generic primitives -------------------------------------------------------------------

  /** Writes an item only if no item with its key exists; returns false when one did. */
  async putIfNew(item: Item & Key): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
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

  /**
   * Puts items in batches of 25, retrying what DynamoDB leaves unprocessed with exponential
   * backoff. Items with the same key are collapsed first (the last one wins), since DynamoDB
   * rejects a batch that names a key twice.
   */
  async batchPut(items: Array<Item & Key>): Promise<void> {
    const unique = [...new Map(items.map((item) => [`${item.pk}\u0000${item.sk}`, item])).values()];
    await this.batchWrite(unique.map((Item) => ({ PutRequest: { Item } })));
  }

  /** Deletes items by key in batches of 25, retrying unprocessed deletes like batchPut. */
  async batchDelete(keyList: Key[]): Promise<void> {
    const unique = [...new Map(keyList.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    await this.batchWrite(unique.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })));
  }

  private async batchWrite(requests: Item[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending: Item[] = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > this.backoff.maxAttempts) {
          throw new StoreError(
            `DynamoDB left ${pending.length} write(s) unprocessed after ${this.backoff.maxAttempts} attempts ` +
              `(table ${this.table} is throttled); nothing was lost, run again later`,
            { retryable: true },
          );
        }
        if (attempt > 1) await this.backoff.sleep(backoffDelay(this.backoff, attempt - 1));
        const answer = await this.throttleAware('write', () =>
          this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } })),
        );
        pending = (answer.UnprocessedItems?.[this.table] ?? []) as Item[];
      }
    }
  }

  /**
   * Runs a batch call, turning throttling that outlasted the SDK's own retries into a StoreError
   * that says nothing was lost (the caller's state has not moved on, so the next run redoes it).
   */
  private async throttleAware<T>(what: 'read' | 'write', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const name = (error as Error).name;
      if (!THROTTLING_ERRORS.has(name)) throw error;
      throw new StoreError(
        `DynamoDB throttled the ${what}s to table ${this.table} (${name}, after the SDK's retries); nothing was lost, run again later`,
        { retryable: true, cause: error },
      );
    }
  }

  /** Reads items by key in batches of 100, retrying unprocessed keys; missing items are absent from the result. */
  async batchGet(keyList: Key[], projection?: string[]): Promise<Item[]> {
    const found: Item[] = [];
    const unique = [...new Map(keyList.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let pending: Key[] = unique.slice(start, start + BATCH_GET_LIMIT);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > this.backoff.maxAttempts) {
          throw new StoreError(
            `DynamoDB left ${pending.length} read(s) unprocessed after ${this.backoff.maxAttempts} attempts ` +
              `(table ${this.table} is throttled); run again later`,
            { retryable: true },
          );
        }
        if (attempt > 1) await this.backoff.sleep(backoffDelay(this.backoff, attempt - 1));
        const keysAndProjection = projection
          ? {
              Keys: pending,
              ProjectionExpression: projection.map((_, index) => `#p${index}`).join(', '),
              ExpressionAttributeNames: Object.fromEntries(projection.map((name, index) => [`#p${index}`, name])),
            }
          : { Keys: pending };
        const answer = await this.throttleAware('read', () =>
          this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: keysAndProjection } })),
        );
        found.push(...((answer.Responses?.[this.table] ?? []) as Item[]));
        pending = (answer.UnprocessedKeys?.[this.table]?.Keys ?? []) as Key[];
      }
    }
    return found;
  }

  /** Runs a query to its last page, handing each page to `visit` as it arrives. */
  private async eachPage(input: QueryInput, visit: (page: QueryCommandOutput) => void): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: startKey }),
      );
      visit(page);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Every item a query matches, page by page, each turned into what the caller keeps by `read`
   * (undefined drops it) as its page arrives, so a long query holds one raw page at a time.
   */
  private async queryAll<T = Item>(
    input: QueryInput,
    read: (item: Item) => T | undefined = (item) => item as T,
  ): Promise<T[]> {
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
  private async countLive(input: QueryInput): Promise<number> {
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

  /** The query of one index partition: all its entries, or those whose time-ordered sort key falls in [from, to). */
  private timeRangeQuery(index: 'gsi1' | 'gsi2', partition: string, range?: TimeRange): QueryInput {
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

  /** Index entries of one partition, all or in [from, to), read by `read`. */
  private queryTimeRange<T>(
    index: 'gsi1' | 'gsi2',
    partition: string,
    range: TimeRange | undefined,
    read: (item: Item) => T | undefined,
  ): Promise<T[]> {
    return this.queryAll(this.timeRangeQuery(index, partition, range), read);
  }

  // ---- signals ------------------------------------------------------------------------------

  /**
   * Stores the signals not stored yet, their text set to expire `textRetentionDays` after each was
   * fetched. A signal counts as stored while its item exists or, once its text has expired, while
   * its "seen" marker does; the marker is written after the signal, so a crash in between leaves a
   * signal without a marker (found by the first check) and never a marker without its signal.
   */
  async saveNewSignals(
    signals: Signal[],
    textRetentionDays: number,
    prepare?: PrepareNewSignals,
  ): Promise<SaveSignalsResult> {
    const byId = new Map(signals.map((signal) => [signal.id, signal]));
    const stored = await this.batchGet(
      [...byId.keys()].flatMap((id) => [keys.signal(this.brand, id), keys.signalSeen(this.brand, id)]),
      ['id', 'sk'],
    );
    const existing = new Set(stored.map((item) => String(item.id)));
    const marked = new Set(stored.filter((item) => item.sk === 'SEEN').map((item) => String(item.id)));
    const fresh = [...byId.values()].filter((signal) => !existing.has(signal.id));
    const prepared = prepare && fresh.length > 0 ? await prepare(fresh) : fresh;
    if (prepared.length !== fresh.length || prepared.some((signal, index) => signal.id !== fresh[index]?.id)) {
      throw new StoreError('preparing new signals changed or dropped some of them; nothing of this batch was stored');
    }
    await this.batchPut(
      prepared.map((signal) => this.signalItem(signal, textExpiresAt(signal.fetchedAt, textRetentionDays))),
    );
    // New signals get their marker; so does any stored signal whose marker a failed save never wrote.
    const unmarked = [...byId.values()].filter((signal) => !marked.has(signal.id));
    await this.batchPut(
      unmarked.map((signal) => ({
        ...keys.signalSeen(this.brand, signal.id),
        type: 'signal-seen',
        id: signal.id,
        fetchedAt: signal.fetchedAt,
      })),
    );
    return { inserted: fresh.map((signal) => signal.id), existing: [...existing] };
  }

  private signalItem(signal: Signal, expiresAt: number): Item & Key {
    const timeKey = keys.timeOrdered(signal.publishedAt, signal.id);
    return {
      ...keys.signal(this.brand, signal.id),
      type: 'signal',
      gsi1pk: keys.signalByChannelMonth(this.brand, signal.channel, monthOf(signal.publishedAt)),
      gsi1sk: timeKey,
      gsi2pk: keys.signalBySource(this.brand, signal.sourceId),
      gsi2sk: timeKey,
      [TTL_ATTRIBUTE]: expiresAt,
      ...signal,
    };
  }

  async getSignal(id: string): Promise<Signal | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.signal(this.brand, id) }));
    const [live] = this.live(Item ? [Item] : []);
    return live ? toSignal(live) : undefined;
  }

  /** Signals published in [from, to), of one channel or all, oldest first. */
  async signalsBetween(range: TimeRange, channel?: Channel): Promise<Signal[]> {
    const channels = channel ? [channel] : [...CHANNELS];
    const partitions = channels.flatMap((each) =>
      monthsBetween(range.from, range.to).map((month) => keys.signalByChannelMonth(this.brand, each, month)),
    );
    const read = this.liveAs(toSignal);
    const pages = await Promise.all(partitions.map((partition) => this.queryTimeRange('gsi1', partition, range, read)));
    return pages.flat().sort(byPublishedAt);
  }

  /** How many signals with live text were published in [from, to), per channel: counted by the table, no item read here. */
  async signalCountsByChannel(range: TimeRange): Promise<Record<Channel, number>> {
    const months = monthsBetween(range.from, range.to);
    const counts = await Promise.all(
      CHANNELS.map(async (channel) => {
        const perMonth = await Promise.all(
          months.map((month) =>
            this.countLive(this.timeRangeQuery('gsi1', keys.signalByChannelMonth(this.brand, channel, month), range)),
          ),
        );
        return [channel, perMonth.reduce((sum, count) => sum + count, 0)] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<Channel, number>;
  }

  /**
   * When one source's earliest and latest stored signals were published, however old: two reads of
   * one entry each from the source's time-ordered index partition. Expiry is not checked: this only
   * says which stretch of time the source's data covers.
   */
  async signalSpanOfSource(sourceId: string): Promise<{ earliest: string; latest: string } | undefined> {
    const query = this.timeRangeQuery('gsi2', keys.signalBySource(this.brand, sourceId));
    const edge = async (forward: boolean) => {
      const page = await this.doc.send(
        new QueryCommand({
          ...query,
          TableName: this.table,
          ProjectionExpression: '#publishedAt',
          ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#publishedAt': 'publishedAt' },
          ScanIndexForward: forward,
          Limit: 1,
        }),
      );
      const publishedAt = page.Items?.[0]?.publishedAt;
      return typeof publishedAt === 'string' ? publishedAt : undefined;
    };
    const [earliest, latest] = await Promise.all([edge(true), edge(false)]);
    return earliest !== undefined && latest !== undefined ? { earliest, latest } : undefined;
  }

  /** Signals of one source, optionally within [from, to), oldest first. */
  async signalsBySource(sourceId: string, range?: TimeRange): Promise<Signal[]> {
    const partition = keys.signalBySource(this.brand, sourceId);
    return this.queryTimeRange('gsi2', partition, range, this.liveAs(toSignal));
  }

  /** Ids of one source's signals whose text is live, oldest first: only the ids and expiry are read. */
  signalIdsBySource(sourceId: string): Promise<string[]> {
    const query = this.timeRangeQuery('gsi2', keys.signalBySource(this.brand, sourceId));
    return this.queryAll(
      {
        ...query,
        ProjectionExpression: '#id, #ttl',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#id': 'id', '#ttl': TTL_ATTRIBUTE },
      },
      this.liveAs((item) => String(item.id)),
    );
  }

  /** Signals by id, in the order asked; ids not stored are left out. */
  async getSignals(ids: string[]): Promise<Signal[]> {
    const found = new Map(
      this.live(await this.batchGet(ids.map((id) => keys.signal(this.brand, id)))).map((item) => [
        String(item.id),
        toSignal(item),
      ]),
    );
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  // ---- scores and value mentions ------------------------------------------------------------

  /**
   * Stores the scores of signals and the value mentions found in them. The mentions go first: a
   * score marks its signal as done, so it must not exist before everything derived from it does.
   * Both quote the signal's text (excerpts, key phrases), so both expire when its text does:
   * `textExpiresAt` gives that instant by signal id (see textExpiresAt in domain/retention).
   */
  async saveScores(
    scores: SignalScore[],
    mentions: ValueMention[],
    textExpiresAt: (signalId: string) => number | undefined,
  ): Promise<void> {
    const expiry = (signalId: string) => {
      const at = textExpiresAt(signalId);
      if (at === undefined)
        throw new StoreError(`no text expiry given for signal ${signalId}; scores must expire with their signal`);
      return at;
    };
    await this.batchPut(
      mentions.map((mention) => ({
        ...keys.valueMention(this.brand, mention.signalId, mention.valueId, mention.analyzer),
        type: 'value-mention',
        gsi1pk: keys.valueMentionByMonth(this.brand, mention.valueId, monthOf(mention.publishedAt)),
        gsi1sk: keys.timeOrdered(mention.publishedAt, mention.signalId),
        [TTL_ATTRIBUTE]: expiry(mention.signalId),
        ...mention,
      })),
    );
    await this.batchPut(
      scores.map((score) => ({
        ...keys.score(this.brand, score.signalId, score.analyzer),
        type: 'score',
        gsi1pk: keys.scoreByMonth(this.brand, score.analyzer, monthOf(score.publishedAt)),
        gsi1sk: keys.timeOrdered(score.publishedAt, score.signalId),
        [TTL_ATTRIBUTE]: expiry(score.signalId),
        ...score,
      })),
    );
  }

  /**
   * Deletes this brand's items whose text has expired. DynamoDB's TTL does this in AWS; dynalite
   * has no TTL, so local mode calls this instead. It scans the table: fine for a local store, not
   * meant for a production table. Returns how many items were deleted.
   */
  async deleteExpired(now: Date = new Date()): Promise<number> {
    const expired: Key[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
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

  /**
   * Which of these signals already have a score (scored or skipped) by this analyzer version. An
   * expired score still counts: its signal is never to be scored, nor paid for, again.
   */
  async scoredSignalIds(signalIds: string[], analyzer: string): Promise<Set<string>> {
    const found = await this.batchGet(
      signalIds.map((id) => keys.score(this.brand, id, analyzer)),
      ['signalId'],
    );
    return new Set(found.map((item) => String(item.signalId)));
  }

  /** Scores by one analyzer version of signals published in [from, to), oldest first. */
  async scoresBetween(range: TimeRange, analyzer: string): Promise<SignalScore[]> {
    const partitions = monthsBetween(range.from, range.to).map((month) =>
      keys.scoreByMonth(this.brand, analyzer, month),
    );
    const read = this.liveAs((item) => SignalScoreSchema.parse(stripKeys(item)));
    const pages = await Promise.all(partitions.map((partition) => this.queryTimeRange('gsi1', partition, range, read)));
    return pages.flat().sort(byPublishedAt);
  }

  /** Mentions of one value published in [from, to), e.g. one ISO week, by one analyzer version, oldest first. */
  async valueMentionsBetween(valueId: string, range: TimeRange, analyzer: string): Promise<ValueMention[]> {
    const partitions = monthsBetween(range.from, range.to).map((month) =>
      keys.valueMentionByMonth(this.brand, valueId, month),
    );
    const read = this.liveAs((item) =>
      item.analyzer === analyzer ? ValueMentionSchema.parse(stripKeys(item)) : undefined,
    );
    const pages = await Promise.all(partitions.map((partition) => this.queryTimeRange('gsi1', partition, range, read)));
    return pages.flat().sort(byPublishedAt);
  }

  // ---- the declared profile (AWS mode: written on deploy, read by every Lambda) --------------

  async putProfile(profile: Profile, deployedAt: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.profile(this.brand), type: 'profile', deployedAt, profile: JSON.stringify(profile) },
      }),
    );
  }

  /** The profile as last deployed, validated again with the same schema; undefined before the first deploy. */
  async getProfile(): Promise<Profile | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.profile(this.brand), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return completeProfile(ProfileSchema.parse(JSON.parse(String(Item.profile))));
  }

  /**
   * Marks a week's digest as sent; false when it already was. Sending a week's digest once is what
   * makes a retried digest Lambda harmless.
   */
  markDigestSent(week: string, sentAt: string, messageId: string): Promise<boolean> {
    return this.putIfNew({ ...keys.digestSent(this.brand, week), type: 'digest-sent', week, sentAt, messageId });
  }

  /** Undoes markDigestSent when the send itself failed, so the next attempt may send. */
  async clearDigestSent(week: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: keys.digestSent(this.brand, week) }));
  }

  // ---- weekly snapshots ---------------------------------------------------------------------

  /** Stores (or replaces) the snapshot of a week: the latest digest run for a week wins. */
  async putSnapshot(snapshot: WeeklySnapshot): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.snapshot(this.brand, snapshot.week), type: 'snapshot', ...snapshot },
      }),
    );
  }

  /** The most recent snapshot of a week before `week`, if any. */
  async snapshotBefore(week: string): Promise<WeeklySnapshot | undefined> {
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND #sk < :week',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': keys.snapshot(this.brand, week).pk, ':week': week },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const [item] = page.Items ?? [];
    return item ? WeeklySnapshotSchema.parse(stripKeys(item)) : undefined;
  }

  /** Snapshots of all weeks, oldest first. */
  async snapshots(): Promise<WeeklySnapshot[]> {
    const items = await this.queryAll({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.snapshot(this.brand, '').pk },
    });
    return items.map((item) => WeeklySnapshotSchema.parse(stripKeys(item)));
  }

  // ---- source state and runs ----------------------------------------------------------------

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.sourceState(this.brand, sourceId), ConsistentRead: true }),
    );
    return Item ? SourceStateSchema.parse(stripKeys(Item)) : undefined;
  }

  async putSourceState(state: SourceState): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.sourceState(this.brand, state.sourceId), type: 'source-state', ...state },
      }),
    );
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.run(this.brand, run.startedAt, run.runId), type: 'run', ...run },
      }),
    );
  }

  /** The most recent runs, newest first. */
  async recentRuns(limit = 10): Promise<RunRecord[]> {
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.run(this.brand, '', '').pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => stripKeys(item) as unknown as RunRecord);
  }
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', TTL_ATTRIBUTE]);

function stripKeys(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}

function toSignal(item: Item): Signal {
  return SignalSchema.parse(stripKeys(item));
}

function byPublishedAt(a: { publishedAt: string }, b: { publishedAt: string }): number {
  return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0;
}
