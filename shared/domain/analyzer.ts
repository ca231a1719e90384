// The analyzer contract: what scoring needs from a sentiment engine, whether Amazon Comprehend in
// the cloud or the local analyzer on a laptop. One contract test suite runs against both.
import { z } from 'zod';

export const SentimentLabelSchema = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

/** Comprehend's four scores; each 0..1, summing to about 1. */
export const SentimentScoresSchema = z.object({
  positive: z.number().min(0).max(1),
  negative: z.number().min(0).max(1),
  neutral: z.number().min(0).max(1),
  mixed: z.number().min(0).max(1),
});
export type SentimentScores = z.infer<typeof SentimentScoresSchema>;

export const SentimentSchema = z.object({ label: SentimentLabelSchema, scores: SentimentScoresSchema });
export type Sentiment = z.infer<typeof SentimentSchema>;

export interface AnalyzerDocument {
  /** The signal id; results are matched back by it. */
  id: string;
  /** The whole text (title and body). Analyzers truncate it to their own limits. */
  text: string;
  /** ISO 639-1 code; undefined when not known (the analyzer may detect it). */
  language?: string;
  /** Sentences of `text` that mention a declared value: each gets its own sentiment. */
  sentences: string[];
}

export const DocumentAnalysisSchema = z.discriminatedUnion('status', [
  z.object({
    id: z.string(),
    status: z.literal('scored'),
    /** The language the analysis used (detected or given). */
    language: z.string(),
    sentiment: SentimentSchema,
    keyPhrases: z.array(z.string()),
    /** One entry per input sentence, in input order. */
    sentences: z.array(z.object({ text: z.string(), sentiment: SentimentSchema })),
    /** Characters actually analysed, after truncation. */
    analyzedChars: z.number().int().min(0),
    truncated: z.boolean(),
  }),
  z.object({
    id: z.string(),
    status: z.literal('skipped'),
    /** Why, in words a person can act on, e.g. "language xx is not supported by DetectSentiment". */
    reason: z.string(),
    /** True when trying again later may succeed (throttling, a service error): the signal is not marked as done. */
    retryable: z.boolean().optional(),
  }),
]);
export type DocumentAnalysis = z.infer<typeof DocumentAnalysisSchema>;

/** What a batch cost: calls per API and billable units (Comprehend: 100-character units, 3 minimum, per document per API). */
export interface AnalysisCost {
  calls: Record<string, number>;
  units: Record<string, number>;
}

export interface AnalyzerIdentity {
  /** e.g. "local" or "comprehend". */
  name: string;
  /** Bumped whenever scores could change; a signal is scored once per name and version. */
  version: string;
}

export interface Analyzer extends AnalyzerIdentity {
  /** Analyses a batch; one result per document, in any order, matched by id. Throws only when nothing can be scored. */
  analyze(documents: AnalyzerDocument[]): Promise<{ results: DocumentAnalysis[]; cost: AnalysisCost }>;
  /** Releases what the analyzer holds (threads, connections); whoever created it calls this when done. */
  close?(): Promise<void>;
}

export function analyzerKey(analyzer: AnalyzerIdentity): string {
  return `${analyzer.name}@${analyzer.version}`;
}

/** The label of a set of scores, the way Comprehend picks it: the largest score wins. */
export function labelOf(scores: SentimentScores): SentimentLabel {
  const ranked: Array<[SentimentLabel, number]> = [
    ['POSITIVE', scores.positive],
    ['NEGATIVE', scores.negative],
    ['NEUTRAL', scores.neutral],
    ['MIXED', scores.mixed],
  ];
  return ranked.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}

/**
 * A value's sentiment in one signal, from the scores of the excerpts that mention it: the mean of
 * the excerpts that take a side (a neutral aside would water down the one that does), or of all of
 * them when none does. Scoring stores it in the value mention; `congruence analyze` shows it.
 */
export function valueSentimentOf(excerptScores: readonly SentimentScores[]): Sentiment {
  const polar = excerptScores.filter((scores) => labelOf(scores) !== 'NEUTRAL');
  const counted = polar.length > 0 ? polar : excerptScores;
  const count = Math.max(1, counted.length);
  const mean = (key: keyof SentimentScores) => counted.reduce((sum, scores) => sum + scores[key], 0) / count;
  const scores: SentimentScores = {
    positive: mean('positive'),
    negative: mean('negative'),
    neutral: mean('neutral'),
    mixed: mean('mixed'),
  };
  return { label: labelOf(scores), scores };
}

/** Net sentiment of a set of scores: positive minus negative, -1..1. */
export function netOfScores(scores: SentimentScores): number {
  return Math.max(-1, Math.min(1, scores.positive - scores.negative));
}

/** Comprehend's billable units for one document and one API: 100-character units, at least 3. */
export function billableUnits(characters: number): number {
  return Math.max(3, Math.ceil(characters / 100));
}

/** Comprehend's per-text limit is 5 KB of UTF-8; a longer text is cut before it is billed. */
const COMPREHEND_MAX_CHARS = 5000;

/**
 * Units Amazon Comprehend bills for scoring one document the way Congruence does: sentiment and key
 * phrases on its text, and sentiment on each value sentence.
 */
export function comprehendUnitsFor(textChars: number, sentences: readonly string[]): number {
  const textUnits = billableUnits(Math.min(COMPREHEND_MAX_CHARS, textChars));
  return 2 * textUnits + sentenceUnitsOf(sentences);
}

/** Units Amazon Comprehend bills for the sentiment of sentences scored on their own. */
export function sentenceUnitsOf(sentences: readonly string[]): number {
  return sentences.reduce((sum, sentence) => sum + billableUnits([...sentence].length), 0);
}
