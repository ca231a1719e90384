// In-memory stand-ins for the store, for the measurements where DynamoDB is not the thing measured:
// scoring one batch of signals on its own, and scoring them with Comprehend message by message.
import type { ScoreStore } from '#domain/ports';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';

/** One batch of signals, nothing scored yet; keeps what scoring saves. */
export class BatchScoreStore implements ScoreStore {
  readonly scores: SignalScore[] = [];
  readonly mentions: ValueMention[] = [];
  private readonly byId: Map<string, Signal>;

  constructor(signals: readonly Signal[]) {
    this.byId = new Map(signals.map((signal) => [signal.id, signal]));
  }

  async getSignals(ids: string[]): Promise<Signal[]> {
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }

  async signalIdsBySource(sourceId: string): Promise<string[]> {
    return [...this.byId.values()].filter((signal) => signal.sourceId === sourceId).map((signal) => signal.id);
  }

  async scoredSignalIds(): Promise<Set<string>> {
    return new Set();
  }

  async saveScores(scores: SignalScore[], mentions: ValueMention[]): Promise<void> {
    this.scores.push(...scores);
    this.mentions.push(...mentions);
  }

  async recordRun(): Promise<void> {}
}

/**
 * The scoring queue's view of the store, for one analyzer: signals are held from when they are
 * stored until their message has been scored (so memory stays flat), and which signals have a
 * score is remembered for the whole run, as the table would.
 */
export class QueueScoreStore implements ScoreStore {
  private readonly held = new Map<string, Signal>();
  private readonly scored = new Set<string>();

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

  async scoredSignalIds(signalIds: string[]): Promise<Set<string>> {
    return new Set(signalIds.filter((id) => this.scored.has(id)));
  }

  async saveScores(scores: SignalScore[]): Promise<void> {
    for (const score of scores) this.scored.add(score.signalId);
  }

  async recordRun(): Promise<void> {}
}
