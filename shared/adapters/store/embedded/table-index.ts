// The embedded table's keys in memory: every live item's key, its index keys, its expiry and where its
// body lies in the journal; the bodies stay on disk. An item is a number, a slot in flat arrays (a
// few bytes each, no object per item), so that a table of half a million items holds its keys in
// tens of megabytes. A slot is never given to another item while the table is open: an item
// replaced or deleted is marked dead, and an index partition drops its dead entries when next read.
// Table partitions are kept in sort key order as items come; an index partition is sorted when a
// query reads it (entries mostly arrive in order, and a partition is read less often than written).
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
export type Expiry = number | undefined | typeof TTL_IN_BODY;

/** What the table keeps in memory of one item. */
export interface ItemKeys {
  pk: string;
  sk: string;
  /** Index keys, partition then sort key of each index in order; undefined where the item has none. */
  ix: Array<string | undefined> | undefined;
  ttl: Expiry;
  /** Where its body is in the journal (byte offset and length), and its whole line's length. */
  off: number;
  len: number;
  line: number;
}

type Order = (a: string, b: string) => number;
const byCodeUnit: Order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Partitions of up to this many items are kept in arrays of their exact size. */
const SMALL_PARTITION = 16;
/** How many distinct sort keys are remembered for sharing before the list starts again. */
const COMMON_KEYS = 4096;

/** One partition of an index: item slots in (sort key, table key) order once sorted. */
class IndexPartition {
  entries: number[] = [];
  sorted = true;
  dead = 0;
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

function grown<T extends Float64Array | Uint32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const larger = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  larger.set(array);
  return larger;
}

export class TableIndex {
  private readonly partitions = new Map<string, number[]>();
  private readonly indexPartitions: Array<Map<string, IndexPartition>>;
  private order: Order = byCodeUnit;
  private scanOrder: string[] | undefined;
  private readonly common = new Map<string, string>();
  // one entry per slot
  private readonly pks: string[] = [];
  private readonly sks: string[] = [];
  private readonly indexKeys: Array<Array<string | undefined>>;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  /** NaN when absent, +Infinity when in the body (not a number). */
  private expiries = new Float64Array(1024);
  private slots = 0;
  /** Items live, and the bytes their journal lines take. */
  count = 0;
  liveBytes = 0;

  constructor(readonly definition: TableDefinition) {
    this.indexPartitions = definition.indexes.map(() => new Map());
    this.indexKeys = definition.indexes.flatMap(() => [[], []]);
  }

  get compare(): Order {
    return this.order;
  }

  pk(slot: number): string {
    return this.pks[slot] as string;
  }
  sk(slot: number): string {
    return this.sks[slot] as string;
  }
  /** An index key of an item: slot 2i is index i's partition key, 2i + 1 its sort key. */
  indexKey(slot: number, key: number): string | undefined {
    return this.indexKeys[key]?.[slot];
  }
  ttl(slot: number): Expiry {
    const value = this.expiries[slot] as number;
    return Number.isNaN(value) ? undefined : value === Number.POSITIVE_INFINITY ? TTL_IN_BODY : value;
  }
  off(slot: number): number {
    return this.offsets[slot] as number;
  }
  len(slot: number): number {
    return this.lengths[slot] as number;
  }
  line(slot: number): number {
    return this.lines[slot] as number;
  }
  /** Points a live item at where compaction moved its body. */
  moved(slot: number, off: number): void {
    this.offsets[slot] = off;
  }

