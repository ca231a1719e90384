// The whole store over the single DynamoDB table, for the callers that use most of it (the CLI's
// local mode, the Lambdas, the benchmarks): one object that hands each call to the adapter of its
// port, all of them sharing one table client. The same code serves AWS and local mode (the embedded
// table, embedded/, which answers the same commands in process); only what it sends them through
// differs. A caller that needs one port may take its
// adapter instead (signals.ts, scores.ts, rollups.ts, review-bursts.ts, source-states.ts, profile.ts, snapshots.ts,
// digest-sent.ts, runs.ts).
import type {
  AlertRepository,
  DigestSentRepository,
  ProfileRepository,
  ReviewBurstRepository,
  RollupRepository,
  RunRepository,
  ScoreRepository,
  SignalRepository,
  SnapshotRepository,
  SourceStateRepository,
} from '#domain/ports';
import { AlertItems } from './alerts';
import { DigestSentItems } from './digest-sent';
import { ProfileItem } from './profile';
import { ReviewBurstItems } from './review-bursts';
import { RollupItems } from './rollups';
import { RunItems } from './runs';
import { ScoreItems } from './scores';
import { SignalItems } from './signals';
import { SnapshotItems } from './snapshots';
import { SourceStateItems } from './source-states';
import { TableClient, type TableClientOptions } from './table-client';

// The range the store's reads take is the domain's; it is exported here too for callers that read by range.
export type { TimeRange } from '#domain/ports';
export type DynamoStoreOptions = TableClientOptions;

