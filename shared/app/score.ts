// The score use case: every signal not yet scored by this analyzer version is matched against the
// declared values, sent to the analyzer in batches, and stored with its value mentions. A signal
// already scored (or skipped for good) by the same analyzer version is never sent again; one that
// failed for a passing reason (throttling, a service error) is left for the next run. The report
// accounts for every signal looked at: scored, already scored, or not scored for a reason it names.
import { randomUUID } from 'node:crypto';
import {
  analyzerKey,
  comprehendUnitsFor,
  netOfScores,
  sentenceUnitsOf,
  valueSentimentOf,
  type AnalysisCost,
  type Analyzer,
  type AnalyzerDocument,
  type DocumentAnalysis,
  type SentimentLabel,
  type SentimentScores,
} from '#domain/analyzer';
import { competitorsOf, type EntityText, monitoredEntities, signalEntityReader } from '#domain/entities';
import type { Profile } from '#domain/profile';
import type { ScoreStore } from '#domain/ports';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import { createValueMatcher, type ValueMatch } from '#domain/value-matching';
import type { ValueMention } from '#domain/value-mention';
import type { WordSenses } from '#domain/word-senses';
import type { WordVectors } from '#domain/word-vectors';
import { OPEN_BATCH_GRACE_MS, recoverOpenBatches, storeScores, TouchedRollups } from './rollups';

/** How many signals looked at were not scored, and why, in words a person reading the report understands. */
export interface NotScored {
  count: number;
  reason: string;
}

export interface ScoreReport {
  runId: string;
  analyzer: string;
  startedAt: string;
  finishedAt: string;
  /**
   * Signals looked at: every signal of the profile's sources whose text is live, or the ids given.
   * Always `scored + alreadyScored` plus the counts of `notScored`.
   */
  signals: number;
  /** Already scored (or set aside for good) by this analyzer version: not sent again. */
  alreadyScored: number;
  /** Sent to the analyzer and scored. */
  scored: number;
  /** News and social signals that no longer mention the brand or a competitor (e.g. after an alias was removed). */
  offBrand: number;
  /** Not scored, for good, by reason (e.g. an unsupported language). */
  skipped: Record<string, number>;
  /** Not scored this time for a passing reason; retried next run. */
  failed: number;
  /** Asked for by id but not read: no longer stored, or their text has expired. */
  unavailable: number;
  /** Every signal looked at and not scored by this run, counted by reason (the fields above, in words). */
  notScored: NotScored[];
  /** Which signals those are (not kept in the run record: the scoring Lambda uses them to fail only their messages). */
  failedSignalIds: string[];
  /** Value-mentioning sentences or clauses scored on top of the documents. */
  sentences: number;
  /** The brand's mentions found per declared value. */
  mentionsByValue: Record<string, number>;
  /** Each competitor's mentions of the declared values, per competitor id. */
  mentionsByCompetitor: Record<string, number>;
  /** The ISO weeks (digest.timezone) of the signals this run counted into the weekly rollups, oldest first. */
  weeks: string[];
  /** What the analyzer reports it cost (Comprehend: calls and billable units per API; nothing locally). */
  cost: AnalysisCost;
  /** What Amazon Comprehend would bill for the signals scored (sentiment and key phrases per document, sentiment per sentence). */
  estimatedComprehendUnits: number;
  /**
   * Those units by entity (the brand's id or a competitor's): a signal about the brand counts for the
   * brand, one about competitors only is shared equally between them. What benchmarking costs is
   * the competitors' part.
   */
  comprehendUnitsByEntity: Record<string, number>;
}

export interface ScoreDeps {
  store: ScoreStore;
  analyzer: Analyzer;
  /**
   * How old a batch left open by another run must be before this run finishes it (app/rollups.ts):
   * OPEN_BATCH_GRACE_MS, the default, where runs overlap (AWS); 0 where the store has one user (local mode).
   */
  openBatchGraceMs?: number;
  /** Word vectors and senses for matching values by meaning (value-matching.ts); without both, values match on their aspect words only. */
  wordVectors?: WordVectors;
  wordSenses?: WordSenses;
  now?: () => Date;
}

