// `npm run eval:sentiment`: the local analyzer's sentiment measured on public human-labelled test
// splits that no model here was trained or tuned on, beside the lexicon analyzer it replaced, VADER
// and the majority class: TweetEval sentiment (test), SST-2 (GLUE dev), SemEval-2014 Task 4
// restaurants (test gold) through Congruence's own value matching, and our complaint regression set.
// The test splits may not be redistributed, so they are not in the repository: build them once
// with scripts/prepare-sentiment-data.py (models/sentiment/README.md says how) into ../sentiment-data,
// or point --data (or SENTIMENT_DATA_DIR) at them. The complaint set is ours and always measured.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import vader from 'vader-sentiment';
import { z } from 'zod';
import { createLocalAnalyzer, LOCAL_ANALYZER_VERSION } from '#adapters/analyzers/local/local-analyzer';
import { sentimentOf } from '#adapters/analyzers/local/sentiment-scores';
import { readSentiment } from '#adapters/analyzers/local/wink-engine';
import { loadProfile } from '#adapters/config/load-profile';
import { createValueMatcher } from '#domain/value-matching';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.SENTIMENT_DATA_DIR ?? '../sentiment-data' },
    json: { type: 'boolean', default: false },
  },
});

type Polarity = 'negative' | 'neutral' | 'positive';
type Predicted = Polarity | 'mixed';

/** What a candidate says of a text: its label and its two polar scores. */
interface Reading {
  label: Predicted;
  positive: number;
  negative: number;
}

interface Candidate {
  name: string;
  read(texts: string[]): Promise<Reading[]>;
}

const LabelledSchema = z.object({ text: z.string(), label: z.enum(['negative', 'neutral', 'positive', 'mixed']) });
const AbsaSchema = z.object({
  text: z.string(),
  categories: z.array(z.object({ category: z.string(), polarity: z.string() })),
});

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => schema.parse(JSON.parse(line)));
}

// ---- candidates ---------------------------------------------------------------------------------

function localAnalyzerCandidate(): Candidate {
  const analyzer = createLocalAnalyzer();
  return {
    name: `local analyzer ${LOCAL_ANALYZER_VERSION}`,
    async read(texts) {
      const { results } = await analyzer.analyze(
        texts.map((text, index) => ({ id: String(index), text, sentences: [] })),
      );
      return results.map((result) => {
        if (result.status !== 'scored') return { label: 'neutral', positive: 0, negative: 0 };
        const { label, scores } = result.sentiment;
        return { label: label.toLowerCase() as Predicted, positive: scores.positive, negative: scores.negative };
      });
    },
  };
}

function lexiconCandidate(): Candidate {
  return {
    name: 'lexicon analyzer local@1.0.0+wink-2.4 (replaced)',
    async read(texts) {
      return texts.map((text) => {
        const reading = readSentiment(text);
        const { label, scores } = sentimentOf(reading.score, reading.sentenceScores);
        return { label: label.toLowerCase() as Predicted, positive: scores.positive, negative: scores.negative };
      });
    },
  };
}

function vaderCandidate(): Candidate {
  return {
    name: 'VADER (vader-sentiment 1.1.3, compound ±0.05)',
    async read(texts) {
      return texts.map((text) => {
        const { compound, pos, neg } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
        return {
          label: compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral',
          positive: pos,
          negative: neg,
        };
      });
    },
  };
}

function majorityCandidate(label: Polarity): Candidate {
  return {
    name: `majority class (${label})`,
    async read(texts) {
      return texts.map(() => ({
        label,
        positive: label === 'positive' ? 1 : 0,
        negative: label === 'negative' ? 1 : 0,
      }));
    },
  };
}

// ---- metrics ------------------------------------------------------------------------------------

/** MIXED is neither positive nor negative overall: on a three-class set it counts as neutral. */
function asThreeClass(label: Predicted): Polarity {
  return label === 'mixed' ? 'neutral' : label;
}

