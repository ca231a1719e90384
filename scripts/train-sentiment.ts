// Trains the local analyzer's sentiment model (`npm run train:sentiment -- --data <dir>`): a
// multinomial logistic regression (negative / neutral / positive) over hashed features
// (shared/adapters/analyzers/local/sentiment-features.ts), fitted with AdaGrad on the public
// labelled sets named in models/sentiment/README.md and nothing else; then calibrated on their
// validation splits (a temperature for the probabilities, a bias for the neutral band, a threshold
// for MIXED), quantised to 8 bits and written to models/sentiment/. Test splits are never read here.
//
// The data directory holds one folder per set with JSONL files of {"text", "label"} (see
// models/sentiment/README.md for where each set comes from and how to lay it out).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sentimentFeatures, type FeatureSettings } from '#adapters/analyzers/local/sentiment-features';
import {
  classSums,
  modelFrom,
  SENTIMENT_CLASSES,
  softmax,
  type ModelHeader,
  type SentimentClass,
} from '#adapters/analyzers/local/sentiment-model';
import { type Example, readRows, SST2_HOLDOUT_EVERY, shuffle, trainingSets } from './sentiment-training/data';
import { floatModel, macroRecall, validationSummary } from './sentiment-training/validation';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.SENTIMENT_DATA_DIR ?? '../sentiment-data' },
    out: { type: 'string', default: 'models/sentiment' },
    epochs: { type: 'string', default: '3' },
    'hash-bits': { type: 'string', default: '20' },
    'char-grams': { type: 'string', default: '3-5' },
    'review-rows': { type: 'string', default: '120000' },
    'learning-rate': { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '13' },
    version: { type: 'string', default: '2.0.0' },
    /** Per-set example weights, e.g. "tweeteval=3,imdb=0.5" (the rest keep their defaults). */
    weights: { type: 'string', default: '' },
    /**
     * "balanced" (the shipped model): each class of a set weighs by the inverse of its share, so
     * every class counts as much as the others: the measure (macro-averaged recall) weighs them
     * equally, and a rare class (negative tweets are 15% of TweetEval's training split) is
     * otherwise under-read. "none": every example of a set weighs the same.
     */
    'class-weights': { type: 'string', default: 'balanced' },
    /**
     * "lr" (the shipped model): logistic regression on the features. "nb-lr": the same, each
     * feature first scaled, per class, by its naive-Bayes log-count ratio (class against the
     * rest; Wang & Manning's NBSVM with a softmax), the ratio folded into the stored weights.
     */
    design: { type: 'string', default: 'lr' },
  },
});
if (!['balanced', 'none'].includes(args['class-weights']))
  throw new Error(`--class-weights ${args['class-weights']}: write balanced or none`);
const balanced = args['class-weights'] === 'balanced';
const weightOverrides = new Map(
  args.weights
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const [name = '', weight = ''] = pair.split('=');
      return [name.trim(), Number(weight)] as const;
    }),
);