export interface ScoreOptions {
  /** Score only these signals (the scoring Lambda gets them from the queue); all of the profile's sources when omitted. */
  signalIds?: string[];
  /** Documents per analyzer call and per store write. */
  batchSize?: number;
  /** Batches' rollups a week and subject gathers before the run folds them (DELTAS_BEFORE_COMPACTION). */
  deltasBeforeCompaction?: number;
  onProgress?: (done: number, total: number) => void;
}

interface PreparedSignal {
  signal: Signal;
  document: AnalyzerDocument;
  /** Whom it is about; empty for a news or social item naming nobody. */
  entities: EntityText[];
  /** Each entity's value matches (the brand's and the competitors'). */
  matches: Array<ValueMatch & { entityId: string }>;
}

export async function score(profile: Profile, deps: ScoreDeps, options: ScoreOptions = {}): Promise<ScoreReport> {
  const now = deps.now ?? (() => new Date());
  const key = analyzerKey(deps.analyzer);
  const report: ScoreReport = {
    runId: randomUUID(),
    analyzer: key,
    startedAt: now().toISOString(),
    finishedAt: '',
    signals: 0,
    alreadyScored: 0,
    scored: 0,
    offBrand: 0,
    skipped: {},
    failed: 0,
    unavailable: 0,
    notScored: [],
    failedSignalIds: [],
    sentences: 0,
    mentionsByValue: Object.fromEntries(profile.values.map((value) => [value.id, 0])),
    mentionsByCompetitor: Object.fromEntries(competitorsOf(profile).map(({ id }) => [id, 0])),
    weeks: [],
    cost: { calls: {}, units: {} },
    estimatedComprehendUnits: 0,
    comprehendUnitsByEntity: Object.fromEntries(monitoredEntities(profile).map(({ id }) => [id, 0])),
  };

  // Which signals are still to score is decided from ids alone, and the signals are read a batch at
  // a time: a run over a long history holds one batch of texts, not the whole history.
  const candidateIds = [
    ...new Set(
      options.signalIds ??
        (await Promise.all(profile.sources.map((source) => deps.store.signalIdsBySource(source.id)))).flat(),
    ),
  ];
  const done = await deps.store.scoredSignalIds(candidateIds, key);
  const pendingIds = candidateIds.filter((id) => !done.has(id));
  report.signals = candidateIds.length;
  report.alreadyScored = candidateIds.length - pendingIds.length;

  // batches a run before this one left open are counted first (their scores are stored already)
  const touched = new TouchedRollups();
  touched.add(
    await recoverOpenBatches(deps.store, profile, key, {
      now: now(),
      graceMs: deps.openBatchGraceMs ?? OPEN_BATCH_GRACE_MS,
    }),
  );

  const run: BatchRun = {
    profile,
    deps,
    key,
    now,
    report,
    touched,
    readEntities: signalEntityReader(profile),
    matchValues: createValueMatcher(profile.values, { vectors: deps.wordVectors, senses: deps.wordSenses }),
  };
  const batchSize = options.batchSize ?? 100;
  options.onProgress?.(0, pendingIds.length);
  for (let start = 0; start < pendingIds.length; start += batchSize) {
    await scoreBatch(run, pendingIds.slice(start, start + batchSize));
    options.onProgress?.(Math.min(start + batchSize, pendingIds.length), pendingIds.length);
  }

  report.weeks = touched.weeks();
  await touched.compact(deps.store, key, options.deltasBeforeCompaction);

  report.notScored = notScoredReasons(report);
  report.finishedAt = now().toISOString();
  const { runId, startedAt, finishedAt, failedSignalIds: _failedIds, ...summary } = report;
  await deps.store.recordRun({ runId, kind: 'score', startedAt, finishedAt, summary });
  return report;
}

