// The embedded table's keys in memory: every live item's key, its index keys, its expiry and where its
// body lies in the journal. The bodies stay on disk. Partitions of the table are kept in sort key
// order as items come; an index's partitions are sorted when a query reads them (entries mostly
// arrive in order, and a partition is read far less often than it is written), and the entries of
// items deleted or replaced are dropped then too.
import { compareUtf8, needsCodePointOrder } from './values';

/** The table's key schema, and the attribute DynamoDB's TTL would read. */
export interface TableDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: ReadonlyArray<{ readonly name: string; readonly partitionKey: string; readonly sortKey: string }>;
  readonly ttlAttribute: string;
}

/** The expiry attribute is there but is not a number: read the body to see it. */
export const TTL_IN_BODY = Symbol('in the body');

/** One live item: its keys and where its body is. `off` is -1 once the item is deleted or replaced. */
export interface Rec {
  readonly pk: string;
  readonly sk: string;
  /** Index keys, partition then sort key of each index in order; undefined where the item has none. */
  readonly ix: ReadonlyArray<string | undefined> | undefined;
  /** The expiry attribute: a number, undefined when absent, TTL_IN_BODY when it is something else. */
  readonly ttl: number | undefined | typeof TTL_IN_BODY;
  /** The body's byte offset in the journal. */
  off: number;
  /** The body's length in bytes. */
  len: number;
  /** The whole journal line's length in bytes. */
  line: number;
}

type Order = (a: string, b: string) => number;
/** How many distinct sort keys are remembered for sharing before the list starts again. */
const COMMON_KEYS = 4096;
const byCodeUnit: Order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** One partition of an index: entries in (sort key, table key) order once sorted. */
class IndexPartition {
  entries: Rec[] = [];
  sorted = true;
  stale = 0;
}

/** Where a range of sort keys starts and ends: [from, to) positions in a sorted partition. */
export interface Span {
  from: number;
  to: number;
}

/** Bounds of a key condition on the sort key; each side inclusive or not, or open. */
export interface SortBounds {
  low?: { key: string; inclusive: boolean };
  high?: { key: string; inclusive: boolean };
  prefix?: string;
}

export class TableIndex {
  private readonly partitions = new Map<string, Rec[]>();
  private readonly indexPartitions: Array<Map<string, IndexPartition>>;
  private order: Order = byCodeUnit;
  private scanOrder: string[] | undefined;
  private readonly common = new Map<string, string>();
  /** Items live, and the bytes their journal lines take. */
  count = 0;
  liveBytes = 0;

  constructor(readonly definition: TableDefinition) {
    this.indexPartitions = definition.indexes.map(() => new Map());
  }

  get compare(): Order {
    return this.order;
  }

  get(pk: string, sk: string): Rec | undefined {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return undefined;
    const at = this.position(partition, sk);
    const found = partition[at];
    return found !== undefined && found.sk === sk ? found : undefined;
  }

  /**
   * Adds an item's record, replacing (and returning) the one with its key, if any. Its key strings
   * are shared with the records that hold the same ones (the partition key with its partition's,
   * an index sort key with the item's siblings', common sort keys with every item's), which is most
   * of what the keys cost in memory.
   */
  put(
    fields: Omit<Rec, 'pk' | 'sk' | 'ix'> & { pk: string; sk: string; ix: Array<string | undefined> | undefined },
  ): Rec | undefined {
    let partition = this.partitions.get(fields.pk);
    const rec: Rec = {
      pk: partition?.[0]?.pk ?? fields.pk,
      sk: this.shared(fields.sk),
      ix: fields.ix === undefined ? undefined : this.sharedIndexKeys(fields.ix, partition),
      ttl: fields.ttl,
      off: fields.off,
      len: fields.len,
      line: fields.line,
    };
    this.checkOrder(rec);
    if (partition === undefined) {
      partition = [];
      this.partitions.set(rec.pk, partition);
      this.scanOrder = undefined;
    }
    const at = this.position(partition, rec.sk);
    const old = partition[at];
    const replaced = old !== undefined && old.sk === rec.sk ? old : undefined;
    if (replaced) {
      partition[at] = rec;
      this.forget(replaced);
    } else partition.splice(at, 0, rec);
    this.count++;
    this.liveBytes += rec.line;
    this.addToIndexes(rec);
    return replaced;
  }

  /** Removes an item's record and returns it; undefined when there was none. */
  remove(pk: string, sk: string): Rec | undefined {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return undefined;
    const at = this.position(partition, sk);
    const found = partition[at];
    if (found === undefined || found.sk !== sk) return undefined;
    partition.splice(at, 1);
    if (partition.length === 0) {
      this.partitions.delete(pk);
      this.scanOrder = undefined;
    }
    this.forget(found);
    return found;
  }

  /** The records of one table partition, in sort key order, and the span the bounds select. */
  partition(pk: string, bounds: SortBounds): { entries: readonly Rec[]; span: Span } {
    const entries = this.partitions.get(pk) ?? [];
    return { entries, span: this.span(entries, (rec) => rec.sk, bounds) };
  }