function threeClassFigures(gold: Polarity[], readings: Reading[]) {
  const labels: Polarity[] = ['negative', 'neutral', 'positive'];
  const recall = Object.fromEntries(
    labels.map((label) => {
      const indexes = gold.flatMap((each, index) => (each === label ? [index] : []));
      const hits = indexes.filter((index) => asThreeClass(readings[index]?.label ?? 'neutral') === label).length;
      return [label, indexes.length === 0 ? 0 : hits / indexes.length];
    }),
  ) as Record<Polarity, number>;
  const accuracy =
    gold.filter((label, index) => asThreeClass(readings[index]?.label ?? 'neutral') === label).length / gold.length;
  return { n: gold.length, macroRecall: (recall.negative + recall.neutral + recall.positive) / 3, accuracy, recall };
}

/** A binary set asks positive or negative: whichever score is higher. */
function binaryAccuracy(gold: Polarity[], readings: Reading[]): number {
  return (
    gold.filter(
      (label, index) =>
        ((readings[index]?.positive ?? 0) > (readings[index]?.negative ?? 0) ? 'positive' : 'negative') === label,
    ).length / gold.length
  );
}

// ---- the sets -----------------------------------------------------------------------------------

interface SetResult {
  set: string;
  candidate: string;
  figures: Record<string, number>;
}

async function tweetEval(candidates: Candidate[], file: string): Promise<SetResult[]> {
  const rows = readJsonl(file, LabelledSchema);
  const gold = rows.map((row) => row.label as Polarity);
  const results: SetResult[] = [];
  for (const candidate of candidates) {
    const figures = threeClassFigures(gold, await candidate.read(rows.map((row) => row.text)));
    results.push({
      set: 'TweetEval sentiment test',
      candidate: candidate.name,
      figures: { n: figures.n, macroRecall: figures.macroRecall, accuracy: figures.accuracy },
    });
  }
  return results;
}

async function sst2(candidates: Candidate[], file: string): Promise<SetResult[]> {
  const rows = readJsonl(file, LabelledSchema);
  const gold = rows.map((row) => row.label as Polarity);
  const results: SetResult[] = [];
  for (const candidate of candidates) {
    results.push({
      set: 'SST-2 validation (GLUE dev)',
      candidate: candidate.name,
      figures: { n: rows.length, accuracy: binaryAccuracy(gold, await candidate.read(rows.map((row) => row.text))) },
    });
  }
  return results;
}

async function complaints(candidates: Candidate[], file: string): Promise<SetResult[]> {
  const rows = readJsonl(file, LabelledSchema);
  const results: SetResult[] = [];
  for (const candidate of candidates) {
    const readings = await candidate.read(rows.map((row) => row.text));
    const accuracy = rows.filter((row, index) => readings[index]?.label === row.label).length / rows.length;
    results.push({ set: 'complaint regression set', candidate: candidate.name, figures: { n: rows.length, accuracy } });
  }
  return results;
}

/**
 * SemEval-2014 restaurants through Congruence's value matching: each test sentence is matched
 * against bench/sentiment/semeval-restaurants.yaml's values as a signal would be, and the
 * sentiment of each matched value's excerpt is compared with the sentence's gold polarity for that
 * category (sentences whose gold polarity is "conflict" are left out). Per value, the net
 * (share positive − share negative) of the readings is compared with the gold net of the same pairs.
 */
