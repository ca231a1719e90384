// The ingest use case: read every source, turn its items into signals, keep the relevant ones, and
// store those not stored yet. A failing source is reported and the others go on; a source's state
// (its ETag, Last-Modified and content hash) is saved only after its signals are, so a crash or a
// failure means the next run reads it again and nothing is lost or stored twice. Personal data is
// redacted after the relevance checks (which need the text as written) and before anything is
// stored, unless the profile turns it off (privacy.redact).
import { randomUUID } from 'node:crypto';
import { toSignal } from '#domain/feed-item';
import type { Profile, Source } from '#domain/profile';
import type { Redactor, SignalStore, SourceConnector, SourceState, SourceWarning } from '#domain/ports';
import { countOf, patternRedactor, redactionContextOf } from '#domain/redaction';
import { offTopicTest } from '#domain/entities';
import { applySourceFilters } from '#domain/relevance';
import type { Signal } from '#domain/signal';

export interface SourceReport {
  sourceId: string;
  channel: Source['channel'];
  outcome: 'new' | 'unchanged' | 'failed';
  /** Items in the feed, before any were dropped. */
  items: number;
  /** Signals stored by this run. */
  new: number;
  /** Signals that were stored by an earlier run. */
  alreadyStored: number;
  /** Items dropped by the source's filters (include, exclude, maxAgeDays). */
  filtered: number;
  /** News and social items that never mention the brand. */
  offBrand: number;
  /** Items that repeat an earlier item of the same feed (same guid, link or title and date). */
  duplicatesInFeed: number;
  /** Items that could not be read (the rest of the feed is kept). */
  unreadable: number;
  /** Items with no usable date, dated at fetch time instead. */
  undated: number;
  /** Items whose date was given but could not be read (dated at fetch time; counted before filters). */
  unreadableDates: number;
  /** What the source's content made the connector warn about (dates that read two ways, ...), with the fix. */
  warnings: SourceWarning[];
  /** Signals stored by this run that had personal data replaced (privacy.redact). */
  redacted: number;
  /** Signals the redactor's own method failed on, redacted by the patterns instead. */
  redactionFallbacks: number;
  newSignalIds: string[];
  error?: { message: string; retryable: boolean };
  durationMs: number;
}

export interface IngestReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  sources: SourceReport[];
  totals: { sources: number; new: number; unchanged: number; failed: number; newSignals: number };
}

export type IngestEvent =
  | { type: 'source-started'; sourceId: string }
  | { type: 'source-finished'; report: SourceReport };

export interface IngestDeps {
  store: SignalStore;
  connectorFor(source: Source): SourceConnector;
  /** Used when the profile's privacy.redact is on; the pattern redactor unless given. */
  redactor?: Redactor;
  now?: () => Date;
}

export interface IngestOptions {
  /** Only these sources; all when omitted. */
  sourceIds?: string[];
  /** Sources read at the same time. */
  concurrency?: number;
  onEvent?: (event: IngestEvent) => void;
}

export async function ingest(profile: Profile, deps: IngestDeps, options: IngestOptions = {}): Promise<IngestReport> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const sources = options.sourceIds
    ? profile.sources.filter((source) => options.sourceIds?.includes(source.id))
    : profile.sources;
  const isOffTopic = offTopicTest(profile);

  const reports = await mapWithConcurrency(sources, options.concurrency ?? 4, async (source) => {
    options.onEvent?.({ type: 'source-started', sourceId: source.id });
    const report = await ingestSource(source, profile, deps, now, isOffTopic);
    options.onEvent?.({ type: 'source-finished', report });
    return report;
  });

  const finishedAt = now().toISOString();
  const report: IngestReport = {
    runId: randomUUID(),
    startedAt,
    finishedAt,
    sources: reports,
    totals: {
      sources: reports.length,
      new: reports.filter((each) => each.outcome === 'new').length,
      unchanged: reports.filter((each) => each.outcome === 'unchanged').length,
      failed: reports.filter((each) => each.outcome === 'failed').length,
      newSignals: reports.reduce((sum, each) => sum + each.new, 0),
    },
  };
  await deps.store.recordRun({
    runId: report.runId,
    kind: 'ingest',
    startedAt,
    finishedAt,
    summary: {
      totals: report.totals,
      sources: reports.map(({ newSignalIds: _ids, ...rest }) => rest),
    },
  });
  return report;
}