  /**
   * The earliest expiry (epoch seconds) among the live items whose expiry attribute is a number, or
   * undefined when none has one: nothing can have expired before it. A pass over a flat array.
   */
  earliestExpiry(): number | undefined {
    let earliest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < this.slots; slot++) {
      const expiry = this.expiries[slot] as number;
      // NaN (none) and +Infinity (not a number: never expires) both fail the test
      if (expiry < earliest && (this.offsets[slot] as number) >= 0) earliest = expiry;
    }
    return earliest === Number.POSITIVE_INFINITY ? undefined : earliest;
  }

  /** The item with this key, or -1. */
  get(pk: string, sk: string): number {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return -1;
    const at = this.position(partition, sk);
    const found = partition[at];
    return found !== undefined && this.sks[found] === sk ? found : -1;
  }

  /**
   * Adds an item, replacing the one with its key, if any. Its key strings are shared with the items
   * that hold the same ones (the partition key with its partition's, an index sort key with the
   * item's siblings', common sort keys with every item's), which is most of what keys cost.
   */
  put(item: ItemKeys): void {
    let partition = this.partitions.get(item.pk);
    const slot = this.slots++;
    this.offsets = grown(this.offsets, this.slots);
    this.lengths = grown(this.lengths, this.slots);
    this.lines = grown(this.lines, this.slots);
    this.expiries = grown(this.expiries, this.slots);
    const pk = partition?.[0] === undefined ? item.pk : this.pk(partition[0]);
    this.pks.push(pk);
    this.sks.push(this.shared(item.sk));
    this.offsets[slot] = item.off;
    this.lengths[slot] = item.len;
    this.lines[slot] = item.line;
    this.expiries[slot] =
      item.ttl === undefined ? Number.NaN : item.ttl === TTL_IN_BODY ? Number.POSITIVE_INFINITY : item.ttl;
    this.indexKeys.forEach((keys, key) => {
      keys.push(this.sharedIndexKey(item.ix, key, partition));
    });
    this.checkOrder(slot);
    if (partition === undefined) {
      partition = [];
      this.partitions.set(pk, partition);
      this.scanOrder = undefined;
    }
    const at = this.position(partition, item.sk);
    const old = partition[at];
    if (old !== undefined && this.sks[old] === item.sk) {
      partition[at] = slot;
      this.forget(old);
    } else {
      partition.splice(at, 0, slot);
      // A signal's partition holds a handful of items, and an array grown by splice keeps room for
      // 16 more: about 100 bytes in each of 100,000 partitions. A copy holds only its items.
      if (partition.length <= SMALL_PARTITION) this.partitions.set(pk, partition.slice());
    }
    this.count++;
    this.liveBytes += item.line;
    this.addToIndexes(slot);
  }

  /** Removes the item with this key; false when there was none. */
  remove(pk: string, sk: string): boolean {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return false;
    const at = this.position(partition, sk);
    const found = partition[at];
    if (found === undefined || this.sks[found] !== sk) return false;
    partition.splice(at, 1);
    if (partition.length === 0) {
      this.partitions.delete(pk);
      this.scanOrder = undefined;
    }
    this.forget(found);
    return true;
  }

  /** The items of one table partition, in sort key order, and the span the bounds select. */
  partition(pk: string, bounds: SortBounds): { entries: readonly number[]; span: Span } {
    const entries = this.partitions.get(pk) ?? [];
    return { entries, span: this.span(entries, (slot) => this.sk(slot), bounds) };
  }

  /** The items of one index partition, sorted, and the span the bounds select. */
  indexPartition(index: number, pk: string, bounds: SortBounds): { entries: readonly number[]; span: Span } {
    const partition = this.indexPartitions[index]?.get(pk);
    if (partition === undefined) return { entries: [], span: { from: 0, to: 0 } };
    if (partition.dead > 0) {
      partition.entries = partition.entries.filter((slot) => (this.offsets[slot] as number) >= 0);
      partition.dead = 0;
    }
    const key = 2 * index + 1;
    if (!partition.sorted) {
      partition.entries.sort((a, b) => this.compareInIndex(a, b, key));
      partition.sorted = true;
    }
    const sortKeyOf = (slot: number) => this.indexKey(slot, key) as string;
    return { entries: partition.entries, span: this.span(partition.entries, sortKeyOf, bounds) };
  }

  /** Orders an index partition's item against keys: by the index's sort key (`key`), then the table's keys. */
  compareToKeys(slot: number, key: number, keys: { indexSk: string; pk: string; sk: string }): number {
    return (
      this.order(this.indexKey(slot, key) as string, keys.indexSk) ||
      this.order(this.pk(slot), keys.pk) ||
      this.order(this.sk(slot), keys.sk)
    );
  }

  private compareInIndex(a: number, b: number, key: number): number {
    return this.compareToKeys(a, key, { indexSk: this.indexKey(b, key) as string, pk: this.pk(b), sk: this.sk(b) });
  }

  /** Every table partition key, in key order: what a scan walks. */
  partitionKeys(): readonly string[] {
    this.scanOrder ??= [...this.partitions.keys()].sort(this.order);
    return this.scanOrder;
  }

  /** The items of a partition, in sort key order. */
  itemsOf(pk: string): readonly number[] {
    return this.partitions.get(pk) ?? [];
  }

  /** Every live item, in no particular order. */
  *items(): Generator<number> {
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

  /** An index key, as the string its index partition or one of the item's siblings already holds. */
  private sharedIndexKey(ix: ItemKeys['ix'], key: number, siblings: readonly number[] | undefined): string | undefined {
    const value = ix?.[key];
    if (value === undefined) return undefined;
    if (key % 2 === 0) {
      const first = this.indexPartitions[key / 2]?.get(value)?.entries[0];
      return first === undefined ? value : (this.indexKey(first, key) as string);
    }
    for (let other = 1; other < key; other += 2) {
      if (ix?.[other] === value) return this.indexKeys[other]?.[this.slots - 1] as string;
    }
    for (const sibling of siblings ?? []) {
      for (let other = 1; other < this.indexKeys.length; other += 2) {
        const held = this.indexKey(sibling, other);
        if (held === value) return held;
      }
    }
    return value;
  }

  private forget(slot: number): void {
    this.count--;
    this.liveBytes -= this.line(slot);
    this.offsets[slot] = -1;
    for (let index = 0; index < this.indexPartitions.length; index++) {
      const pk = this.indexKey(slot, 2 * index);
      if (pk === undefined || this.indexKey(slot, 2 * index + 1) === undefined) continue;
      const partition = this.indexPartitions[index]?.get(pk);
      if (partition === undefined) continue;
      partition.dead++;
      if (partition.dead === partition.entries.length) this.indexPartitions[index]?.delete(pk as string);
    }
  }

  private addToIndexes(slot: number): void {
    for (let index = 0; index < this.indexPartitions.length; index++) {
      const pk = this.indexKey(slot, 2 * index);
      if (pk === undefined || this.indexKey(slot, 2 * index + 1) === undefined) continue;
      const partitions = this.indexPartitions[index] as Map<string, IndexPartition>;
      let partition = partitions.get(pk);
      if (partition === undefined) {
        partition = new IndexPartition();
        partitions.set(pk, partition);
      }
      const last = partition.entries[partition.entries.length - 1];
      if (partition.sorted && last !== undefined && this.compareInIndex(last, slot, 2 * index + 1) > 0)
        partition.sorted = false;
      partition.entries.push(slot);
    }
  }

  /** Binary search: the first position whose sort key is not below `sk`. */
  private position(partition: readonly number[], sk: string): number {
    let low = 0;
    let high = partition.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.order(this.sk(partition[middle] as number), sk) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private span(entries: readonly number[], keyOf: (slot: number) => string, bounds: SortBounds): Span {
    const first = (key: string, after: boolean) => {
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const order = this.order(keyOf(entries[middle] as number), key);
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
      while (end < to && keyOf(entries[end] as number).startsWith(bounds.prefix)) end++;
      to = end;
    }
    return { from, to: Math.max(from, to) };
  }

  /** Switches every comparison to code point order the first time a key needs it, and sorts again. */
  private checkOrder(slot: number): void {
    if (this.order === compareUtf8) return;
    let needed = needsCodePointOrder(this.pk(slot)) || needsCodePointOrder(this.sk(slot));
    for (let key = 0; !needed && key < this.indexKeys.length; key++) {
      const value = this.indexKey(slot, key);
      needed = value !== undefined && needsCodePointOrder(value);
    }
    if (!needed) return;
    this.order = compareUtf8;
    for (const partition of this.partitions.values()) partition.sort((a, b) => compareUtf8(this.sk(a), this.sk(b)));
    for (const partitions of this.indexPartitions)
      for (const partition of partitions.values()) partition.sorted = false;
    this.scanOrder = undefined;
  }
}
