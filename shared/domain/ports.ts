// The ports: what the use cases need from the outside world. Adapters in shared/adapters implement
// them; handlers and the CLI choose which.
import { z } from 'zod';
import type { FeedItem } from './feed-item';
import type { Source } from './profile';
import type { RedactionContext, RedactionCounts } from './redaction';
import type { Signal } from './signal';

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

export interface SaveSignalsResult {
  /** Ids written by this call. */
  inserted: string[];
  /** Ids that were already stored and were left as they were. */
  existing: string[];
}

export interface RunRecord {
  runId: string;
  kind: 'ingest' | 'score';
  startedAt: string;
  finishedAt: string;
  summary: Record<string, unknown>;
}

/**
 * Turns the signals about to be stored for the first time into what is stored (redaction): called
 * only with the new ones, so work and cost are spent once per signal. It must keep every id.
 */
export type PrepareNewSignals = (fresh: Signal[]) => Promise<Signal[]>;

export interface SignalStore {
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  putSourceState(state: SourceState): Promise<void>;
  /**
   * Stores the signals not stored yet, their text kept `textRetentionDays` after each was fetched;
   * never overwrites or duplicates one, even after its text has expired.
   */
  saveNewSignals(signals: Signal[], textRetentionDays: number, prepare?: PrepareNewSignals): Promise<SaveSignalsResult>;
  recordRun(run: RunRecord): Promise<void>;
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
