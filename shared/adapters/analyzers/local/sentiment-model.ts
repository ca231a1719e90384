// The trained sentiment model of the local analyzer: a multinomial logistic regression over hashed
// word, word-pair and letter-piece features (sentiment-features.ts), trained on public labelled data
// by scripts/train-sentiment.ts; models/sentiment/README.md is its card (data, method, scores,
// limits). It turns a text into Comprehend-style scores {positive, negative, neutral, mixed}.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { labelOf, type Sentiment, type SentimentScores } from '#domain/analyzer';
import { splitSentences } from '#domain/value-matching';
import { SentimentModelError } from './errors';
import { sentimentFeatures, type FeatureSettings, type FeatureVector } from './sentiment-features';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

export const ModelHeaderSchema = z.strictObject({
  format: z.literal('congruence-sentiment/1'),
  version: z.string().min(1),
  hashBits: z.number().int().min(10).max(24),
  charGrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  classes: z.tuple([z.literal('negative'), z.literal('neutral'), z.literal('positive')]),
  /** Int8 weights times scale[class] give the class's weights. */
  scales: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  /** Logits are divided by it before the softmax (fitted on validation data: calibrated probabilities). */
  temperature: z.number().positive(),
  /** Added to the neutral logit (chosen on validation data: the neutral band). */
  neutralBias: z.number(),
  /** A text is MIXED when its weaker polar probability reaches this. */
  mixedThreshold: z.number().min(0).max(0.5),
  trainedOn: z.array(z.string()),
});
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;

export interface SentimentModel {
  readonly header: ModelHeader;
  /** Class probabilities, negative / neutral / positive, summing to 1. */
  probabilities(text: string): [number, number, number];
  /** Comprehend-style sentiment: the three probabilities, with MIXED split off when both sides are strong. */
  sentiment(text: string): Sentiment;
  /**
   * The sentiment of a text of several sentences: as `sentiment`, and MIXED when one of its
   * sentences is clearly positive and another clearly negative ("The frame is superb. The
   * delivery was a disaster."), which one reading of the whole text averages away.
   */
  documentSentiment(text: string): Sentiment;
}

/**
 * A sentence is clearly on one side when that side's probability reaches this. Fixed, not fitted:
 * no training set labels MIXED documents.
 */
export const CLEAR_SENTENCE = 0.7;

/** The model committed with the product. */
export const MODEL_FILES = {
  header: new URL('../../../../models/sentiment/model.json', import.meta.url),
  weights: new URL('../../../../models/sentiment/weights.bin', import.meta.url),
};

let bundled: SentimentModel | undefined;

/** The committed model, read once per process. */
export function bundledSentimentModel(): SentimentModel {
  bundled ??= loadSentimentModel(MODEL_FILES.header, MODEL_FILES.weights);
  return bundled;
}

export function loadSentimentModel(headerFile: URL | string, weightsFile: URL | string): SentimentModel {
  let header: ModelHeader;
  let weights: Int8Array;
  try {
    header = ModelHeaderSchema.parse(JSON.parse(readFileSync(headerFile, 'utf8')));
    const bytes = readFileSync(weightsFile);
    weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    throw new SentimentModelError(
      `the local sentiment model could not be read from ${String(headerFile)} (${(error as Error).message}); ` +
        'a fresh clone has it in models/sentiment/; `npm run train:sentiment` builds it again',
      { cause: error },
    );
  }
  const slotsPerClass = 1 << header.hashBits;
  if (weights.length !== 3 * slotsPerClass) {
    throw new SentimentModelError(
      `the local sentiment model's weights hold ${weights.length} values, not 3 x 2^${header.hashBits}; train it again`,
    );
  }
  return modelFrom(header, weights);
}

/**
 * A model over class-major weights (negative, neutral, positive; 2^hashBits each), each multiplied
 * by its class's `header.scales` entry: the shipped 8-bit weights, or the trainer's float ones.
 */
export function modelFrom(header: ModelHeader, weights: Int8Array | Float32Array): SentimentModel {
  const settings: FeatureSettings = { hashBits: header.hashBits, charGrams: header.charGrams };
  const slotsPerClass = 1 << header.hashBits;
  const [negativeScale, neutralScale, positiveScale] = header.scales;
  const probabilities = (text: string): [number, number, number] => {
    const [negative, neutral, positive] = classSums(sentimentFeatures(text, settings), weights, slotsPerClass);
    const t = header.temperature;
    return softmax([
      (negative * negativeScale) / t,
      (neutral * neutralScale + header.neutralBias) / t,
      (positive * positiveScale) / t,
    ]);
  };
  const sentiment = (text: string) => sentimentFromProbabilities(probabilities(text), header.mixedThreshold);
  return {
    header,
    probabilities,
    sentiment,
    documentSentiment(text) {
      const whole = probabilities(text);
      const sentences = splitSentences(text);
      if (sentences.length < 2) return sentimentFromProbabilities(whole, header.mixedThreshold);
      let strongestNegative = 0;
      let strongestPositive = 0;
      for (const sentence of sentences) {
        const [negative, , positive] = probabilities(sentence);
        strongestNegative = Math.max(strongestNegative, negative);
        strongestPositive = Math.max(strongestPositive, positive);
      }
      const weaker = Math.min(strongestNegative, strongestPositive);
      if (weaker < CLEAR_SENTENCE) return sentimentFromProbabilities(whole, header.mixedThreshold);
      const rest = 1 - weaker;
      const [negative, neutral, positive] = whole;
      const scores: SentimentScores = {
        positive: positive * rest,
        negative: negative * rest,
        neutral: neutral * rest,
        mixed: weaker,
      };
      return { label: labelOf(scores), scores };
    },
  };
}

/** Each class's weights (class-major, `slotsPerClass` each) summed over a feature vector: the unscaled logits. */
export function classSums(
  features: FeatureVector,
  weights: Int8Array | Float32Array,
  slotsPerClass: number,
): [number, number, number] {
  const { slots, values } = features;
  let negative = 0;
  let neutral = 0;
  let positive = 0;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index] ?? 0;
    const value = values[index] ?? 0;
    negative += (weights[slot] ?? 0) * value;
    neutral += (weights[slotsPerClass + slot] ?? 0) * value;
    positive += (weights[2 * slotsPerClass + slot] ?? 0) * value;
  }
  return [negative, neutral, positive];
}

export function softmax(logits: readonly [number, number, number]): [number, number, number] {
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total) as [number, number, number];
}

/**
 * Comprehend-style scores from the three probabilities. MIXED is the weaker polar probability when
 * it reaches `mixedThreshold` (both sides clearly present), taken out of the other three so the
 * four still sum to 1; otherwise 0.
 */
export function sentimentFromProbabilities(
  [negative, neutral, positive]: readonly [number, number, number],
  mixedThreshold: number,
): Sentiment {
  const weaker = Math.min(negative, positive);
  const mixed = mixedThreshold > 0 && weaker >= mixedThreshold ? weaker : 0;
  const rest = 1 - mixed;
  const scores: SentimentScores = {
    positive: positive * rest,
    negative: negative * rest,
    neutral: neutral * rest,
    mixed,
  };
  return { label: labelOf(scores), scores };
}