/** What scoring one batch needs from its run, and the report it adds to. */
interface BatchRun {
  profile: Profile;
  deps: ScoreDeps;
  key: string;
  now: () => Date;
  report: ScoreReport;
  touched: TouchedRollups;
  readEntities: (signal: Signal, text: string) => EntityText[];
  matchValues: (text: string) => ValueMatch[];
}

/**
 * Why the signals looked at and not scored were not, one entry per reason with a count: with
 * `scored` and `alreadyScored` they add up to `signals`, so any difference between what ingest
 * stored and what scoring scored is explained.
 */
export function notScoredReasons(report: Omit<ScoreReport, 'notScored'>): NotScored[] {
  const reasons: NotScored[] = [
    {
      count: report.offBrand,
      reason:
        'not about the brand: news or social posts that no longer name the brand or a competitor (a name, an alias, a handle or a domain) ' +
        '(outside personal data), most often because the profile’s brand terms changed since they were stored; set aside for good',
    },
    ...Object.entries(report.skipped).map(([reason, count]) => ({ count, reason: `skipped for good: ${reason}` })),
    { count: report.failed, reason: 'failed for a passing reason (throttling, a service error): retried next run' },
    {
      count: report.unavailable,
      reason:
        'no longer stored, or their text has expired (retention.signalTextDays) since they were listed: nothing to score',
    },
  ];
  return reasons.filter((each) => each.count > 0);
}

/**
 * Reads a batch of signals not scored yet, analyses those about the brand in one analyzer call, and
 * stores their scores and mentions at once: a crash loses at most the batch in flight.
 */
async function scoreBatch(run: BatchRun, signalIds: string[]): Promise<void> {
  const { profile, deps, key, now, report } = run;
  const pending = await deps.store.getSignals(signalIds);
  // An id whose signal is gone (its text expired since the id was listed or queued) has nothing to score.
  report.unavailable += signalIds.length - pending.length;

  const prepared = pending.map((signal) => prepare(signal, run));
  const offBrand = prepared.filter((each) => each.entities.length === 0).map((each) => each.signal);
  const batch = prepared.filter((each) => each.entities.length > 0);
  report.offBrand += offBrand.length;
  const scores: SignalScore[] = offBrand.map((signal) => skippedScore(signal, key, 'not about the brand', now()));
  const mentions: ValueMention[] = [];

  if (batch.length > 0) {
    const { results, cost } = await deps.analyzer.analyze(batch.map((prepared) => prepared.document));
    addCost(report.cost, cost);
    const byId = new Map(results.map((result) => [result.id, result]));
    for (const prepared of batch) {
      const result = byId.get(prepared.signal.id);
      if (!result || (result.status === 'skipped' && result.retryable)) {
        report.failed++;
        report.failedSignalIds.push(prepared.signal.id);
        continue;
      }
      if (result.status === 'skipped') {
        report.skipped[result.reason] = (report.skipped[result.reason] ?? 0) + 1;
        scores.push(skippedScore(prepared.signal, key, result.reason, now()));
        continue;
      }
      const found = mentionsOf(prepared, result, key, profile.brand.id);
      report.scored++;
      const units = comprehendUnitsFor([...prepared.document.text].length, prepared.document.sentences);
      report.estimatedComprehendUnits += units;
      for (const [entityId, share] of unitSharesOf(prepared, profile.brand.id))
        report.comprehendUnitsByEntity[entityId] = (report.comprehendUnitsByEntity[entityId] ?? 0) + units * share;
      report.sentences += prepared.document.sentences.length;
      countMentions(report, found, 1);
      mentions.push(...found);
      scores.push(scoredScore(prepared, result, found, key, now(), profile.brand.id));
    }
  }
  if (scores.length === 0) return;
  const { claimed, rollups } = await storeScores(deps.store, profile, {
    analyzer: key,
    scores,
    mentions,
    signals: new Map(pending.map((signal) => [signal.id, signal])),
    openedAt: now().toISOString(),
  });
  run.touched.add(rollups);
  uncountStoredElsewhere(report, scores, mentions, claimed);
}

