// The ports: what the use cases need from the outside world. Adapters in shared/adapters implement
// them; handlers and the CLI choose which.
import { z } from 'zod';
import type { AlertSend, AlertState } from './alerts/state';
import type { BurstDay, ReviewBurst } from './alignment/review-bursts';
import type { FeedItem } from './feed-item';
import type { Channel, Profile, Source } from './profile';
import type { RedactionContext, RedactionCounts } from './redaction';
import type { Rollup } from './rollup';
import type { Signal } from './signal';
import type { SignalScore } from './signal-score';
import type { WeeklySnapshot } from './snapshot';
import type { ValueMention } from './value-mention';

/** What tells us a source has not changed since the last fetch. */
export const ValidatorsSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** sha256 of the body: catches unchanged files and servers without conditional GET. */
  contentHash: z.string().optional(),
});
export type Validators = z.infer<typeof ValidatorsSchema>;

export const SourceStateSchema = z.object({
  sourceId: z.string(),
  validators: ValidatorsSchema,
  lastCheckedAt: z.string(),
  /** When the source last had new content. */
  lastChangedAt: z.string().optional(),
  lastOutcome: z.enum(['new', 'unchanged', 'failed']),
  lastError: z.string().optional(),
  consecutiveFailures: z.number().int().min(0),
  /** What the source's current content held when it was last read (kept while it is unchanged). */
  lastContent: z
    .object({
      items: z.number().int(),
      stored: z.number().int(),
      offBrand: z.number().int(),
      filtered: z.number().int(),
    })
    .optional(),
});
export type SourceState = z.infer<typeof SourceStateSchema>;

/** Items as they arrive: a page of an API, a slice of a large file, or a whole feed. */
export interface ItemBatch {
  items: FeedItem[];
  /** Items of this batch that could not be read (the rest are kept). */
  invalidItems: number;
  /** Language the source gives for these items, when it gives one. */
  language?: string;
  /** Items of this batch whose date was given but could not be read; they are dated at fetch time. */
  unreadableDates?: number;
  /** What the people who run the source should know about how it was read (see SourceWarning). */
  warnings?: SourceWarning[];
}

/**
 * Something about a source's content that did not stop it from being read but may make what was
 * stored wrong or incomplete, with what to change: shown in the ingest report, per source.
 */
export interface SourceWarning {
  /** unreadable-items: items skipped, named with why; partly-read-items: items kept without a broken part. */
  code: 'ambiguous-dates' | 'unreadable-dates' | 'unreadable-items' | 'partly-read-items';
  /** A sentence for a person: which source and column, what was done, and the setting that fixes it. */
  message: string;
}

export type ConnectorResult =
  | { status: 'unchanged'; validators: Validators }
  | {
      status: 'fetched';
      /**
       * The items, batch by batch. Each batch is stored before the next is read, so a failure on
       * page 3 keeps pages 1 and 2; reading throws FeedError when the source fails part-way.
       */
      batches: AsyncIterable<ItemBatch>;
      /** The validators to keep; call it once every batch has been read. */
      validators(): Validators;
    };

/** Reads one source; throws FeedError when it cannot. */
export interface SourceConnector<S extends Source = Source> {
  read(source: S, previous: Validators): Promise<ConnectorResult>;
}

/** What a redactor made of a batch of signals. */
export interface RedactionBatch {
  /** The signals, in input order, with personal data replaced; ids unchanged. */
  signals: Signal[];
  /** What was replaced in each signal, in the same order. */
  counts: RedactionCounts[];
  /** Signals the redactor's own method failed on and the pattern redactor handled instead. */
  fallbacks: number;
}

/** Removes personal data from signals before they are stored (see domain/redaction.ts). */
export interface Redactor {
  readonly name: string;
  /** Never loses a signal: what cannot be redacted the redactor's own way is redacted by the patterns. */
  redact(signals: Signal[], context: RedactionContext): Promise<RedactionBatch>;
}

// ---- the store ------------------------------------------------------------------------------
// One repository per kind of record the store keeps, each implemented by one adapter in
// shared/adapters/store. A use case's store is the methods it needs of them, picked below.

/** A half-open time range [from, to) of ISO instants. */
export interface TimeRange {
  from: string;
  to: string;
}

export interface SaveSignalsResult {
  /** Ids written by this call. */
  inserted: string[];
  /** Ids that were already stored and were left as they were. */
  existing: string[];
}

/**
 * Turns the signals about to be stored for the first time into what is stored (redaction): called
 * only with the new ones, so work and cost are spent once per signal. It must keep every id.
 */
export type PrepareNewSignals = (fresh: Signal[]) => Promise<Signal[]>;

