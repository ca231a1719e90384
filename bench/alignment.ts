// A year of history for twenty values (test/domain/alignment/large-history.ts: about 62,000 mentions
// and 26,000 scored signals), against the 5 s target for a digest of 20 values x 52 weeks:
// - the alignment engine over all 52 weeks at once, the heaviest computation a digest could ask for;
// - the digest as `congruence digest` builds it (buildDigest, then HTML, text, charts and .eml written
//   to files) from a store holding those 52 weeks. The store is in memory, so this is the digest's own
//   work; reading its window from DynamoDB is in the digest stage of the pipeline benchmark.
// Each is the median of several runs.
import { writeDigestFiles } from '#adapters/digest/index';
import { buildDigest } from '#app/digest';
import { computeAlignment, type AlignmentInput } from '#domain/alignment/index';
import type { DigestStore } from '#domain/ports';
import { CHANNELS, type Channel } from '#domain/profile';
import { rollupsOf } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { largeHistoryInput } from '#test/domain/alignment/large-history';
import { MemoryReviewBursts, MemoryRollups } from './stores';

export const DIGEST_TARGET_MS = 5_000;

export interface AlignmentFigures {
  values: number;
  weeks: number;
  mentions: number;
  scoredSignals: number;
  alignmentMedianMs: number;
  digestMedianMs: number;
  targetMs: number;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The large history as a digest store: every read filters the whole year in memory, and the weekly
 * rollups are built once from its scores and mentions, as scoring would have kept them. It is only
 * read: the calls that store scores change nothing.
 */
async function historyStore(input: AlignmentInput): Promise<DigestStore> {
  const signals: Signal[] = [...input.signals.values()].map((signal) => ({
    ...signal,
    url: null,
    author: null,
    publishedAtSource: 'feed',
    fetchedAt: signal.publishedAt,
    language: 'en',
  }));
  const byId = new Map(signals.map((signal) => [signal.id, signal]));
  const within = (at: string, range: { from: string; to: string }) => at >= range.from && at < range.to;
  const published = [...input.mentions, ...input.scores].map((item) => item.publishedAt).sort();
  const span =
    published.length > 0
      ? { earliest: published[0] as string, latest: published[published.length - 1] as string }
      : undefined;
  const rollups = new MemoryRollups();
  const bursts = new MemoryReviewBursts();
  const analyzer = input.mentions[0]?.analyzer ?? '';
  await rollups.replaceRollups(
    analyzer,
    rollupsOf({
      zone: input.profile.digest.timezone,
      analyzer,
      scores: input.scores,
      mentions: input.mentions,
      signals: input.signals,
    }),
  );
  return {
    openRollupBatch: (batch) => rollups.openRollupBatch(batch),
    closeRollupBatch: (batch, written) => rollups.closeRollupBatch(batch, written),
    openRollupBatches: (key, before) => rollups.openRollupBatches(key, before),
    compactRollups: (key, weeks, subjects) => rollups.compactRollups(key, weeks, subjects),
    rollupsOf: (key, weeks, subjects) => rollups.rollupsOf(key, weeks, subjects),
    replaceRollups: (key, replacing) => rollups.replaceRollups(key, replacing),
    burstDays: (key, first, last) => bursts.burstDays(key, first, last),
    putBurstDay: (key, day, found) => bursts.putBurstDay(key, day, found),
    saveMentions: async () => undefined,
    claimScores: async () => new Set<string>(),
    claimedBy: async () => ({ scores: [], mentions: [] }),
    signalsBetween: async (range, channel) =>
      signals.filter(
        (signal) => within(signal.publishedAt, range) && (channel === undefined || signal.channel === channel),
      ),
    signalCountsByChannel: async (range) => {
      const counts = Object.fromEntries(CHANNELS.map((channel) => [channel, 0])) as Record<Channel, number>;
      for (const signal of signals) if (within(signal.publishedAt, range)) counts[signal.channel]++;
      return counts;
    },
    getSignals: async (ids) => ids.flatMap((id) => byId.get(id) ?? []),
    valueMentionsBetween: async (valueId, range, analyzer) =>
      input.mentions.filter(
        (mention) => mention.valueId === valueId && mention.analyzer === analyzer && within(mention.publishedAt, range),
      ),
    scoresBetween: async (range, analyzer) =>
      input.scores.filter((score) => score.analyzer === analyzer && within(score.publishedAt, range)),
    getSourceState: async () => undefined,
    signalSpanOfSource: async () => span,
    snapshotBefore: async () => undefined,
    putSnapshot: async () => undefined,
  };
}

export async function benchAlignment(outDir: string): Promise<AlignmentFigures> {
  const input = largeHistoryInput();
  const alignment: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    computeAlignment(input);
    alignment.push(performance.now() - started);
  }
  const store = await historyStore(input);
  const analyzer = input.mentions[0]?.analyzer ?? '';
  const digest: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const { model } = await buildDigest(input.profile, { store, analyzer }, { week: input.week });
    await writeDigestFiles(model, outDir, { from: input.profile.digest.sender, to: input.profile.digest.recipients });
    digest.push(performance.now() - started);
  }
  return {
    values: input.profile.values.length,
    weeks: input.weeks.length,
    mentions: input.mentions.length,
    scoredSignals: input.scores.length,
    alignmentMedianMs: median(alignment),
    digestMedianMs: median(digest),
    targetMs: DIGEST_TARGET_MS,
  };
}
