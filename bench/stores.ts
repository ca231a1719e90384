// In-memory stand-ins for the store, for the measurements where DynamoDB is not the thing measured:
// scoring one batch of signals on its own, scoring them with Comprehend message by message, and the
// digest over a large history held in memory. Each keeps the weekly rollups as the table does
// (adapters/store/rollups.ts): a batch is open from openRollupBatch until closeRollupBatch writes its
// rollups; compaction folds the closed batches' rollups into one per week and subject; a read merges
// what is folded with what is not.
import type { BurstDay, ReviewBurst } from '#domain/alignment/index';
import type { CompactOptions, ReviewBurstRepository, RollupBatch, RollupRepository, ScoreStore } from '#domain/ports';
import { mergeRollups, type Rollup, withLiveText } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';

const partitionOf = (analyzer: string, week: string, subject: string) => `${analyzer}\u0000${week}\u0000${subject}`;
const mentionKey = (mention: ValueMention) => `${mention.signalId}\u0000${mention.valueId}\u0000${mention.analyzer}`;
const scoreKey = (signalId: string, analyzer: string) => `${signalId}\u0000${analyzer}`;

/** The review bursts in memory, per analyzer and UTC day, as found (their quotes never expire here). */
export class MemoryReviewBursts implements ReviewBurstRepository {
  private readonly days = new Map<string, { day: BurstDay; bursts: ReviewBurst[] }>();

  async burstDays(analyzer: string, first: string, last: string): Promise<{ days: BurstDay[]; bursts: ReviewBurst[] }> {
    const kept = [...this.days.entries()]
      .filter(([key, { day }]) => key.startsWith(`${analyzer}\u0000`) && day.day >= first && day.day <= last)
      .map(([, each]) => each)
      .sort((a, b) => a.day.day.localeCompare(b.day.day));
    return { days: kept.map((each) => each.day), bursts: kept.flatMap((each) => each.bursts) };
  }

  async putBurstDay(analyzer: string, day: BurstDay, bursts: readonly ReviewBurst[]): Promise<void> {
    this.days.set(`${analyzer}\u0000${day.day}`, { day, bursts: [...bursts] });
  }
}

/** The weekly rollups in memory, per analyzer, week and subject; quotes whose text has expired by `now` are left out of reads. */
export class MemoryRollups implements RollupRepository {
  private readonly open = new Map<string, RollupBatch>();
  /** Per partition: what compaction folded, and each closed batch's rollup not folded yet. */
  private readonly partitions = new Map<string, { folded?: Rollup; deltas: Map<string, Rollup> }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async openRollupBatch(batch: RollupBatch): Promise<void> {
    this.open.set(batch.batchId, batch);
  }

  async closeRollupBatch(batch: RollupBatch, rollups: Rollup[]): Promise<void> {
    for (const rollup of rollups) {
      if (rollup.analyzer !== batch.analyzer)
        throw new Error(`a batch of ${batch.analyzer} cannot write a rollup of ${rollup.analyzer}`);
      this.partition(rollup.analyzer, rollup.week, rollup.subject).deltas.set(batch.batchId, rollup);
    }
    this.open.delete(batch.batchId);
  }

  async openRollupBatches(analyzer: string, openedBefore: string): Promise<RollupBatch[]> {
    return [...this.open.values()]
      .filter((batch) => batch.analyzer === analyzer && batch.openedAt < openedBefore)
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.batchId.localeCompare(b.batchId));
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
        const partition = this.partitions.get(partitionOf(analyzer, week, subject));
        if (partition === undefined || partition.deltas.size < minDeltas) continue;
        const parts = [partition.folded, ...partition.deltas.values()].filter((each) => each !== undefined);
        partition.folded = mergeRollups(...(parts as [Rollup, ...Rollup[]]));
        folded += partition.deltas.size;
        partition.deltas.clear();
      }
    }
    return folded;
  }

  async rollupsOf(analyzer: string, weeks: string[], subjects: string[]): Promise<Rollup[]> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const found: Rollup[] = [];
    for (const week of weeks) {
      for (const subject of subjects) {
        const partition = this.partitions.get(partitionOf(analyzer, week, subject));
        if (partition === undefined) continue;
        const parts = [partition.folded, ...partition.deltas.values()].filter((each) => each !== undefined);
        if (parts.length === 0) continue;
        found.push(withLiveText(mergeRollups(...(parts as [Rollup, ...Rollup[]])), nowSeconds));
      }
    }
    return found;
  }

  async replaceRollups(analyzer: string, rollups: Rollup[]): Promise<void> {
    for (const rollup of rollups) {
      if (rollup.analyzer !== analyzer)
        throw new Error(`replacing the rollups of ${analyzer}, given one of ${rollup.analyzer}`);
    }
    for (const key of [...this.partitions.keys()]) if (key.startsWith(`${analyzer}\u0000`)) this.partitions.delete(key);
    for (const rollup of rollups) this.partition(analyzer, rollup.week, rollup.subject).folded = rollup;
  }

  private partition(analyzer: string, week: string, subject: string) {
    const key = partitionOf(analyzer, week, subject);
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      partition = { deltas: new Map() };
      this.partitions.set(key, partition);
    }
    return partition;
  }
}

