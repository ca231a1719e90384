// The signals in the table. A signal is one item keyed by its id, with two time-ordered index
// entries: by channel and month (gsi1) for reading weeks, and by source (gsi2) for reading one
// source. A "seen" marker beside it outlives its text, so a signal is never stored twice.
import { CHANNELS, type Channel } from '#domain/profile';
import type { PrepareNewSignals, SaveSignalsResult, SignalRepository, TimeRange } from '#domain/ports';
import { textExpiresAt } from '#domain/retention';
import { SignalSchema, type Signal } from '#domain/signal';
import { StoreError } from './errors';
import { byPublishedAt, type TableClient } from './table-client';
import { type Item, type Key, keys, monthOf, monthsBetween, stripKeys, TTL_ATTRIBUTE, timeRangeQuery } from './table';

export class SignalItems implements SignalRepository {
  constructor(private readonly table: TableClient) {}

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
    const { brand } = this.table;
    const byId = new Map(signals.map((signal) => [signal.id, signal]));
    const stored = await this.table.batchGet(
      [...byId.keys()].flatMap((id) => [keys.signal(brand, id), keys.signalSeen(brand, id)]),
      ['id', 'sk'],
    );
    const existing = new Set(stored.map((item) => String(item.id)));
    const marked = new Set(stored.filter((item) => item.sk === 'SEEN').map((item) => String(item.id)));
    const fresh = [...byId.values()].filter((signal) => !existing.has(signal.id));
    const prepared = prepare && fresh.length > 0 ? await prepare(fresh) : fresh;
    if (prepared.length !== fresh.length || prepared.some((signal, index) => signal.id !== fresh[index]?.id)) {
      throw new StoreError('preparing new signals changed or dropped some of them; nothing of this batch was stored');
    }
    await this.table.batchPut(
      prepared.map((signal) => this.signalItem(signal, textExpiresAt(signal.fetchedAt, textRetentionDays))),
    );
    // New signals get their marker; so does any stored signal whose marker a failed save never wrote.
    const unmarked = [...byId.values()].filter((signal) => !marked.has(signal.id));
    await this.table.batchPut(
      unmarked.map((signal) => ({
        ...keys.signalSeen(brand, signal.id),
        type: 'signal-seen',
        id: signal.id,
        fetchedAt: signal.fetchedAt,
      })),
    );
    return { inserted: fresh.map((signal) => signal.id), existing: [...existing] };
  }

  private signalItem(signal: Signal, expiresAt: number): Item & Key {
    const { brand } = this.table;
    const timeKey = keys.timeOrdered(signal.publishedAt, signal.id);
    const { pk, sk } = keys.signal(brand, signal.id);
    // one spread, at the end: a literal with a spread before other properties and another after
    // them is built through V8's slow path, about 40 times slower (10 µs an item)
    return {
      pk,
      sk,
      type: 'signal',
      gsi1pk: keys.signalByChannelMonth(brand, signal.channel, monthOf(signal.publishedAt)),
      gsi1sk: timeKey,
      gsi2pk: keys.signalBySource(brand, signal.sourceId),
      gsi2sk: timeKey,
      [TTL_ATTRIBUTE]: expiresAt,
      ...signal,
    };
  }

  async getSignal(id: string): Promise<Signal | undefined> {
    const item = await this.table.get(keys.signal(this.table.brand, id));
    const [live] = this.table.live(item ? [item] : []);
    return live ? toSignal(live) : undefined;
  }

  /** Signals by id, in the order asked; ids not stored are left out. */
  async getSignals(ids: string[]): Promise<Signal[]> {
    const items = await this.table.batchGet(ids.map((id) => keys.signal(this.table.brand, id)));
    const found = new Map(this.table.live(items).map((item) => [String(item.id), toSignal(item)]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Signals published in [from, to), of one channel or all, oldest first. */
  async signalsBetween(range: TimeRange, channel?: Channel, where?: (signal: Signal) => boolean): Promise<Signal[]> {
    const channels = channel ? [channel] : [...CHANNELS];
    const partitions = channels.flatMap((each) =>
      monthsBetween(range.from, range.to).map((month) => keys.signalByChannelMonth(this.table.brand, each, month)),
    );
    const read = this.table.liveAs((item) => {
      const signal = toSignal(item);
      return where === undefined || where(signal) ? signal : undefined;
    });
    const pages = await Promise.all(
      partitions.map((partition) => this.table.queryTimeRange('gsi1', partition, range, read)),
    );
    return pages.flat().sort(byPublishedAt);
  }

  /** How many signals with live text were published in [from, to), per channel: counted by the table, no item read here. */
  async signalCountsByChannel(range: TimeRange): Promise<Record<Channel, number>> {
    const months = monthsBetween(range.from, range.to);
    const counts = await Promise.all(
      CHANNELS.map(async (channel) => {
        const perMonth = await Promise.all(
          months.map((month) =>
            this.table.countLive(
              timeRangeQuery('gsi1', keys.signalByChannelMonth(this.table.brand, channel, month), range),
            ),
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
    const query = timeRangeQuery('gsi2', keys.signalBySource(this.table.brand, sourceId));
    const edge = async (forward: boolean) => {
      const page = await this.table.queryPage({
        ...query,
        ProjectionExpression: '#publishedAt',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#publishedAt': 'publishedAt' },
        ScanIndexForward: forward,
        Limit: 1,
      });
      const publishedAt = page.Items?.[0]?.publishedAt;
      return typeof publishedAt === 'string' ? publishedAt : undefined;
    };
    const [earliest, latest] = await Promise.all([edge(true), edge(false)]);
    return earliest !== undefined && latest !== undefined ? { earliest, latest } : undefined;
  }

  /** Signals of one source, optionally within [from, to), oldest first. */
  async signalsBySource(sourceId: string, range?: TimeRange): Promise<Signal[]> {
    const partition = keys.signalBySource(this.table.brand, sourceId);
    return this.table.queryTimeRange('gsi2', partition, range, this.table.liveAs(toSignal));
  }

  /** Ids of one source's signals whose text is live, oldest first: only the ids and expiry are read. */
  signalIdsBySource(sourceId: string): Promise<string[]> {
    const query = timeRangeQuery('gsi2', keys.signalBySource(this.table.brand, sourceId));
    return this.table.queryAll(
      {
        ...query,
        ProjectionExpression: '#id, #ttl',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#id': 'id', '#ttl': TTL_ATTRIBUTE },
      },
      this.table.liveAs((item) => String(item.id)),
    );
  }
}

function toSignal(item: Item): Signal {
  return SignalSchema.parse(stripKeys(item));
}
