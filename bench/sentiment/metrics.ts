// Classification metrics for the sentiment evaluation: confusion matrices, accuracy, macro-F1
// over the three gold labels, and the neutral band that turns a numeric score into a label.
import type { Analyzer } from '#domain/analyzer';
import { GOLD_LABELS, type GoldLabel } from '#test/fixtures/sentiment/eval-sets';

/** A predicted label; an analyzer may also answer "mixed", which is never a gold sentence label. */
export type PredictedLabel = GoldLabel | 'mixed';
export const PREDICTED_LABELS: readonly PredictedLabel[] = [...GOLD_LABELS, 'mixed'];

/** counts[gold][predicted] */
export type Confusion = Record<GoldLabel, Record<PredictedLabel, number>>;

export function confusionOf(gold: readonly GoldLabel[], predicted: readonly PredictedLabel[]): Confusion {
  const empty = (): Record<PredictedLabel, number> => ({ positive: 0, negative: 0, neutral: 0, mixed: 0 });
  const counts: Confusion = { positive: empty(), negative: empty(), neutral: empty() };
  gold.forEach((label, index) => {
    const guess = predicted[index];
    if (guess === undefined) throw new Error(`no prediction for item ${index}`);
    counts[label][guess] += 1;
  });
  return counts;
}

export function accuracyOf(confusion: Confusion): number {
  let right = 0;
  let total = 0;
  for (const gold of GOLD_LABELS) {
    for (const guess of PREDICTED_LABELS) {
      total += confusion[gold][guess];
      if (gold === guess) right += confusion[gold][guess];
    }
  }
  return total === 0 ? 0 : right / total;
}

/** Mean of the per-label F1 over positive, negative and neutral ("mixed" answers only ever cost recall). */
export function macroF1Of(confusion: Confusion): number {
  const f1s = GOLD_LABELS.map((label) => {
    const truePositives = confusion[label][label];
    const predictedAsLabel = GOLD_LABELS.reduce((sum, gold) => sum + confusion[gold][label], 0);
    const actuallyLabel = PREDICTED_LABELS.reduce((sum, guess) => sum + confusion[label][guess], 0);
    const precision = predictedAsLabel === 0 ? 0 : truePositives / predictedAsLabel;
    const recall = actuallyLabel === 0 ? 0 : truePositives / actuallyLabel;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  return f1s.reduce((sum, f1) => sum + f1, 0) / f1s.length;
}

/** Positive above +band, negative below -band, neutral within it (the band's edges are neutral). */
export function labelByBand(score: number, band: number): GoldLabel {
  if (score > band) return 'positive';
  if (score < -band) return 'negative';
  return 'neutral';
}

/**
 * The band that maximises macro-F1 on the given scores. Candidates are 0 and every distinct |score|,
 * so the search is exact for a symmetric band; ties go to the narrower band.
 */
export function tuneBand(scores: readonly number[], gold: readonly GoldLabel[]): number {
  const candidates = [...new Set([0, ...scores.map((score) => Math.abs(score))])].sort((a, b) => a - b);
  let best = { band: 0, f1: -1 };
  for (const band of candidates) {
    const f1 = macroF1Of(
      confusionOf(
        gold,
        scores.map((score) => labelByBand(score, band)),
      ),
    );
    if (f1 > best.f1) best = { band, f1 };
  }
  return best.band;
}

/** An analyzer's label for each text, each text analysed as a document of its own, in input order. */
export async function analyzerLabels(analyzer: Analyzer, texts: readonly string[]): Promise<PredictedLabel[]> {
  const { results } = await analyzer.analyze(texts.map((text, index) => ({ id: String(index), text, sentences: [] })));
  const byId = new Map(results.map((result) => [result.id, result]));
  return texts.map((_, index) => {
    const result = byId.get(String(index));
    if (result?.status !== 'scored') throw new Error(`text ${index} was not scored`);
    return result.sentiment.label.toLowerCase() as PredictedLabel;
  });
}