  /** The records of one index partition, sorted, and the span the bounds select. */
  indexPartition(index: number, pk: string, bounds: SortBounds): { entries: readonly Rec[]; span: Span } {
    const partition = this.indexPartitions[index]?.get(pk);
    if (partition === undefined) return { entries: [], span: { from: 0, to: 0 } };
    const slot = 2 * index + 1;
    if (partition.stale > 0) {
      partition.entries = partition.entries.filter((rec) => rec.off >= 0);
      partition.stale = 0;
    }
    if (!partition.sorted) {
      partition.entries.sort((a, b) => this.compareInIndex(a, b, slot));
      partition.sorted = true;
    }
    const sortKeyOf = (rec: Rec) => rec.ix?.[slot] as string;
    return { entries: partition.entries, span: this.span(partition.entries, sortKeyOf, bounds) };
  }

  /** Orders two entries of an index partition: by the index's sort key, then the table's keys. */
  compareInIndex(a: Rec, b: Rec, slot: number): number {
    return (
      this.order(a.ix?.[slot] as string, b.ix?.[slot] as string) || this.order(a.pk, b.pk) || this.order(a.sk, b.sk)
    );
  }

  /** Every table partition key, in key order: what a scan walks. */
  partitionKeys(): readonly string[] {
    this.scanOrder ??= [...this.partitions.keys()].sort(this.order);
    return this.scanOrder;
  }

  /** The records of a partition, in sort key order. */
  recordsOf(pk: string): readonly Rec[] {
    return this.partitions.get(pk) ?? [];
  }

  /** Every live record, in no particular order. */
  *records(): Generator<Rec> {
    for (const partition of this.partitions.values()) yield* partition;
  }

  /** A sort key as a string already held, when one is: most sort keys (SIGNAL, SCORE#<analyzer>) repeat. */
  private shared(key: string): string {
    const known = this.common.get(key);
    if (known !== undefined) return known;
    if (this.common.size >= COMMON_KEYS) this.common.clear();
    this.common.set(key, key);
    return key;
  }

  /** Index keys as strings already held by the index partitions and by the item's siblings. */
  private sharedIndexKeys(
    ix: Array<string | undefined>,
    siblings: readonly Rec[] | undefined,
  ): Array<string | undefined> {
    for (let slot = 0; slot < ix.length; slot++) {
      const key = ix[slot];
      if (key === undefined) continue;
      if (slot % 2 === 0) {
        const first = this.indexPartitions[slot / 2]?.get(key)?.entries[0];
        ix[slot] = first?.ix?.[slot] ?? key;
        continue;
      }
      const twin = ix.find((other, at) => at % 2 === 1 && at < slot && other === key);
      if (twin !== undefined) {
        ix[slot] = twin;
        continue;
      }
      for (const sibling of siblings ?? []) {
        const same = sibling.ix?.find((other, at) => at % 2 === 1 && other === key);
        if (same !== undefined) {
          ix[slot] = same;
          break;
        }
      }
    }
    return ix;
  }

  private forget(rec: Rec): void {
    this.count--;
    this.liveBytes -= rec.line;
    rec.off = -1;
    this.definition.indexes.forEach((_, index) => {
      const pk = rec.ix?.[2 * index];
      const partition = pk === undefined ? undefined : this.indexPartitions[index]?.get(pk);
      if (partition === undefined) return;
      partition.stale++;
      if (partition.stale === partition.entries.length) this.indexPartitions[index]?.delete(pk as string);
    });
  }

  private addToIndexes(rec: Rec): void {
    this.definition.indexes.forEach((_, index) => {
      const pk = rec.ix?.[2 * index];
      const sk = rec.ix?.[2 * index + 1];
      if (pk === undefined || sk === undefined) return;
      const partitions = this.indexPartitions[index] as Map<string, IndexPartition>;
      let partition = partitions.get(pk);
      if (partition === undefined) {
        partition = new IndexPartition();
        partitions.set(pk, partition);
      }
      const last = partition.entries[partition.entries.length - 1];
      if (partition.sorted && last !== undefined && this.compareInIndex(last, rec, 2 * index + 1) > 0)
        partition.sorted = false;
      partition.entries.push(rec);
    });
  }

  /** Binary search: the first position whose sort key is not below `sk`. */
  private position(partition: readonly Rec[], sk: string): number {
    let low = 0;
    let high = partition.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.order((partition[middle] as Rec).sk, sk) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private span(entries: readonly Rec[], keyOf: (rec: Rec) => string, bounds: SortBounds): Span {
    const first = (key: string, after: boolean) => {
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const order = this.order(keyOf(entries[middle] as Rec), key);
        if (order < 0 || (after && order === 0)) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    let from = bounds.low ? first(bounds.low.key, !bounds.low.inclusive) : 0;
    let to = bounds.high ? first(bounds.high.key, bounds.high.inclusive) : entries.length;
    if (bounds.prefix !== undefined) {
      from = Math.max(from, first(bounds.prefix, false));
      let end = from;
      while (end < to && keyOf(entries[end] as Rec).startsWith(bounds.prefix)) end++;
      to = end;
    }
    return { from, to: Math.max(from, to) };
  }

  /** Switches every comparison to code point order the first time a key needs it, and sorts again. */
  private checkOrder(rec: Rec): void {
    if (this.order === compareUtf8) return;
    const needed =
      needsCodePointOrder(rec.pk) ||
      needsCodePointOrder(rec.sk) ||
      rec.ix?.some((key) => key !== undefined && needsCodePointOrder(key));
    if (!needed) return;
    this.order = compareUtf8;
    for (const partition of this.partitions.values()) partition.sort((a, b) => compareUtf8(a.sk, b.sk));
    for (const partitions of this.indexPartitions)
      for (const partition of partitions.values()) partition.sorted = false;
    this.scanOrder = undefined;
  }
}