function log(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

async function main(): Promise<void> {
  const dataDir = args.data;
  const [shortest, longest] = args['char-grams'].split('-').map(Number) as [number, number];
  const settings: FeatureSettings = { hashBits: Number(args['hash-bits']), charGrams: [shortest, longest] };
  const training: Example[] = [];
  const sst2Holdout: Example[] = [];
  const trainedOn: string[] = [];
  for (const configured of trainingSets(Number(args['review-rows']))) {
    const set = { ...configured, weight: weightOverrides.get(configured.name) ?? configured.weight };
    const file = join(dataDir, set.file);
    if (!existsSync(file)) {
      log(`${set.name}: ${file} not found, left out`);
      continue;
    }
    const rows = await readRows(file, set.maxRows);
    const perClass = new Map<SentimentClass, number>();
    for (const row of rows) perClass.set(row.label, (perClass.get(row.label) ?? 0) + 1);
    const classWeight = (label: SentimentClass) =>
      balanced ? rows.length / (perClass.size * (perClass.get(label) ?? 1)) : 1;
    rows.forEach((row, index) => {
      const example = {
        text: set.maxChars ? row.text.slice(0, set.maxChars) : row.text,
        label: SENTIMENT_CLASSES.indexOf(row.label),
        weight: set.weight * classWeight(row.label),
        binary: set.binary === true,
      };
      if (set.name === 'sst2' && index % SST2_HOLDOUT_EVERY === 0) sst2Holdout.push(example);
      else training.push(example);
    });
    trainedOn.push(
      `${set.name} (${set.file}, ${rows.length} rows, weight ${set.weight}${balanced ? ', classes balanced' : ''}${set.name === 'sst2' ? `, every ${SST2_HOLDOUT_EVERY}th held out for validation` : ''})`,
    );
    log(`${set.name}: ${rows.length} rows`);
  }
  const validationFile = join(dataDir, 'tweeteval/validation.jsonl');
  if (!existsSync(validationFile)) {
    throw new Error(
      `${validationFile} not found: the model is calibrated on TweetEval's validation split; build the data as models/sentiment/README.md says`,
    );
  }
  const tweetValidation = (await readRows(validationFile)).map((row) => ({
    text: row.text,
    label: SENTIMENT_CLASSES.indexOf(row.label),
    weight: 1,
  }));
  if (training.length === 0) throw new Error(`no training data under ${dataDir}; see models/sentiment/README.md`);

  const slotsPerClass = 1 << settings.hashBits;
  if (!['lr', 'nb-lr'].includes(args.design)) throw new Error(`--design ${args.design}: write lr or nb-lr`);
  const ratios = args.design === 'nb-lr' ? logCountRatios(training, settings) : undefined;
  // The weights the model uses: the parameters learnt, times each feature's ratio under nb-lr.
  const weights = new Float32Array(3 * slotsPerClass);
  const parameters = ratios ? new Float32Array(3 * slotsPerClass) : weights;
  const squaredGradients = new Float32Array(3 * slotsPerClass).fill(1e-6);
  const learningRate = Number(args['learning-rate']);
  const epochs = Number(args.epochs);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(training, Number(args.seed) + epoch);
    let loss = 0;
    for (const example of training) {
      const features = sentimentFeatures(example.text, settings);
      const { slots, values } = features;
      const [negative, neutral, positive] = classSums(features, weights, slotsPerClass);
      // A binary example is a softmax over negative and positive only; neutral gets no gradient.
      const probabilities = example.binary
        ? binaryProbabilities(negative, positive)
        : softmax([negative, neutral, positive]);
      loss -= example.weight * Math.log(Math.max(1e-12, probabilities[example.label] ?? 0));
      for (let classIndex = 0; classIndex < 3; classIndex++) {
        if (example.binary && classIndex === 1) continue;
        const error = example.weight * ((probabilities[classIndex] ?? 0) - (classIndex === example.label ? 1 : 0));
        for (let index = 0; index < slots.length; index++) {
          const at = classIndex * slotsPerClass + (slots[index] ?? 0);
          const ratio = ratios ? (ratios[at] ?? 0) : 1;
          const gradient = error * (values[index] ?? 0) * ratio;
          const accumulated = (squaredGradients[at] ?? 0) + gradient * gradient;
          squaredGradients[at] = accumulated;
          parameters[at] = (parameters[at] ?? 0) - (learningRate * gradient) / Math.sqrt(accumulated);
          if (ratios) weights[at] = (parameters[at] ?? 0) * ratio;
        }
      }
    }
    const provisional = floatModel(weights, settings, trainedOn, 1, 0);
    log(
      `epoch ${epoch}: mean loss ${(loss / training.length).toFixed(4)}; ${validationSummary(provisional, tweetValidation, sst2Holdout)}`,
    );
  }

  // Calibration on validation data only: temperature by log-likelihood, then the neutral bias by
  // TweetEval's macro-averaged recall, then MIXED by the rate at which validation texts come out MIXED.
  const withCalibration = (temperature: number, neutralBias: number, mixedThreshold = 0) =>
    floatModel(weights, settings, trainedOn, temperature, neutralBias, mixedThreshold);
  const validation = [...tweetValidation, ...sst2Holdout];
  let temperature = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let candidate = 0.5; candidate <= 3.001; candidate += 0.1) {
    const model = withCalibration(candidate, 0);
    const candidateLoss = validation.reduce(
      (sum, example) => sum - Math.log(Math.max(1e-12, model.probabilities(example.text)[example.label] ?? 0)),
      0,
    );
    if (candidateLoss < bestLoss) [bestLoss, temperature] = [candidateLoss, candidate];
  }
  let neutralBias = 0;
  let bestRecall = -1;
  for (let candidate = -1.5; candidate <= 1.501; candidate += 0.1) {
    const recall = macroRecall(withCalibration(temperature, candidate), tweetValidation);
    if (recall > bestRecall) [bestRecall, neutralBias] = [recall, candidate];
  }
  // MIXED: no set labels it, so the threshold is the lowest of a few that costs the least macro
  // recall on validation, with MIXED read as neutral (neither side wins).
  let mixedThreshold = MIXED_THRESHOLDS[0] ?? 0.3;
  let bestMixedRecall = -1;
  for (const candidate of MIXED_THRESHOLDS) {
    const recall = macroRecall(withCalibration(temperature, neutralBias, candidate), tweetValidation);
    if (recall > bestMixedRecall + 0.002) [bestMixedRecall, mixedThreshold] = [recall, candidate];
  }
  log(
    `calibration: temperature ${temperature.toFixed(2)}, neutral bias ${neutralBias.toFixed(2)}, MIXED from ${mixedThreshold}; ` +
      `TweetEval validation macro recall ${bestMixedRecall.toFixed(4)}`,
  );

  // 8-bit weights, one scale per class.
  const scales = [0, 1, 2].map((classIndex) => {
    let largest = 0;
    for (let slot = 0; slot < slotsPerClass; slot++)
      largest = Math.max(largest, Math.abs(weights[classIndex * slotsPerClass + slot] ?? 0));
    return largest > 0 ? largest / 127 : 1;
  }) as [number, number, number];
  const quantised = new Int8Array(3 * slotsPerClass);
  for (let at = 0; at < quantised.length; at++)
    quantised[at] = Math.round((weights[at] ?? 0) / scales[Math.floor(at / slotsPerClass)]!);
  const header: ModelHeader = {
    format: 'congruence-sentiment/1',
    version: args.version,
    hashBits: settings.hashBits,
    charGrams: settings.charGrams as [number, number],
    classes: ['negative', 'neutral', 'positive'],
    scales,
    temperature: round(temperature),
    neutralBias: round(neutralBias),
    mixedThreshold,
    trainedOn,
  };
  const final = modelFrom(header, quantised);
  log(`quantised model: ${validationSummary(final, tweetValidation, sst2Holdout)}`);
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
  writeFileSync(join(args.out, 'weights.bin'), quantised);
  log(`written to ${args.out}/model.json and weights.bin (${(quantised.byteLength / 2 ** 20).toFixed(1)} MB)`);
}

