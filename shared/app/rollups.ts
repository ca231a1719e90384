// Keeping the weekly rollups (domain/rollup.ts) as scores are stored, so that the digest reads a
// rollup per week and value instead of every mention. A batch of scores is stored in four steps:
//   1. the batch is opened: a record of its signal ids;
//   2. the value mentions are stored;
//   3. each score is stored unless another run stored its signal's first (claimScores): the scores
//      this batch stored are the ones it counts;
//   4. the rollups of those are written, keyed by the batch, and the batch is closed.
// A run that stops anywhere leaves the batch open; the next run (or digest) finds it, reads back what
// the batch stored, and does step 4 for it. Compaction then folds the batches' rollups into one per
// week and subject. docs/table-design.md follows a crash through each step.
import { randomUUID } from 'node:crypto';
import { competitorsOf, competitorSubjects, competitorValueSubject } from '#domain/entities';
import { isoWeekOf, isoWeekRange, isoWeeksFromTo } from '#domain/iso-week';
import type { RollupBatch, RollupStore, SignalRepository, ScoreRepository, TimeRange } from '#domain/ports';
import type { Profile } from '#domain/profile';
import { textExpiresAt } from '#domain/retention';
import { type Rollup, rollupsOf, WEEK_TOTALS } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';

/**
 * How old an open batch must be before another run finishes it: longer than any run takes to store
 * one batch (a Lambda runs at most 15 minutes), so a batch still being stored is never taken over.
 * Local mode holds the store alone, so there any open batch is from a run that stopped: 0.
 */
export const OPEN_BATCH_GRACE_MS = 15 * 60_000;

/**
 * How many batches' rollups a week and subject gathers before a scoring run folds them. Folding
 * rewrites the folded item whole (the week's topic tallies run to hundreds of KB, each KB a write
 * unit), so a run that wrote one small batch does not fold: its rollup is read with the others until
 * enough have gathered, and the digest folds whatever is there before it reads.
 */
export const DELTAS_BEFORE_COMPACTION = 8;

/** Weeks and subjects whose rollups a run wrote: what it compacts when it ends. */
export class TouchedRollups {
  private readonly written = new Map<string, Set<string>>();

  /** The weeks written, oldest first. */
  weeks(): string[] {
    return [...this.written.keys()].sort();
  }

  add(rollups: readonly Rollup[]): void {
    for (const rollup of rollups) {
      const subjects = this.written.get(rollup.week) ?? new Set<string>();
      subjects.add(rollup.subject);
      this.written.set(rollup.week, subjects);
    }
  }

  /**
   * Folds the batches' rollups of the weeks and subjects written into one each, where at least
   * `minDeltas` have gathered; returns how many were folded.
   */
  async compact(
    store: Pick<RollupStore, 'compactRollups'>,
    analyzer: string,
    minDeltas = DELTAS_BEFORE_COMPACTION,
  ): Promise<number> {
    let folded = 0;
    for (const [week, subjects] of this.written)
      folded += await store.compactRollups(analyzer, [week], [...subjects], { minDeltas });
    this.written.clear();
    return folded;
  }
}

export interface StoredScores {
  /** Signals whose scores this call stored; the others had been stored by another run first. */
  claimed: Set<string>;
  rollups: Rollup[];
}

/** When the text of each of these signals expires (epoch seconds): scores, mentions and quotes expire with it. */
function textExpiryOf(
  profile: Profile,
  signals: ReadonlyMap<string, Pick<Signal, 'fetchedAt'>>,
): (signalId: string) => number | undefined {
  return (signalId) => {
    const signal = signals.get(signalId);
    return signal ? textExpiresAt(signal.fetchedAt, profile.retention.signalTextDays) : undefined;
  };
}

/** The rollups of what a batch stored: its claimed scores and their mentions, with the signals' titles and ratings. */
function batchRollups(
  profile: Profile,
  analyzer: string,
  claimed: { scores: readonly SignalScore[]; mentions: readonly ValueMention[] },
  signals: ReadonlyMap<string, Pick<Signal, 'title' | 'rating' | 'fetchedAt' | 'author' | 'text'>>,
): Rollup[] {
  return rollupsOf({
    zone: profile.digest.timezone,
    analyzer,
    scores: claimed.scores,
    mentions: claimed.mentions,
    signals,
    textExpiresAt: textExpiryOf(profile, signals),
  });
}

/**
 * Stores a batch of scores and their mentions, and the batch's rollups (the four steps above).
 * `signals` holds at least the signals scored, for their titles, ratings and text expiry.
 */
export async function storeScores(
  store: Pick<RollupStore, 'openRollupBatch' | 'saveMentions' | 'claimScores' | 'closeRollupBatch'>,
  profile: Profile,
  batch: {
    analyzer: string;
    scores: SignalScore[];
    mentions: ValueMention[];
    signals: ReadonlyMap<string, Signal>;
    openedAt: string;
  },
): Promise<StoredScores> {
  const expiry = textExpiryOf(profile, batch.signals);
  const open: RollupBatch = {
    batchId: randomUUID(),
    analyzer: batch.analyzer,
    signalIds: batch.scores.map((score) => score.signalId),
    openedAt: batch.openedAt,
  };
  await store.openRollupBatch(open);
  await store.saveMentions(batch.mentions, expiry);
  const claimed = await store.claimScores(batch.scores, open.batchId, expiry);
  const rollups = batchRollups(
    profile,
    batch.analyzer,
    {
      scores: batch.scores.filter((score) => claimed.has(score.signalId)),
      mentions: batch.mentions.filter((mention) => claimed.has(mention.signalId)),
    },
    batch.signals,
  );
  await store.closeRollupBatch(open, rollups);
  return { claimed, rollups };
}