/** The signals. A read never returns one whose text has expired, unless it says otherwise. */
export interface SignalRepository {
  /**
   * Stores the signals not stored yet, their text kept `textRetentionDays` after each was fetched;
   * never overwrites or duplicates one, even after its text has expired.
   */
  saveNewSignals(signals: Signal[], textRetentionDays: number, prepare?: PrepareNewSignals): Promise<SaveSignalsResult>;
  getSignal(id: string): Promise<Signal | undefined>;
  /** Signals by id, in the order asked; ids not stored are left out. */
  getSignals(ids: string[]): Promise<Signal[]>;
  /** Signals published in [from, to), of one channel or all, oldest first. */
  /** `where`, when given, keeps only the signals it accepts, as pages arrive: the others are never held. */
  signalsBetween(range: TimeRange, channel?: Channel, where?: (signal: Signal) => boolean): Promise<Signal[]>;
  /** How many signals with live text were published in [from, to), per channel. */
  signalCountsByChannel(range: TimeRange): Promise<Record<Channel, number>>;
  /** When one source's earliest and latest stored signals were published, however old, expired or not. */
  signalSpanOfSource(sourceId: string): Promise<{ earliest: string; latest: string } | undefined>;
  /** Signals of one source, optionally within [from, to), oldest first. */
  signalsBySource(sourceId: string, range?: TimeRange): Promise<Signal[]>;
  /** Ids of the signals of one source whose text is live, oldest first. */
  signalIdsBySource(sourceId: string): Promise<string[]>;
}

/** The scores of signals, by analyzer version, and the value mentions found in them. */
export interface ScoreRepository {
  /** Stores value mentions; they expire with their signal's text, at the instant `textExpiresAt` gives by signal id. */
  saveMentions(mentions: ValueMention[], textExpiresAt: (signalId: string) => number | undefined): Promise<void>;
  /**
   * Stores each score unless its signal already has one by the same analyzer (stored by another run
   * at the same time), marked with the rollup batch that stored it; returns the ids of the signals
   * whose scores it stored. A score marks its signal as done: store its mentions first.
   */
  claimScores(
    scores: SignalScore[],
    batchId: string,
    textExpiresAt: (signalId: string) => number | undefined,
  ): Promise<Set<string>>;
  /** The scores of these signals that a rollup batch stored (claimScores), with their value mentions. */
  claimedBy(batch: RollupBatch): Promise<{ scores: SignalScore[]; mentions: ValueMention[] }>;
  /** Which of these signals already have a score by this analyzer version, however old. */
  scoredSignalIds(signalIds: string[], analyzer: string): Promise<Set<string>>;
  /** The key phrases of these signals' scores by one analyzer version, by signal id (those not scored left out). */
  keyPhrasesOf(signalIds: string[], analyzer: string): Promise<Map<string, string[]>>;
  /** Scores by one analyzer version of signals published in [from, to), oldest first. */
  scoresBetween(range: TimeRange, analyzer: string): Promise<SignalScore[]>;
  /** Mentions of one value by one analyzer version published in [from, to), of one channel or all, oldest first. */
  valueMentionsBetween(valueId: string, range: TimeRange, analyzer: string, channel?: Channel): Promise<ValueMention[]>;
}

/** A batch of scores whose rollups are to be written: open from before its scores are stored until its rollups are. */
export interface RollupBatch {
  batchId: string;
  analyzer: string;
  signalIds: string[];
  openedAt: string;
}

/**
 * The weekly rollups (domain/rollup.ts), kept as each batch of scores is stored: every batch writes
 * its own rollups (deltas), which compaction folds into one rollup per week and subject. Each write
 * is idempotent and a batch cut short is found again (openRollupBatches), so a crash, a rerun or a
 * redelivered message never counts a signal twice or loses one. docs/table-design.md has the items.
 */
export interface CompactOptions {
  /** Fold a week and subject only once it holds at least this many batches' rollups (1 when omitted). */
  minDeltas?: number;
}

export interface RollupRepository {
  /** Records a batch before its scores are stored. */
  openRollupBatch(batch: RollupBatch): Promise<void>;
  /** Writes a batch's rollups and forgets the batch; writing the same batch again changes nothing. */
  closeRollupBatch(batch: RollupBatch, rollups: Rollup[]): Promise<void>;
  /** Batches of an analyzer opened before an instant and never closed: runs that stopped part-way. */
  openRollupBatches(analyzer: string, openedBefore: string): Promise<RollupBatch[]>;
  /**
   * Folds the batches' rollups of these weeks and subjects into one each; returns how many were
   * folded. With `minDeltas`, a week and subject holding fewer closed batches' rollups than that is
   * left as it is (reads count them all the same): folding rewrites the whole folded item.
   */
  compactRollups(analyzer: string, weeks: string[], subjects: string[], options?: CompactOptions): Promise<number>;
  /** The rollups of these weeks and subjects, whatever has been folded, without expired quotes. */
  rollupsOf(analyzer: string, weeks: string[], subjects: string[]): Promise<Rollup[]>;
  /** Replaces every rollup of an analyzer by these (a rebuild from the stored mentions). */
  replaceRollups(analyzer: string, rollups: Rollup[]): Promise<void>;
}

/**
 * The review bursts found so far, a UTC day at a time, and where the search left each day
 * (app/review-bursts.ts), by the analyzer whose rollups said which days to search.
 */