/**
 * Takes out of the report the signals another run stored first while this one scored them (two
 * deliveries of one message at once): they count as already scored, as they would have a moment later.
 */
function uncountStoredElsewhere(
  report: ScoreReport,
  scores: SignalScore[],
  mentions: ValueMention[],
  claimed: Set<string>,
): void {
  for (const score of scores) {
    if (claimed.has(score.signalId)) continue;
    report.alreadyScored++;
    if (score.status === 'scored') report.scored--;
    else if (score.reason === 'not about the brand') report.offBrand--;
    else report.skipped[score.reason] = (report.skipped[score.reason] ?? 1) - 1;
  }
  countMentions(
    report,
    mentions.filter((mention) => !claimed.has(mention.signalId)),
    -1,
  );
}

/** Adds (or, with -1, takes back) mentions to the report's counts by value and by competitor. */
function countMentions(report: ScoreReport, mentions: readonly ValueMention[], sign: 1 | -1): void {
  for (const mention of mentions) {
    if (mention.competitorId === undefined)
      report.mentionsByValue[mention.valueId] = (report.mentionsByValue[mention.valueId] ?? 0) + sign;
    else
      report.mentionsByCompetitor[mention.competitorId] =
        (report.mentionsByCompetitor[mention.competitorId] ?? 0) + sign;
  }
}

/** Who pays for a signal's units: the brand when it is about the brand, else its competitors in equal parts. */
function unitSharesOf(prepared: PreparedSignal, brandId: string): Array<[string, number]> {
  const ids = prepared.entities.map((entity) => entity.entityId);
  if (ids.includes(brandId)) return [[brandId, 1]];
  return ids.map((id) => [id, 1 / ids.length]);
}

function scoredScore(
  prepared: PreparedSignal,
  result: Extract<DocumentAnalysis, { status: 'scored' }>,
  mentions: ValueMention[],
  analyzer: string,
  at: Date,
  brandId: string,
): SignalScore {
  const about = aboutOf(prepared, result, brandId);
  return {
    status: 'scored',
    signalId: prepared.signal.id,
    analyzer,
    sourceId: prepared.signal.sourceId,
    channel: prepared.signal.channel,
    publishedAt: prepared.signal.publishedAt,
    scoredAt: at.toISOString(),
    language: result.language,
    sentiment: result.sentiment,
    keyPhrases: result.keyPhrases,
    rating: prepared.signal.rating,
    valueIds: mentions.filter((mention) => mention.competitorId === undefined).map((mention) => mention.valueId),
    ...(about !== undefined ? { about } : {}),
    sentenceUnits: sentenceUnitsOf(prepared.document.sentences),
    truncated: result.truncated,
    analyzedChars: result.analyzedChars,
  };
}

/**
 * Whom a scored signal is about and how each fares: undefined for the brand alone; else the label of
 * the text of each (the document's for a whole text, its clauses' for a share of one).
 */
function aboutOf(
  prepared: PreparedSignal,
  result: Extract<DocumentAnalysis, { status: 'scored' }>,
  brandId: string,
): NonNullable<Extract<SignalScore, { status: 'scored' }>['about']> | undefined {
  const [only] = prepared.entities;
  if (prepared.entities.length === 1 && only?.entityId === brandId) return undefined;
  const scores = sentenceScoresOf(prepared, result);
  const labelOf = (entity: EntityText) =>
    entity.clauses.length === 0
      ? result.sentiment.label
      : valueSentimentOf(entity.clauses.map((clause) => scores.get(clause) ?? result.sentiment.scores)).label;
  const about: { brand: SentimentLabel | null; competitors: Record<string, SentimentLabel> } = {
    brand: null,
    competitors: {},
  };
  for (const entity of prepared.entities) {
    if (entity.entityId === brandId) about.brand = labelOf(entity);
    else about.competitors[entity.entityId] = labelOf(entity);
  }
  return about;
}