/**
 * Per class and slot, log((p + 1) / |p + 1|) − log((q + 1) / |q + 1|), where p counts the training
 * texts of the class holding the feature and q those of the other classes (NBSVM's ratio).
 */
function logCountRatios(training: Example[], settings: FeatureSettings): Float32Array {
  const slotsPerClass = 1 << settings.hashBits;
  const counts = new Float32Array(3 * slotsPerClass);
  for (const example of training) {
    for (const slot of sentimentFeatures(example.text, settings).slots)
      counts[example.label * slotsPerClass + slot] = (counts[example.label * slotsPerClass + slot] ?? 0) + 1;
  }
  const totals = [0, 1, 2].map((classIndex) =>
    counts
      .subarray(classIndex * slotsPerClass, (classIndex + 1) * slotsPerClass)
      .reduce((sum, count) => sum + count, 0),
  );
  const all = totals.reduce((sum, total) => sum + total, 0);
  const ratios = new Float32Array(3 * slotsPerClass);
  for (let classIndex = 0; classIndex < 3; classIndex++) {
    const inClass = (totals[classIndex] ?? 0) + slotsPerClass;
    const outClass = all - (totals[classIndex] ?? 0) + slotsPerClass;
    for (let slot = 0; slot < slotsPerClass; slot++) {
      const p = (counts[classIndex * slotsPerClass + slot] ?? 0) + 1;
      let q = 1;
      for (let other = 0; other < 3; other++) if (other !== classIndex) q += counts[other * slotsPerClass + slot] ?? 0;
      ratios[classIndex * slotsPerClass + slot] = Math.log(p / inClass) - Math.log(q / outClass);
    }
  }
  return ratios;
}

/** Negative and positive probabilities between the two alone (neutral 0), for a binary example. */
function binaryProbabilities(negative: number, positive: number): [number, number, number] {
  const pPositive = 1 / (1 + Math.exp(negative - positive));
  return [1 - pPositive, 0, pPositive];
}

/** Thresholds tried for MIXED: a text is MIXED when both its negative and positive probability reach it. */
const MIXED_THRESHOLDS = [0.3, 0.35, 0.4, 0.45];

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

await main();
