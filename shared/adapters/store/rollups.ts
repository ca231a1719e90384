// The weekly rollups in the table (domain/rollup.ts), per analyzer, ISO week and subject (a value, or
// the week's totals). A partition per week and subject holds:
//   BASE         the counts folded so far, a version, and the batches folded last (lastFolded)
//   QUOTES       the quotes and statements folded so far; it expires with the latest of their texts
//   DELTA#<id>   one batch's rollup, until compaction folds it
// and one partition per analyzer lists the batches still open. DynamoDB (and dynalite) has no
// transaction here, so every step is idempotent or conditional instead; docs/table-design.md walks
// through why a crash at any step neither loses nor double-counts a signal.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CompactOptions, RollupBatch, RollupRepository } from '#domain/ports';
import { emptyRollup, mergeRollups, type Rollup, RollupSchema, withLiveText } from '#domain/rollup';
import { z } from 'zod';
import { StoreError } from './errors';
import type { TableClient } from './table-client';
import {
  type Item,
  type Key,
  keys,
  ROLLUP_BASE,
  ROLLUP_DELTA_PREFIX,
  ROLLUP_QUOTES,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from './table';

const BaseItemSchema = z.object({
  rollup: RollupSchema,
  version: z.number().int().min(1),
  lastFolded: z.array(z.string()),
});
const QuotesItemSchema = z.object({ rollup: RollupSchema, version: z.number().int().min(1) });
const DeltaItemSchema = z.object({ rollup: RollupSchema, batchId: z.string(), batchKey: z.string() });
const OpenBatchSchema = z.object({
  batchId: z.string(),
  analyzer: z.string(),
  signalIds: z.array(z.string()),
  openedAt: z.string(),
});

interface Partition {
  base?: z.infer<typeof BaseItemSchema>;
  quotes?: z.infer<typeof QuotesItemSchema>;
  deltas: Array<z.infer<typeof DeltaItemSchema>>;
}

/** A rollup's counts alone: what BASE keeps (its quotes and statements live in QUOTES, which expires). */
function countsOf(rollup: Rollup): Rollup {
  return { ...rollup, quotes: [], statements: [] };
}

/** A rollup's quotes and statements alone: what QUOTES keeps. */
function textOf(rollup: Rollup): Rollup {
  return {
    ...emptyRollup(rollup.week, rollup.subject, rollup.zone, rollup.analyzer),
    quotes: rollup.quotes,
    statements: rollup.statements,
  };
}

/** When a rollup's text has all expired: the latest expiry of its quotes and statements (epoch seconds). */
function latestExpiry(rollup: Rollup): number | undefined {
  const all = [...rollup.quotes, ...rollup.statements].map((item) => item.expiresAt);
  if (all.some((at) => at === undefined)) return undefined;
  return all.length > 0 ? Math.max(...(all as number[])) : undefined;
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export class RollupItems implements RollupRepository {
  constructor(private readonly table: TableClient) {}

  private partitionKey(rollup: Pick<Rollup, 'analyzer' | 'week' | 'subject'>): string {
    return keys.rollup(this.table.brand, rollup.analyzer, rollup.week, rollup.subject);
  }

  /** The index entry (gsi1) that lists a rollup item among its analyzer's. */
  private indexEntry(rollup: Pick<Rollup, 'analyzer' | 'week' | 'subject'>, sk: string) {
    return {
      gsi1pk: keys.rollupsOfAnalyzer(this.table.brand, rollup.analyzer),
      gsi1sk: `${rollup.week}#${rollup.subject}#${sk}`,
    };
  }

  async openRollupBatch(batch: RollupBatch): Promise<void> {
    await this.table.put({
      ...keys.openRollupBatch(this.table.brand, batch.analyzer, batch.openedAt, batch.batchId),
      type: 'rollup-batch',
      ...batch,
    });
  }

  /**
   * Writes the batch's rollups, one delta per week and subject, then forgets the batch. The deltas
   * are keyed by the batch, so writing them again (a retry, or recovery of a batch whose run
   * stopped after this step) puts the same items: compaction leaves them alone while the batch is
   * open, so a delta is never folded and then written again.
   */
  async closeRollupBatch(batch: RollupBatch, rollups: Rollup[]): Promise<void> {
    const batchKey = keys.openRollupBatch(this.table.brand, batch.analyzer, batch.openedAt, batch.batchId);
    for (const rollup of rollups) {
      if (rollup.analyzer !== batch.analyzer)
        throw new StoreError(`a batch of ${batch.analyzer} cannot write a rollup of ${rollup.analyzer}`);
    }
    await this.table.batchPut(
      rollups.map((rollup) => {
        const sk = `${ROLLUP_DELTA_PREFIX}${batch.batchId}`;
        return {
          pk: this.partitionKey(rollup),
          sk,
          ...this.indexEntry(rollup, sk),
          type: 'rollup-delta',
          batchId: batch.batchId,
          batchKey: batchKey.sk,
          rollup,
        };
      }),
    );
    await this.table.delete(batchKey);
  }

  async openRollupBatches(analyzer: string, openedBefore: string): Promise<RollupBatch[]> {
    const { pk } = keys.openRollupBatch(this.table.brand, analyzer, '', '');
    return this.table.queryAll(
      {
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': pk, ':before': openedBefore },
      },
      (item) => OpenBatchSchema.parse(item),
    );
  }

  /** How many deltas a partition holds, folded or not: their keys counted by the table, none read here. */
  private deltaCount(pk: string): Promise<number> {
    return this.table.countLive({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :delta)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
      ExpressionAttributeValues: { ':pk': pk, ':delta': ROLLUP_DELTA_PREFIX },
    });
  }

  private async readPartition(pk: string): Promise<Partition> {
    const partition: Partition = { deltas: [] };
    const items = await this.table.queryAll({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
    for (const item of items) {
      if (item.sk === ROLLUP_BASE) partition.base = BaseItemSchema.parse(item);
      else if (item.sk === ROLLUP_QUOTES) partition.quotes = QuotesItemSchema.parse(item);
      else if (String(item.sk).startsWith(ROLLUP_DELTA_PREFIX)) partition.deltas.push(DeltaItemSchema.parse(item));
    }
    return partition;
  }

  /**
   * Folds one partition's deltas into its BASE and QUOTES, in an order that survives a crash at any
   * step and another compaction running at once:
   *   1. deltas the last fold already counted (BASE.lastFolded) are deleted;
   *   2. QUOTES takes the new deltas' quotes, if its version has not moved (merging quotes twice
   *      changes nothing, so a fold that stops after this step is harmless);
   *   3. BASE takes their counts and names them as lastFolded, if its version has not moved: until
   *      they are deleted, readers skip them by that list;
   *   4. they are deleted.
   * Deltas of batches still open are left for a later fold, and so are all of them while fewer than
   * `minDeltas` are closed. Returns how many deltas were folded.
   */
  private async compactPartition(
    pk: string,
    weekSubject: Pick<Rollup, 'analyzer' | 'week' | 'subject'>,
    minDeltas: number,
  ) {
    // fewer deltas than asked for, folded ones included: nothing to fold, and nothing read
    if (minDeltas > 1 && (await this.deltaCount(pk)) < minDeltas) return 0;
    const { base, quotes, deltas } = await this.readPartition(pk);
    if (deltas.length === 0) return 0;
    const lastFolded = new Set(base?.lastFolded ?? []);
    const folded = deltas.filter((delta) => lastFolded.has(delta.batchId));
    if (folded.length > 0)
      await this.table.batchDelete(folded.map((delta) => ({ pk, sk: `${ROLLUP_DELTA_PREFIX}${delta.batchId}` })));
    const candidates = deltas.filter((delta) => !lastFolded.has(delta.batchId));
    if (candidates.length < minDeltas) return 0;
    const open = await this.table.batchGet(
      candidates.map((delta) => ({
        pk: keys.openRollupBatch(this.table.brand, weekSubject.analyzer, '', '').pk,
        sk: delta.batchKey,
      })),
      ['sk'],
    );
    const stillOpen = new Set(open.map((item) => String(item.sk)));
    const fresh = candidates.filter((delta) => !stillOpen.has(delta.batchKey));
    if (fresh.length < minDeltas) return 0;

    const rollups = fresh.map((delta) => delta.rollup);
    const counts = mergeRollups(...([base?.rollup, ...rollups].filter(Boolean) as [Rollup, ...Rollup[]]));
    // the week's totals (and any batch without quotes) leave QUOTES as it is
    const withText = rollups.filter((rollup) => rollup.quotes.length + rollup.statements.length > 0);
    try {
      if (withText.length > 0) {
        const text = withLiveText(
          mergeRollups(...([quotes?.rollup, ...withText].filter(Boolean) as [Rollup, ...Rollup[]])),
          this.table.nowSeconds(),
        );
        await this.conditionalPut(
          {
            pk,
            sk: ROLLUP_QUOTES,
            ...this.indexEntry(weekSubject, ROLLUP_QUOTES),
            type: 'rollup-quotes',
            rollup: textOf(text),
            version: (quotes?.version ?? 0) + 1,
            ...(latestExpiry(text) !== undefined ? { [TTL_ATTRIBUTE]: latestExpiry(text) } : {}),
          },
          quotes?.version,
        );
      }
      await this.conditionalPut(
        {
          pk,
          sk: ROLLUP_BASE,
          ...this.indexEntry(weekSubject, ROLLUP_BASE),
          type: 'rollup-base',
          rollup: countsOf(counts),
          version: (base?.version ?? 0) + 1,
          lastFolded: fresh.map((delta) => delta.batchId),
        },
        base?.version,
      );
    } catch (error) {
      // another compaction folded this partition first: its deltas are its to delete
      if (isConditionFailure(error)) return 0;
      throw error;
    }
    await this.table.batchDelete(fresh.map((delta) => ({ pk, sk: `${ROLLUP_DELTA_PREFIX}${delta.batchId}` })));
    return fresh.length;
  }

  /** Puts an item if its version is still `expected` (or, with none expected, if it does not exist). */
  private async conditionalPut(item: Item & Key, expected: number | undefined): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: item,
        ...(expected === undefined
          ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } }
          : {
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': expected },
            }),
      }),
    );
  }

  async compactRollups(
    analyzer: string,
    weeks: string[],
    subjects: string[],
    options: CompactOptions = {},
  ): Promise<number> {
    const minDeltas = Math.max(1, options.minDeltas ?? 1);
    let folded = 0;
    for (const week of weeks) {
      for (const subject of subjects) {
        const weekSubject = { analyzer, week, subject };
        folded += await this.compactPartition(this.partitionKey(weekSubject), weekSubject, minDeltas);
      }
    }
    return folded;
  }

  /**
   * The rollups of these weeks and subjects: BASE's counts plus those of deltas it has not folded,
   * QUOTES's quotes plus the deltas' (merging drops the repeats), expired text left out. A week and
   * subject with nothing stored is left out too.
   */
  async rollupsOf(analyzer: string, weeks: string[], subjects: string[]): Promise<Rollup[]> {
    const nowSeconds = this.table.nowSeconds();
    const found: Rollup[] = [];
    for (const week of weeks) {
      for (const subject of subjects) {
        const { base, quotes, deltas } = await this.readPartition(this.partitionKey({ analyzer, week, subject }));
        const lastFolded = new Set(base?.lastFolded ?? []);
        const counted = deltas.filter((delta) => !lastFolded.has(delta.batchId)).map((delta) => delta.rollup);
        const parts = [base?.rollup, ...counted].filter(Boolean) as Rollup[];
        if (parts.length === 0) continue;
        // quotes of deltas already folded are in QUOTES; merging keeps one of each
        const text = [quotes?.rollup, ...deltas.map((delta) => delta.rollup)].filter(Boolean) as Rollup[];
        const merged = mergeRollups(...(parts as [Rollup, ...Rollup[]]));
        const [first, ...rest] = text;
        const withText = first === undefined ? { quotes: [], statements: [] } : mergeRollups(first, ...rest);
        found.push(withLiveText({ ...merged, quotes: withText.quotes, statements: withText.statements }, nowSeconds));
      }
    }
    return found;
  }

  /** Every rollup item of an analyzer, by the index that lists them. */
  private async itemKeysOf(analyzer: string): Promise<Key[]> {
    return this.table.queryAll(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'gsi1pk' },
        ExpressionAttributeValues: { ':pk': keys.rollupsOfAnalyzer(this.table.brand, analyzer) },
      },
      (item) => ({ pk: String(item.pk), sk: String(item.sk) }),
    );
  }

  /**
   * Replaces every rollup of an analyzer: the old items are deleted, then each rollup is written
   * folded (BASE and QUOTES). Run it while nothing scores with that analyzer.
   */
  async replaceRollups(analyzer: string, rollups: Rollup[]): Promise<void> {
    for (const rollup of rollups) {
      if (rollup.analyzer !== analyzer)
        throw new StoreError(`replacing the rollups of ${analyzer}, given one of ${rollup.analyzer}`);
    }
    await this.table.batchDelete(await this.itemKeysOf(analyzer));
    const items: Array<Item & Key> = [];
    for (const rollup of rollups) {
      const pk = this.partitionKey(rollup);
      items.push({
        pk,
        sk: ROLLUP_BASE,
        ...this.indexEntry(rollup, ROLLUP_BASE),
        type: 'rollup-base',
        rollup: countsOf(rollup),
        version: 1,
        lastFolded: [],
      });
      if (rollup.quotes.length + rollup.statements.length > 0) {
        const expiry = latestExpiry(rollup);
        items.push({
          pk,
          sk: ROLLUP_QUOTES,
          ...this.indexEntry(rollup, ROLLUP_QUOTES),
          type: 'rollup-quotes',
          rollup: textOf(rollup),
          version: 1,
          ...(expiry !== undefined ? { [TTL_ATTRIBUTE]: expiry } : {}),
        });
      }
    }
    await this.table.batchPut(items);
  }
}