/** One batch of signals, nothing scored yet; keeps every score and mention scoring stores, and the rollups. */
export class BatchScoreStore extends MemoryRollups implements ScoreStore {
  private readonly stored = new Map<string, { score: SignalScore; batchId: string }>();
  private readonly mentionsByKey = new Map<string, ValueMention>();
  private readonly byId: Map<string, Signal>;

  constructor(signals: readonly Signal[]) {
    super();
    this.byId = new Map(signals.map((signal) => [signal.id, signal]));
  }

  /** The scores stored, in the order they were stored. */
  get scores(): SignalScore[] {
    return [...this.stored.values()].map((each) => each.score);
  }

  /** The mentions stored, in the order they were first stored (a mention stored again replaces itself). */
  get mentions(): ValueMention[] {
    return [...this.mentionsByKey.values()];
  }

  async getSignals(ids: string[]): Promise<Signal[]> {
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }

  async signalIdsBySource(sourceId: string): Promise<string[]> {
    return [...this.byId.values()].filter((signal) => signal.sourceId === sourceId).map((signal) => signal.id);
  }

  async scoredSignalIds(signalIds: string[], analyzer: string): Promise<Set<string>> {
    return new Set(signalIds.filter((id) => this.stored.has(scoreKey(id, analyzer))));
  }

  async saveMentions(mentions: ValueMention[]): Promise<void> {
    for (const mention of mentions) this.mentionsByKey.set(mentionKey(mention), mention);
  }

  async claimScores(scores: SignalScore[], batchId: string): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (const score of scores) {
      const key = scoreKey(score.signalId, score.analyzer);
      if (this.stored.has(key)) continue;
      this.stored.set(key, { score, batchId });
      claimed.add(score.signalId);
    }
    return claimed;
  }

  async claimedBy(batch: RollupBatch): Promise<{ scores: SignalScore[]; mentions: ValueMention[] }> {
    const scores = batch.signalIds.flatMap((id) => {
      const stored = this.stored.get(scoreKey(id, batch.analyzer));
      return stored?.batchId === batch.batchId ? [stored.score] : [];
    });
    const ids = new Set(scores.map((score) => score.signalId));
    const mentions = this.mentions.filter(
      (mention) => ids.has(mention.signalId) && mention.analyzer === batch.analyzer,
    );
    return { scores, mentions };
  }

  async recordRun(): Promise<void> {}
}

/**
 * The scoring queue's view of the store, for one analyzer: signals are held from when they are
 * stored until their message has been scored, and scores and mentions until their batch's rollups
 * are written (so memory stays flat); which signals have a score, and the rollups, are remembered
 * for the whole run, as the table would.
 */
export class QueueScoreStore extends MemoryRollups implements ScoreStore {
  private readonly held = new Map<string, Signal>();
  /** Each signal with a score, and the batch that stored it. */
  private readonly scored = new Map<string, string>();
  /** Scores and mentions of the batches still open: what recovering one reads back. */
  private readonly pendingScores = new Map<string, SignalScore>();
  private readonly pendingMentions = new Map<string, ValueMention[]>();

  hold(signals: readonly Signal[]): void {
    for (const signal of signals) this.held.set(signal.id, signal);
  }

  release(ids: readonly string[]): void {
    for (const id of ids) this.held.delete(id);
  }

  async getSignals(ids: string[]): Promise<Signal[]> {
    return ids.flatMap((id) => this.held.get(id) ?? []);
  }

  async signalIdsBySource(sourceId: string): Promise<string[]> {
    return [...this.held.values()].filter((signal) => signal.sourceId === sourceId).map((signal) => signal.id);
  }

  async scoredSignalIds(signalIds: string[], analyzer: string): Promise<Set<string>> {
    return new Set(signalIds.filter((id) => this.scored.has(scoreKey(id, analyzer))));
  }

  async saveMentions(mentions: ValueMention[]): Promise<void> {
    for (const mention of mentions) {
      const key = scoreKey(mention.signalId, mention.analyzer);
      const list = (this.pendingMentions.get(key) ?? []).filter((each) => each.valueId !== mention.valueId);
      this.pendingMentions.set(key, [...list, mention]);
    }
  }

  async claimScores(scores: SignalScore[], batchId: string): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (const score of scores) {
      const key = scoreKey(score.signalId, score.analyzer);
      if (this.scored.has(key)) continue;
      this.scored.set(key, batchId);
      this.pendingScores.set(key, score);
      claimed.add(score.signalId);
    }
    return claimed;
  }

  async claimedBy(batch: RollupBatch): Promise<{ scores: SignalScore[]; mentions: ValueMention[] }> {
    const keys = batch.signalIds
      .map((id) => scoreKey(id, batch.analyzer))
      .filter((key) => this.scored.get(key) === batch.batchId);
    return {
      scores: keys.flatMap((key) => this.pendingScores.get(key) ?? []),
      mentions: keys.flatMap((key) => this.pendingMentions.get(key) ?? []),
    };
  }

  override async closeRollupBatch(batch: RollupBatch, rollups: Rollup[]): Promise<void> {
    await super.closeRollupBatch(batch, rollups);
    for (const id of batch.signalIds) {
      const key = scoreKey(id, batch.analyzer);
      this.pendingScores.delete(key);
      this.pendingMentions.delete(key);
    }
  }

  async recordRun(): Promise<void> {}
}
