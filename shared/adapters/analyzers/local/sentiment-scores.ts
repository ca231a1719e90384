// Turns wink's numeric sentiment (-1..1) into Comprehend-style scores {positive, negative, neutral,
// mixed}. The mapping and its two constants are part of the analyzer version: changing them
// changes scores. docs/sentiment-evaluation.md gives the measurements behind them.
import { labelOf, type Sentiment, type SentimentScores } from '#domain/analyzer';

/**
 * A score within ±NEUTRAL_BAND reads as neutral. A lexicon scores a plain factual sentence exactly
 * 0, and bands tuned by cross-validation came out between 0 and 0.017: any polar word counts.
 */
export const NEUTRAL_BAND = 0.01;

/**
 * A sentence at least this far from zero is clearly positive or clearly negative; a text with
 * both kinds can be MIXED.
 */
export const CLEAR_POLARITY = 0.25;

/**
 * Raw weights, then normalised to sum 1:
 *   positive = max(score, 0)        negative = max(-score, 0)        neutral = NEUTRAL_BAND
 *   mixed    = the weaker of the strongest positive and strongest negative sentence, when both
 *              are at least CLEAR_POLARITY; otherwise 0.
 * So positive grows and negative shrinks monotonically with the score; the label is POSITIVE or
 * NEGATIVE exactly when |score| passes the band, and MIXED when the weaker side is stronger than
 * the text's overall lean (e.g. one clearly good and one clearly bad sentence that cancel out).
 */
export function sentimentOf(score: number, sentenceScores: readonly number[] = [score]): Sentiment {
  const strongestPositive = Math.max(0, ...sentenceScores);
  const strongestNegative = Math.max(0, ...sentenceScores.map((sentence) => -sentence));
  const weakerSide = Math.min(strongestPositive, strongestNegative);
  const raw = {
    positive: Math.max(score, 0),
    negative: Math.max(-score, 0),
    neutral: NEUTRAL_BAND,
    mixed: weakerSide >= CLEAR_POLARITY ? weakerSide : 0,
  };
  const total = raw.positive + raw.negative + raw.neutral + raw.mixed;
  const scores: SentimentScores = {
    positive: raw.positive / total,
    negative: raw.negative / total,
    neutral: raw.neutral / total,
    mixed: raw.mixed / total,
  };
  return { label: labelOf(scores), scores };
}