/**
 * Finishes the batches that runs opened more than `graceMs` ago and never closed: reads back the
 * scores each stored and their mentions, and writes their rollups. Returns the rollups written.
 */
export async function recoverOpenBatches(
  store: Pick<RollupStore, 'openRollupBatches' | 'claimedBy' | 'getSignals' | 'closeRollupBatch'>,
  profile: Profile,
  analyzer: string,
  options: { now: Date; graceMs: number },
): Promise<Rollup[]> {
  const before = new Date(options.now.getTime() - options.graceMs).toISOString();
  const written: Rollup[] = [];
  for (const batch of await store.openRollupBatches(analyzer, before)) {
    const claimed = await store.claimedBy(batch);
    const signals = await store.getSignals(claimed.scores.map((score) => score.signalId));
    const rollups = batchRollups(profile, analyzer, claimed, new Map(signals.map((signal) => [signal.id, signal])));
    await store.closeRollupBatch(batch, rollups);
    written.push(...rollups);
  }
  return written;
}

/** The subjects of a profile's rollups: each value, and the week's totals. */
export function rollupSubjects(profile: Profile): string[] {
  return [...brandRollupSubjects(profile), ...competitorSubjects(profile)];
}

/** The brand's own subjects: its values and its week's totals (what alerts read). */
export function brandRollupSubjects(profile: Profile): string[] {
  return [...profile.values.map((value) => value.id), WEEK_TOTALS];
}

/** The subjects value mentions are kept under: the brand's values, then each competitor's. */
function mentionSubjects(profile: Profile): string[] {
  return [
    ...profile.values.map((value) => value.id),
    ...competitorsOf(profile).flatMap(({ id }) => profile.values.map((value) => competitorValueSubject(value.id, id))),
  ];
}

export interface RebuildReport {
  analyzer: string;
  weeks: number;
  rollups: number;
  scoredSignals: number;
  mentions: number;
}

/**
 * Recomputes every rollup of an analyzer from the stored scores and mentions, week by week of the
 * sources' history, and replaces the stored ones. What it reads is what scoring stored, so the
 * figures are the same as the batches gave; only text that has expired is no longer there to count.
 */
export async function rebuildRollups(
  store: Pick<SignalRepository, 'signalSpanOfSource' | 'getSignals'> &
    Pick<ScoreRepository, 'scoresBetween' | 'valueMentionsBetween'> &
    Pick<RollupStore, 'replaceRollups'>,
  profile: Profile,
  analyzer: string,
  onWeek?: (done: number, total: number, week: string) => void,
): Promise<RebuildReport> {
  const zone = profile.digest.timezone;
  const spans = (await Promise.all(profile.sources.map((source) => store.signalSpanOfSource(source.id)))).filter(
    (span) => span !== undefined,
  );
  const report: RebuildReport = { analyzer, weeks: 0, rollups: 0, scoredSignals: 0, mentions: 0 };
  const rollups: Rollup[] = [];
  if (spans.length > 0) {
    const earliest = spans.reduce(
      (min, span) => (span.earliest < min ? span.earliest : min),
      spans[0]?.earliest as string,
    );
    const latest = spans.reduce((max, span) => (span.latest > max ? span.latest : max), spans[0]?.latest as string);
    const weeks = isoWeeksFromTo(isoWeekOf(earliest, zone), isoWeekOf(latest, zone), zone);
    for (const [index, week] of weeks.entries()) {
      const range: TimeRange = isoWeekRange(week, zone);
      const scores = await store.scoresBetween(range, analyzer);
      let mentions: ValueMention[] = [];
      for (const subject of mentionSubjects(profile))
        mentions = mentions.concat(await store.valueMentionsBetween(subject, range, analyzer));
      // the mentions' signals for quotes, the reviews' and posts' for the topic and rating tallies
      const quoted = [
        ...mentions.map((mention) => mention.signalId),
        ...scores
          .filter((score) => score.channel === 'review' || score.channel === 'social')
          .map((score) => score.signalId),
      ];
      const signals = await store.getSignals([...new Set(quoted)]);
      const ofWeek = batchRollups(
        profile,
        analyzer,
        { scores, mentions },
        new Map(signals.map((each) => [each.id, each])),
      );
      rollups.push(...ofWeek);
      report.scoredSignals += scores.filter((score) => score.status === 'scored').length;
      report.mentions += mentions.length;
      onWeek?.(index + 1, weeks.length, week);
    }
    report.weeks = weeks.length;
  }
  await store.replaceRollups(analyzer, rollups);
  report.rollups = rollups.length;
  return report;
}