async function semeval(candidates: Candidate[], file: string): Promise<SetResult[]> {
  const rows = readJsonl(file, AbsaSchema);
  const { profile } = loadProfile('bench/sentiment/semeval-restaurants.yaml');
  const match = createValueMatcher(profile.values);
  const pairs: Array<{ value: string; excerpt: string; gold: Polarity }> = [];
  for (const row of rows) {
    for (const found of match(row.text)) {
      const gold = row.categories.find((category) => category.category === found.valueId)?.polarity;
      if (gold === 'positive' || gold === 'negative' || gold === 'neutral')
        pairs.push({ value: found.valueId, excerpt: found.excerpts.join(' '), gold });
    }
  }
  const matchedSentences = rows.filter((row) => match(row.text).length > 0).length;
  const results: SetResult[] = [];
  for (const candidate of candidates) {
    const readings = await candidate.read(pairs.map((pair) => pair.excerpt));
    const accuracy =
      pairs.filter((pair, index) => asThreeClass(readings[index]?.label ?? 'neutral') === pair.gold).length /
      pairs.length;
    const figures: Record<string, number> = {
      sentences: rows.length,
      matchedSentences,
      pairs: pairs.length,
      polarityAccuracy: accuracy,
    };
    for (const value of profile.values) {
      const mine = pairs.flatMap((pair, index) =>
        pair.value === value.id ? [{ gold: pair.gold, read: asThreeClass(readings[index]?.label ?? 'neutral') }] : [],
      );
      const net = (labels: Polarity[]) =>
        (labels.filter((label) => label === 'positive').length -
          labels.filter((label) => label === 'negative').length) /
        Math.max(1, labels.length);
      figures[`${value.id} n`] = mine.length;
      figures[`${value.id} gold net`] = net(mine.map((each) => each.gold));
      figures[`${value.id} net`] = net(mine.map((each) => each.read));
    }
    results.push({ set: 'SemEval-2014 restaurants test, through value matching', candidate: candidate.name, figures });
  }
  return results;
}

/** The local analyzer's documents per second on one thread: the second of two passes over the texts. */
async function textsPerSecond(
  texts: string[],
): Promise<{ texts: number; meanChars: number; perSecond: number } | undefined> {
  if (texts.length === 0) return undefined;
  const analyzer = createLocalAnalyzer();
  const documents = texts.map((text, index) => ({ id: String(index), text, sentences: [] }));
  await analyzer.analyze(documents);
  const started = performance.now();
  await analyzer.analyze(documents);
  const seconds = (performance.now() - started) / 1000;
  return {
    texts: texts.length,
    meanChars: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length),
    perSecond: texts.length / seconds,
  };
}

async function main(): Promise<void> {
  const dataDir = args.data;
  const file = (path: string) => join(dataDir, path);
  const common = [localAnalyzerCandidate(), lexiconCandidate(), vaderCandidate()];
  const results: SetResult[] = [];
  const missing: string[] = [];
  const run = async (path: string, evaluate: (file: string) => Promise<SetResult[]>) => {
    if (existsSync(path)) results.push(...(await evaluate(path)));
    else missing.push(path);
  };
  await run(file('tweeteval/test.jsonl'), (path) => tweetEval([...common, majorityCandidate('neutral')], path));
  await run(file('sst2/validation.jsonl'), (path) => sst2([...common, majorityCandidate('positive')], path));
  await run(file('semeval14-restaurants/test.jsonl'), (path) =>
    semeval([...common, majorityCandidate('positive')], path),
  );
  await run('test/fixtures/sentiment/complaints.jsonl', (path) =>
    complaints([...common, majorityCandidate('negative')], path),
  );
  const speed = await textsPerSecond(
    existsSync(file('tweeteval/test.jsonl'))
      ? readJsonl(file('tweeteval/test.jsonl'), LabelledSchema).map((row) => row.text)
      : [],
  );
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ results, missing, speed }, null, 2)}\n`);
    return;
  }
  let set = '';
  for (const result of results) {
    if (result.set !== set) {
      set = result.set;
      process.stdout.write(`\n${set}\n`);
    }
    const figures = Object.entries(result.figures)
      .map(([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toFixed(3)}`)
      .join(', ');
    process.stdout.write(`  ${result.candidate.padEnd(52)} ${figures}\n`);
  }
  if (speed) {
    process.stdout.write(
      `\nspeed, one thread: ${Math.round(speed.perSecond).toLocaleString('en-GB')} texts/s ` +
        `(${speed.texts.toLocaleString('en-GB')} tweets, ${speed.meanChars} characters on average, sentiment and key phrases)\n`,
    );
  }
  for (const path of missing) {
    process.stdout.write(
      `\nnot measured: ${path} is missing; build the data with scripts/prepare-sentiment-data.py (models/sentiment/README.md)\n`,
    );
  }
}

await main();