export class DynamoStore
  implements
    SignalRepository,
    ScoreRepository,
    RollupRepository,
    ReviewBurstRepository,
    SourceStateRepository,
    ProfileRepository,
    SnapshotRepository,
    DigestSentRepository,
    RunRepository,
    AlertRepository
{
  private readonly table: TableClient;
  private readonly signals: SignalItems;
  private readonly scores: ScoreItems;
  private readonly rollups: RollupItems;
  private readonly reviewBursts: ReviewBurstItems;
  private readonly sourceStates: SourceStateItems;
  private readonly profile: ProfileItem;
  private readonly weeklySnapshots: SnapshotItems;
  private readonly digestsSent: DigestSentItems;
  private readonly runs: RunItems;
  private readonly alerts: AlertItems;

  constructor(options: DynamoStoreOptions) {
    this.table = new TableClient(options);
    this.signals = new SignalItems(this.table);
    this.scores = new ScoreItems(this.table);
    this.rollups = new RollupItems(this.table);
    this.reviewBursts = new ReviewBurstItems(this.table);
    this.sourceStates = new SourceStateItems(this.table);
    this.profile = new ProfileItem(this.table);
    this.weeklySnapshots = new SnapshotItems(this.table);
    this.digestsSent = new DigestSentItems(this.table);
    this.runs = new RunItems(this.table);
    this.alerts = new AlertItems(this.table);
  }

  // ---- the table itself (table-client.ts) ---------------------------------------------------

  putIfNew(...args: Parameters<TableClient['putIfNew']>) {
    return this.table.putIfNew(...args);
  }
  batchPut(...args: Parameters<TableClient['batchPut']>) {
    return this.table.batchPut(...args);
  }
  batchDelete(...args: Parameters<TableClient['batchDelete']>) {
    return this.table.batchDelete(...args);
  }
  batchGet(...args: Parameters<TableClient['batchGet']>) {
    return this.table.batchGet(...args);
  }
  deleteExpired(...args: Parameters<TableClient['deleteExpired']>) {
    return this.table.deleteExpired(...args);
  }

  // ---- signals (signals.ts) -----------------------------------------------------------------

  saveNewSignals(...args: Parameters<SignalItems['saveNewSignals']>) {
    return this.signals.saveNewSignals(...args);
  }
  getSignal(...args: Parameters<SignalItems['getSignal']>) {
    return this.signals.getSignal(...args);
  }
  getSignals(...args: Parameters<SignalItems['getSignals']>) {
    return this.signals.getSignals(...args);
  }
  signalsBetween(...args: Parameters<SignalItems['signalsBetween']>) {
    return this.signals.signalsBetween(...args);
  }
  signalCountsByChannel(...args: Parameters<SignalItems['signalCountsByChannel']>) {
    return this.signals.signalCountsByChannel(...args);
  }
  signalSpanOfSource(...args: Parameters<SignalItems['signalSpanOfSource']>) {
    return this.signals.signalSpanOfSource(...args);
  }
  signalsBySource(...args: Parameters<SignalItems['signalsBySource']>) {
    return this.signals.signalsBySource(...args);
  }
  signalIdsBySource(...args: Parameters<SignalItems['signalIdsBySource']>) {
    return this.signals.signalIdsBySource(...args);
  }

  // ---- scores and value mentions (scores.ts) ------------------------------------------------

  saveMentions(...args: Parameters<ScoreItems['saveMentions']>) {
    return this.scores.saveMentions(...args);
  }
  claimScores(...args: Parameters<ScoreItems['claimScores']>) {
    return this.scores.claimScores(...args);
  }
  claimedBy(...args: Parameters<ScoreItems['claimedBy']>) {
    return this.scores.claimedBy(...args);
  }
  scoredSignalIds(...args: Parameters<ScoreItems['scoredSignalIds']>) {
    return this.scores.scoredSignalIds(...args);
  }
  keyPhrasesOf(...args: Parameters<ScoreItems['keyPhrasesOf']>) {
    return this.scores.keyPhrasesOf(...args);
  }
  scoresBetween(...args: Parameters<ScoreItems['scoresBetween']>) {
    return this.scores.scoresBetween(...args);
  }
  valueMentionsBetween(...args: Parameters<ScoreItems['valueMentionsBetween']>) {
    return this.scores.valueMentionsBetween(...args);
  }

  // ---- weekly rollups (rollups.ts) ---------------------------------------------------------

  openRollupBatch(...args: Parameters<RollupItems['openRollupBatch']>) {
    return this.rollups.openRollupBatch(...args);
  }
  closeRollupBatch(...args: Parameters<RollupItems['closeRollupBatch']>) {
    return this.rollups.closeRollupBatch(...args);
  }
  openRollupBatches(...args: Parameters<RollupItems['openRollupBatches']>) {
    return this.rollups.openRollupBatches(...args);
  }
  compactRollups(...args: Parameters<RollupItems['compactRollups']>) {
    return this.rollups.compactRollups(...args);
  }
  rollupsOf(...args: Parameters<RollupItems['rollupsOf']>) {
    return this.rollups.rollupsOf(...args);
  }
  replaceRollups(...args: Parameters<RollupItems['replaceRollups']>) {
    return this.rollups.replaceRollups(...args);
  }

  // ---- review bursts (review-bursts.ts) -----------------------------------------------------

  burstDays(...args: Parameters<ReviewBurstItems['burstDays']>) {
    return this.reviewBursts.burstDays(...args);
  }
  putBurstDay(...args: Parameters<ReviewBurstItems['putBurstDay']>) {
    return this.reviewBursts.putBurstDay(...args);
  }

  // ---- source state (source-states.ts) ------------------------------------------------------

  getSourceState(...args: Parameters<SourceStateItems['getSourceState']>) {
    return this.sourceStates.getSourceState(...args);
  }
  putSourceState(...args: Parameters<SourceStateItems['putSourceState']>) {
    return this.sourceStates.putSourceState(...args);
  }

  // ---- the deployed profile (profile.ts) ----------------------------------------------------

  putProfile(...args: Parameters<ProfileItem['putProfile']>) {
    return this.profile.putProfile(...args);
  }
  getProfile() {
    return this.profile.getProfile();
  }

  // ---- weekly snapshots (snapshots.ts) and sent digests (digest-sent.ts) ---------------------

  putSnapshot(...args: Parameters<SnapshotItems['putSnapshot']>) {
    return this.weeklySnapshots.putSnapshot(...args);
  }
  snapshotBefore(...args: Parameters<SnapshotItems['snapshotBefore']>) {
    return this.weeklySnapshots.snapshotBefore(...args);
  }
  snapshots() {
    return this.weeklySnapshots.snapshots();
  }
  markDigestSent(...args: Parameters<DigestSentItems['markDigestSent']>) {
    return this.digestsSent.markDigestSent(...args);
  }
  clearDigestSent(...args: Parameters<DigestSentItems['clearDigestSent']>) {
    return this.digestsSent.clearDigestSent(...args);
  }

  // ---- runs (runs.ts) -----------------------------------------------------------------------

  recordRun(...args: Parameters<RunItems['recordRun']>) {
    return this.runs.recordRun(...args);
  }
  recentRuns(...args: Parameters<RunItems['recentRuns']>) {
    return this.runs.recentRuns(...args);
  }

  // ---- alerts (alerts.ts) -------------------------------------------------------------------

  alertStates() {
    return this.alerts.alertStates();
  }
  putAlertState(...args: Parameters<AlertItems['putAlertState']>) {
    return this.alerts.putAlertState(...args);
  }
  claimAlertSend(...args: Parameters<AlertItems['claimAlertSend']>) {
    return this.alerts.claimAlertSend(...args);
  }
  alertSend(...args: Parameters<AlertItems['alertSend']>) {
    return this.alerts.alertSend(...args);
  }
  putAlertSend(...args: Parameters<AlertItems['putAlertSend']>) {
    return this.alerts.putAlertSend(...args);
  }
  takeDailySlot(...args: Parameters<AlertItems['takeDailySlot']>) {
    return this.alerts.takeDailySlot(...args);
  }
}