function sentenceScoresOf(
  prepared: PreparedSignal,
  result: Extract<DocumentAnalysis, { status: 'scored' }>,
): Map<string, SentimentScores | undefined> {
  return new Map(
    prepared.document.sentences.map((sentence, index) => [sentence, result.sentences[index]?.sentiment.scores]),
  );
}

/**
 * The text analysed for a signal: its title and body, except where the title only repeats the start
 * of the body (social posts are titled with their first words), which would count those words twice.
 */
export function documentText(signal: Pick<Signal, 'title' | 'text'>): string {
  const title = signal.title
    .trim()
    .replace(/(\.\.\.|…)$/, '')
    .trim();
  if (title.length === 0) return signal.text;
  if (signal.text.toLowerCase().startsWith(title.toLowerCase())) return signal.text;
  return signal.text.length > 0 ? `${signal.title.trim()}\n${signal.text}` : signal.title.trim();
}

/**
 * A signal ready for the analyzer: whom it is about (nobody for an off-topic one), each entity's
 * value matches in its own text, and the sentences scored on their own: the value excerpts and,
 * where it is shared, each entity's clauses.
 */
function prepare(signal: Signal, run: Pick<BatchRun, 'readEntities' | 'matchValues'>): PreparedSignal {
  const text = documentText(signal);
  const entities = run.readEntities(signal, text);
  const matches = entities.flatMap((entity) =>
    run.matchValues(entity.text).map((match) => ({ ...match, entityId: entity.entityId })),
  );
  const sentences = [
    ...new Set([...matches.flatMap((match) => match.excerpts), ...entities.flatMap((entity) => entity.clauses)]),
  ];
  return { signal, entities, matches, document: { id: signal.id, text, language: signal.language, sentences } };
}

/**
 * One mention per matched value. Its sentiment is the mean of the scores of its excerpts that take
 * a side: a neutral excerpt (a review titled "Repair") names the value without judging it, and
 * would otherwise water down the excerpt that does. With no polar excerpt, all of them count.
 */
function mentionsOf(
  prepared: PreparedSignal,
  result: Extract<DocumentAnalysis, { status: 'scored' }>,
  analyzer: string,
  brandId: string,
): ValueMention[] {
  const sentenceScores = sentenceScoresOf(prepared, result);
  return prepared.matches.map((match) => {
    const sentiment = valueSentimentOf(
      match.excerpts.map((excerpt) => sentenceScores.get(excerpt) ?? result.sentiment.scores),
    );
    return {
      signalId: prepared.signal.id,
      valueId: match.valueId,
      ...(match.entityId !== brandId ? { competitorId: match.entityId } : {}),
      sourceId: prepared.signal.sourceId,
      channel: prepared.signal.channel,
      publishedAt: prepared.signal.publishedAt,
      analyzer,
      sentiment,
      net: netOfScores(sentiment.scores),
      excerpts: match.excerpts,
      matchedBy: match.matchedBy,
    };
  });
}

function skippedScore(signal: Signal, analyzer: string, reason: string, at: Date): SignalScore {
  return {
    status: 'skipped',
    signalId: signal.id,
    analyzer,
    sourceId: signal.sourceId,
    channel: signal.channel,
    publishedAt: signal.publishedAt,
    scoredAt: at.toISOString(),
    reason,
  };
}

function addCost(total: AnalysisCost, more: AnalysisCost): void {
  for (const [api, calls] of Object.entries(more.calls)) total.calls[api] = (total.calls[api] ?? 0) + calls;
  for (const [api, units] of Object.entries(more.units)) total.units[api] = (total.units[api] ?? 0) + units;
}