export interface ReviewBurstRepository {
  /**
   * The days from `first` to `last` (UTC, YYYY-MM-DD, both included) that were searched, and the
   * bursts anchored on them, oldest first; quotes whose text has expired are left out, and a burst
   * with no quote left with them.
   */
  burstDays(analyzer: string, first: string, last: string): Promise<{ days: BurstDay[]; bursts: ReviewBurst[] }>;
  /**
   * Replaces the bursts anchored on a day by these, then records where the search left the day: a
   * search cut short leaves the day as it was, and it is searched again. The day's record expires at
   * `expiresAt` (epoch seconds), a burst with its last quote.
   */
  putBurstDay(analyzer: string, day: BurstDay, bursts: readonly ReviewBurst[], expiresAt: number): Promise<void>;
}

/** What stops alerts from spamming (domain/alerts/state.ts). */
export interface AlertRepository {
  /** The last alert sent per value, channel and kind. */
  alertStates(): Promise<AlertState[]>;
  putAlertState(state: AlertState): Promise<void>;
  /** Records that this run sends the alert; false when another run did first (then read it with alertSend). */
  claimAlertSend(send: AlertSend): Promise<boolean>;
  alertSend(key: string): Promise<AlertSend | undefined>;
  putAlertSend(send: AlertSend): Promise<void>;
  /** Takes one of a day's `cap` sending slots for an alert; false when all are taken. */
  takeDailySlot(day: string, cap: number, alertKey: string): Promise<boolean>;
}

/** What each source was left at by its last read: the validators and the outcome. */
export interface SourceStateRepository {
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  putSourceState(state: SourceState): Promise<void>;
}

/** The brand profile as last deployed (AWS mode: written on deploy, read by every Lambda). */
export interface ProfileRepository {
  putProfile(profile: Profile, deployedAt: string): Promise<void>;
  /** Undefined before the first deploy. */
  getProfile(): Promise<Profile | undefined>;
}

/** The weekly snapshots: what each week's digest computed, kept for the trends of later weeks. */
export interface SnapshotRepository {
  /** Stores (or replaces) the snapshot of a week: the latest digest run for a week wins. */
  putSnapshot(snapshot: WeeklySnapshot): Promise<void>;
  /** The most recent snapshot of a week before `week`, if any. */
  snapshotBefore(week: string): Promise<WeeklySnapshot | undefined>;
  /** Snapshots of all weeks, oldest first. */
  snapshots(): Promise<WeeklySnapshot[]>;
}

/** Which weeks' digests were sent: sending once per week makes a retried digest Lambda harmless. */
export interface DigestSentRepository {
  /** Marks a week's digest as sent; false when it already was. */
  markDigestSent(week: string, sentAt: string, messageId: string): Promise<boolean>;
  /** Undoes markDigestSent when the send itself failed, so the next attempt may send. */
  clearDigestSent(week: string): Promise<void>;
}

export interface RunRecord {
  runId: string;
  kind: 'ingest' | 'score';
  startedAt: string;
  finishedAt: string;
  summary: Record<string, unknown>;
}

/** The record of each ingest and score run. */
export interface RunRepository {
  recordRun(run: RunRecord): Promise<void>;
  /** The most recent runs, newest first. */
  recentRuns(limit?: number): Promise<RunRecord[]>;
}

/** What ingest needs of the store. */
export interface SignalStore
  extends SourceStateRepository,
    Pick<SignalRepository, 'saveNewSignals'>,
    Pick<RunRepository, 'recordRun'> {}

/** What storing scores with their rollups needs of the store (app/rollups.ts). */
export interface RollupStore
  extends Pick<SignalRepository, 'getSignals'>,
    Pick<ScoreRepository, 'saveMentions' | 'claimScores' | 'claimedBy'>,
    RollupRepository {}

/** What scoring needs of the store. */
export interface ScoreStore
  extends RollupStore,
    Pick<SignalRepository, 'signalIdsBySource'>,
    Pick<ScoreRepository, 'scoredSignalIds'>,
    Pick<RunRepository, 'recordRun'> {}

/** What choosing a digest's week, and measuring how much of it the data covers, needs of the store. */
export interface DigestWeekStore
  extends Pick<SignalRepository, 'signalSpanOfSource' | 'signalCountsByChannel'>,
    Pick<SourceStateRepository, 'getSourceState'> {}

/** What the digest needs of the store. */
export interface DigestStore
  extends DigestWeekStore,
    RollupStore,
    ReviewBurstRepository,
    Pick<SignalRepository, 'signalsBetween' | 'getSignals'>,
    Pick<ScoreRepository, 'valueMentionsBetween' | 'scoresBetween'>,
    Pick<SnapshotRepository, 'snapshotBefore' | 'putSnapshot'> {}

/** What suggest-terms needs of the store: it reads, and writes nothing. */
export interface SuggestTermsStore
  extends Pick<SignalRepository, 'signalSpanOfSource' | 'signalsBetween'>,
    Pick<ScoreRepository, 'scoresBetween' | 'valueMentionsBetween'> {}
