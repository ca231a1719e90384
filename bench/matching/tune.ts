// The grid the semantic step's settings were chosen on: every combination of the settings given as
// JSON, measured in process on the SemEval TRAINING splits only (never the test splits), with
// precision, recall and F1 overall and per set. For example:
//
//   npx tsx bench/matching/tune.ts --data ../matching-data '{"threshold":[0.5,0.55,0.6],"domainMargin":[0.15,0.2]}'
//
// With no grid it measures the defaults (DEFAULT_SEMANTIC_SETTINGS) beside the aspect words alone.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProfile } from '#adapters/config/load-profile';
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import type { SemanticSettings } from '#domain/semantic-terms';
import { createValueMatcher, type ValueMatcherOptions } from '#domain/value-matching';
import { laptops2016Values, restaurants2014Values, restaurants2016Values } from './categories';
import { readSemEval } from './semeval-xml';

const { values: args, positionals } = parseArgs({
  options: { data: { type: 'string', default: process.env.MATCHING_DATA_DIR ?? '../matching-data' } },
  allowPositionals: true,
});

const sets = [
  {
    name: 'rest14',
    file: 'semeval14-restaurants-train.xml',
    valueOf: restaurants2014Values,
    profile: 'bench/matching/restaurants.yaml',
  },
  {
    name: 'rest16',
    file: 'semeval16-restaurants-train.xml',
    valueOf: restaurants2016Values,
    profile: 'bench/matching/restaurants.yaml',
  },
  {
    name: 'lapt16',
    file: 'semeval16-laptops-train.xml',
    valueOf: laptops2016Values,
    profile: 'bench/matching/laptops.yaml',
  },
].map((set) => ({
  ...set,
  gold: readSemEval(join(args.data, set.file), set.valueOf).sentences,
  values: loadProfile(set.profile).profile.values,
}));
const vectors = bundledWordVectors();
const senses = bundledWordSenses();

function measure(label: string, options: ValueMatcherOptions): void {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const parts: string[] = [];
  for (const set of sets) {
    const match = createValueMatcher(set.values, options);
    let setTp = 0;
    let setFp = 0;
    let setFn = 0;
    for (const sentence of set.gold) {
      const found = new Set(match(sentence.text).map((each) => each.valueId));
      for (const valueId of found) sentence.values.has(valueId) ? setTp++ : setFp++;
      for (const valueId of sentence.values) if (!found.has(valueId)) setFn++;
    }
    tp += setTp;
    fp += setFp;
    fn += setFn;
    parts.push(`${set.name} P ${(setTp / (setTp + setFp)).toFixed(2)} R ${(setTp / (setTp + setFn)).toFixed(2)}`);
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  console.log(
    `${label.padEnd(40)} P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${((2 * precision * recall) / (precision + recall)).toFixed(3)} | ${parts.join(' | ')}`,
  );
}

const grid = JSON.parse(positionals[0] ?? '{}') as Partial<Record<keyof SemanticSettings, unknown[]>>;
const combinations = Object.entries(grid).reduce<Array<Partial<SemanticSettings>>>(
  (sofar, [key, choices]) =>
    sofar.flatMap((partial) => (choices ?? []).map((choice) => ({ ...partial, [key]: choice }))),
  [{}],
);
measure('aspect words only', {});
for (const semantic of combinations) {
  measure(`vectors ${JSON.stringify(semantic)}`, { vectors, semantic });
  measure(`senses ${JSON.stringify(semantic)}`, { senses, semantic });
  measure(`both ${JSON.stringify(semantic)}`, { vectors, senses, semantic });
}
