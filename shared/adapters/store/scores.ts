// The scores in the table, and the value mentions found in the scored signals. Both live beside
// their signal's item (same partition) and have a time-ordered index entry (gsi1) by month: scores
// by analyzer version, mentions by value. Both quote the signal's text, so both expire with it.
import type { ScoreRepository, TimeRange } from '#domain/ports';
import { SignalScoreSchema, type SignalScore } from '#domain/signal-score';
import { ValueMentionSchema, type ValueMention } from '#domain/value-mention';
import { StoreError } from './errors';
import { byPublishedAt, type TableClient } from './table-client';
import { keys, monthOf, monthsBetween, stripKeys, TTL_ATTRIBUTE } from './table';

export class ScoreItems implements ScoreRepository {
  constructor(private readonly table: TableClient) {}

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
    const { brand } = this.table;
    const expiry = (signalId: string) => {
      const at = textExpiresAt(signalId);
      if (at === undefined)
        throw new StoreError(`no text expiry given for signal ${signalId}; scores must expire with their signal`);
      return at;
    };
    await this.table.batchPut(
      mentions.map((mention) => ({
        ...keys.valueMention(brand, mention.signalId, mention.valueId, mention.analyzer),
        type: 'value-mention',
        gsi1pk: keys.valueMentionByMonth(brand, mention.valueId, monthOf(mention.publishedAt)),
        gsi1sk: keys.timeOrdered(mention.publishedAt, mention.signalId),
        [TTL_ATTRIBUTE]: expiry(mention.signalId),
        ...mention,
      })),
    );
    await this.table.batchPut(
      scores.map((score) => ({
        ...keys.score(brand, score.signalId, score.analyzer),
        type: 'score',
        gsi1pk: keys.scoreByMonth(brand, score.analyzer, monthOf(score.publishedAt)),
        gsi1sk: keys.timeOrdered(score.publishedAt, score.signalId),
        [TTL_ATTRIBUTE]: expiry(score.signalId),
        ...score,
      })),
    );
  }

  /**
   * Which of these signals already have a score (scored or skipped) by this analyzer version. An
   * expired score still counts: its signal is never to be scored, nor paid for, again.
   */
  async scoredSignalIds(signalIds: string[], analyzer: string): Promise<Set<string>> {
    const found = await this.table.batchGet(
      signalIds.map((id) => keys.score(this.table.brand, id, analyzer)),
      ['signalId'],
    );
    return new Set(found.map((item) => String(item.signalId)));
  }

  /** Scores by one analyzer version of signals published in [from, to), oldest first. */
  async scoresBetween(range: TimeRange, analyzer: string): Promise<SignalScore[]> {
    const partitions = monthsBetween(range.from, range.to).map((month) =>
      keys.scoreByMonth(this.table.brand, analyzer, month),
    );
    const read = this.table.liveAs((item) => SignalScoreSchema.parse(stripKeys(item)));
    const pages = await Promise.all(
      partitions.map((partition) => this.table.queryTimeRange('gsi1', partition, range, read)),
    );
    return pages.flat().sort(byPublishedAt);
  }

  /** Mentions of one value published in [from, to), e.g. one ISO week, by one analyzer version, oldest first. */
  async valueMentionsBetween(valueId: string, range: TimeRange, analyzer: string): Promise<ValueMention[]> {
    const partitions = monthsBetween(range.from, range.to).map((month) =>
      keys.valueMentionByMonth(this.table.brand, valueId, month),
    );
    const read = this.table.liveAs((item) =>
      item.analyzer === analyzer ? ValueMentionSchema.parse(stripKeys(item)) : undefined,
    );
    const pages = await Promise.all(
      partitions.map((partition) => this.table.queryTimeRange('gsi1', partition, range, read)),
    );
    return pages.flat().sort(byPublishedAt);
  }
}
