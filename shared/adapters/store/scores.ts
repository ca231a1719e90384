// The scores in the table, and the value mentions found in the scored signals. Both live beside
// their signal's item (same partition) and have a time-ordered index entry (gsi1) by month: scores
// by analyzer version, mentions by value. Both quote the signal's text, so both expire with it.
import type { RollupBatch, ScoreRepository, TimeRange } from '#domain/ports';
import type { Channel } from '#domain/profile';
import { SignalScoreSchema, type SignalScore } from '#domain/signal-score';
import { mentionSubject, ValueMentionSchema, type ValueMention } from '#domain/value-mention';
import { throttleAware } from './batches';
import { StoreError } from './errors';
import { byPublishedAt, type TableClient } from './table-client';
import { keys, monthOf, monthsBetween, stripKeys, TTL_ATTRIBUTE } from './table';

/** The attribute of a score naming the rollup batch that stored it (claimScores). */
const ROLLUP_BATCH_ATTRIBUTE = 'rollupBatch';
/** Conditional puts sent at once by claimScores. */
const CLAIMS_IN_FLIGHT = 16;

/** The text expiry of each signal, which every score and mention must have. */
function expiryOf(textExpiresAt: (signalId: string) => number | undefined): (signalId: string) => number {
  return (signalId) => {
    const at = textExpiresAt(signalId);
    if (at === undefined)
      throw new StoreError(`no text expiry given for signal ${signalId}; scores must expire with their signal`);
    return at;
  };
}

export class ScoreItems implements ScoreRepository {
  constructor(private readonly table: TableClient) {}

  /**
   * Stores value mentions. They quote the signal's text (excerpts), so they expire when its text
   * does: `textExpiresAt` gives that instant by signal id (see textExpiresAt in domain/retention).
   */
  async saveMentions(mentions: ValueMention[], textExpiresAt: (signalId: string) => number | undefined): Promise<void> {
    const { brand } = this.table;
    const expiry = expiryOf(textExpiresAt);
    await this.table.batchPut(
      mentions.map((mention) => {
        // the key named, not spread: see signalItem in signals.ts
        // a competitor's mention of a value is kept under its own subject (`<value>@<competitor>`)
        const subject = mentionSubject(mention);
        const { pk, sk } = keys.valueMention(brand, mention.signalId, subject, mention.analyzer);
        return {
          pk,
          sk,
          type: 'value-mention',
          gsi1pk: keys.valueMentionByMonth(brand, subject, monthOf(mention.publishedAt)),
          gsi1sk: keys.timeOrdered(mention.publishedAt, mention.signalId),
          [TTL_ATTRIBUTE]: expiry(mention.signalId),
          ...mention,
        };
      }),
    );
  }

  /**
   * Stores each score whose signal has none by the same analyzer yet, marked with the batch: a
   * conditional put per score, so of two runs scoring the same signal at once only one stores it
   * (and counts it in its rollups). Scores quote key phrases, so they expire with the text too.
   */
  async claimScores(
    scores: SignalScore[],
    batchId: string,
    textExpiresAt: (signalId: string) => number | undefined,
  ): Promise<Set<string>> {
    const { brand } = this.table;
    const expiry = expiryOf(textExpiresAt);
    const items = scores.map((score) => {
      // the key named, not spread: see signalItem in signals.ts
      const { pk, sk } = keys.score(brand, score.signalId, score.analyzer);
      return {
        pk,
        sk,
        type: 'score',
        gsi1pk: keys.scoreByMonth(brand, score.analyzer, monthOf(score.publishedAt)),
        gsi1sk: keys.timeOrdered(score.publishedAt, score.signalId),
        [TTL_ATTRIBUTE]: expiry(score.signalId),
        [ROLLUP_BATCH_ATTRIBUTE]: batchId,
        ...score,
      };
    });
    const claimed = new Set<string>();
    for (let start = 0; start < items.length; start += CLAIMS_IN_FLIGHT) {
      const slice = items.slice(start, start + CLAIMS_IN_FLIGHT);
      const stored = await Promise.all(
        slice.map((item) => throttleAware(this.table.tableName, 'write', () => this.table.putIfNew(item))),
      );
      slice.forEach((item, index) => {
        if (stored[index]) claimed.add(item.signalId);
      });
    }
    return claimed;
  }

  /** The scores of a batch's signals that the batch stored, and their value mentions by the same analyzer. */
  async claimedBy(batch: RollupBatch): Promise<{ scores: SignalScore[]; mentions: ValueMention[] }> {
    const { brand } = this.table;
    const items = await this.table.batchGet(batch.signalIds.map((id) => keys.score(brand, id, batch.analyzer)));
    const scores = items
      .filter((item) => item[ROLLUP_BATCH_ATTRIBUTE] === batch.batchId)
      .map((item) => SignalScoreSchema.parse(stripKeys(item)));
    const mentions: ValueMention[] = [];
    for (const score of scores) {
      const found = await this.table.queryAll(
        {
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :values)',
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':pk': keys.signal(brand, score.signalId).pk, ':values': 'VAL#' },
        },
        (item) => (item.analyzer === batch.analyzer ? ValueMentionSchema.parse(stripKeys(item)) : undefined),
      );
      mentions.push(...found);
    }
    return { scores, mentions };
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

  async keyPhrasesOf(signalIds: string[], analyzer: string): Promise<Map<string, string[]>> {
    const found = await this.table.batchGet(
      signalIds.map((id) => keys.score(this.table.brand, id, analyzer)),
      ['signalId', 'keyPhrases'],
    );
    return new Map(
      found
        .filter((item) => Array.isArray(item.keyPhrases))
        .map((item) => [String(item.signalId), (item.keyPhrases as unknown[]).map(String)]),
    );
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

  /**
   * Mentions of one value published in [from, to), e.g. one ISO week, by one analyzer version, oldest
   * first: the brand's by the value's id, a competitor's by `<value id>@<competitor id>` (mentionSubject).
   */
  async valueMentionsBetween(
    valueId: string,
    range: TimeRange,
    analyzer: string,
    channel?: Channel,
  ): Promise<ValueMention[]> {
    const partitions = monthsBetween(range.from, range.to).map((month) =>
      keys.valueMentionByMonth(this.table.brand, valueId, month),
    );
    // items of other analyzers and channels are passed over before they are parsed
    const read = this.table.liveAs((item) =>
      item.analyzer === analyzer && (channel === undefined || item.channel === channel)
        ? ValueMentionSchema.parse(stripKeys(item))
        : undefined,
    );
    const pages = await Promise.all(
      partitions.map((partition) => this.table.queryTimeRange('gsi1', partition, range, read)),
    );
    return pages.flat().sort(byPublishedAt);
  }
}
