// How a model being trained is measured on the validation splits: TweetEval's macro-averaged
// recall over three classes and SST-2's held-out accuracy, on a model built over the float weights.
import type { FeatureSettings } from '#adapters/analyzers/local/sentiment-features';
import { modelFrom, type SentimentModel } from '#adapters/analyzers/local/sentiment-model';
import type { Example } from './data';

/** The model over the float weights being trained, with the given calibration. */
export function floatModel(
  weights: Float32Array,
  settings: FeatureSettings,
  trainedOn: string[],
  temperature: number,
  neutralBias: number,
  mixedThreshold = 0,
) {
  return modelFrom(
    {
      format: 'congruence-sentiment/1',
      version: 'training',
      hashBits: settings.hashBits,
      charGrams: settings.charGrams as [number, number],
      classes: ['negative', 'neutral', 'positive'],
      scales: [1, 1, 1],
      temperature,
      neutralBias,
      mixedThreshold,
      trainedOn,
    },
    weights,
  );
}

type Model = SentimentModel;

/** The product's label as a class index, MIXED read as neutral (neither side wins), as the evaluation reads it. */
function threeClassIndex(model: SentimentModel, text: string): number {
  const label = model.sentiment(text).label;
  return label === 'NEGATIVE' ? 0 : label === 'POSITIVE' ? 2 : 1;
}

export function macroRecall(model: Model, examples: Example[]): number {
  const hits = [0, 0, 0];
  const totals = [0, 0, 0];
  for (const example of examples) {
    totals[example.label] = (totals[example.label] ?? 0) + 1;
    if (threeClassIndex(model, example.text) === example.label) hits[example.label] = (hits[example.label] ?? 0) + 1;
  }
  return (
    [0, 1, 2].reduce((sum, classIndex) => sum + (hits[classIndex] ?? 0) / Math.max(1, totals[classIndex] ?? 0), 0) / 3
  );
}

/** Positive against negative, as a binary set asks: the neutral probability is set aside. */
function binaryAccuracy(model: Model, examples: Example[]): number {
  let hits = 0;
  for (const example of examples) {
    const [negative, , positive] = model.probabilities(example.text);
    if ((positive > negative ? 2 : 0) === example.label) hits++;
  }
  return hits / Math.max(1, examples.length);
}

export function validationSummary(model: Model, tweets: Example[], sst2: Example[]): string {
  return `TweetEval validation macro recall ${macroRecall(model, tweets).toFixed(4)}, SST-2 held-out accuracy ${binaryAccuracy(model, sst2).toFixed(4)}`;
}