async function ingestSource(
  source: Source,
  profile: Profile,
  deps: IngestDeps,
  now: () => Date,
  isOffTopic: (signal: Signal) => boolean,
): Promise<SourceReport> {
  const started = now();
  const report: SourceReport = {
    sourceId: source.id,
    channel: source.channel,
    outcome: 'unchanged',
    items: 0,
    new: 0,
    alreadyStored: 0,
    filtered: 0,
    offBrand: 0,
    duplicatesInFeed: 0,
    unreadable: 0,
    undated: 0,
    unreadableDates: 0,
    warnings: [],
    redacted: 0,
    redactionFallbacks: 0,
    newSignalIds: [],
    durationMs: 0,
  };
  let previous: SourceState | undefined;
  try {
    previous = await deps.store.getSourceState(source.id);
    const result = await deps.connectorFor(source).read(source, previous?.validators ?? {});
    const checkedAt = now().toISOString();
    if (result.status === 'unchanged') {
      await deps.store.putSourceState({
        sourceId: source.id,
        validators: result.validators,
        lastCheckedAt: checkedAt,
        lastChangedAt: previous?.lastChangedAt,
        lastOutcome: 'unchanged',
        consecutiveFailures: 0,
        lastContent: previous?.lastContent,
      });
      return finish(report, started, now);
    }

    const seen = new Set<string>();
    // Batch by batch: what is stored stays stored even if a later page or row fails.
    for await (const batch of result.batches) {
      report.items += batch.items.length;
      report.unreadable += batch.invalidItems;
      report.unreadableDates += batch.unreadableDates ?? 0;
      report.warnings.push(...(batch.warnings ?? []));
      const context = {
        sourceId: source.id,
        channel: source.channel,
        fetchedAt: started,
        language: batch.language ?? source.language ?? profile.brand.language,
      };
      const kept: Signal[] = [];
      for (const item of batch.items) {
        const signal = toSignal(item, context);
        if (seen.has(signal.id)) {
          report.duplicatesInFeed++;
          continue;
        }
        seen.add(signal.id);
        if (applySourceFilters(signal, source.filters) !== 'keep') {
          report.filtered++;
          continue;
        }
        if (isOffTopic(signal)) {
          report.offBrand++;
          continue;
        }
        if (signal.publishedAtSource === 'fetch-time') report.undated++;
        kept.push(signal);
      }
      // Only signals stored for the first time are redacted: the others were, when they were stored.
      let redaction: Redaction | undefined;
      const saved = await deps.store.saveNewSignals(kept, profile.retention.signalTextDays, async (fresh) => {
        redaction = await redactIfAsked(fresh, profile, deps);
        return redaction.signals;
      });
      report.redactionFallbacks += redaction?.fallbacks ?? 0;
      report.redacted += redaction?.changed.filter(Boolean).length ?? 0;
      report.new += saved.inserted.length;
      report.alreadyStored += saved.existing.length;
      report.newSignalIds.push(...saved.inserted);
    }
    report.outcome = 'new';
    // Only now that the signals are stored may the validators move on.
    await deps.store.putSourceState({
      sourceId: source.id,
      validators: result.validators(),
      lastCheckedAt: checkedAt,
      lastChangedAt: checkedAt,
      lastOutcome: 'new',
      consecutiveFailures: 0,
      lastContent: {
        items: report.items,
        stored: report.new + report.alreadyStored,
        offBrand: report.offBrand,
        filtered: report.filtered,
      },
    });
    return finish(report, started, now);
  } catch (error) {
    report.outcome = 'failed';
    const message = (error as Error).message ?? String(error);
    const retryable = (error as { retryable?: boolean }).retryable ?? true;
    report.error = { message, retryable };
    await deps.store
      .putSourceState({
        sourceId: source.id,
        // Keep the last good validators: the next run must not think it has seen content it never stored.
        validators: previous?.validators ?? {},
        lastCheckedAt: now().toISOString(),
        lastChangedAt: previous?.lastChangedAt,
        lastOutcome: 'failed',
        lastError: message,
        consecutiveFailures: (previous?.consecutiveFailures ?? 0) + 1,
        lastContent: previous?.lastContent,
      })
      .catch(() => undefined);
    return finish(report, started, now);
  }
}

interface Redaction {
  signals: Signal[];
  /** Whether anything was replaced in each signal, in order. */
  changed: boolean[];
  fallbacks: number;
}

async function redactIfAsked(signals: Signal[], profile: Profile, deps: IngestDeps): Promise<Redaction> {
  if (!profile.privacy.redact || signals.length === 0)
    return { signals, changed: signals.map(() => false), fallbacks: 0 };
  const redactor = deps.redactor ?? patternRedactor;
  const batch = await redactor.redact(signals, redactionContextOf(profile));
  // The id was computed from the upstream identity; a redactor must not change it, nor drop a signal.
  if (
    batch.signals.length !== signals.length ||
    batch.signals.some((signal, index) => signal.id !== signals[index]?.id)
  ) {
    throw new Error(
      `redactor ${redactor.name} returned other signals than it was given; nothing of this batch was stored`,
    );
  }
  return {
    signals: batch.signals,
    changed: batch.counts.map((counts) => countOf(counts) > 0),
    fallbacks: batch.fallbacks,
  };
}

function finish(report: SourceReport, started: Date, now: () => Date): SourceReport {
  report.durationMs = now().getTime() - started.getTime();
  return report;
}

/** Runs `work` over `items` with at most `limit` at once, keeping the input order in the result. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
