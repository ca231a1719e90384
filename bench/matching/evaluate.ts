// `npm run eval:matching`: value matching measured on public human-annotated aspect data, through
// the command a user runs (`congruence analyze -c <profile> --json`), with matching by meaning
// (the default) beside the aspect words alone (`--terms-only`). A sentence's gold values are the
// values its SemEval aspect categories stand for (categories.ts); precision and recall count
// (sentence, value) pairs. Profiles (restaurants.yaml, laptops.yaml) were written before measuring.
// Settings were chosen on the training splits; the test splits are the figures that count.
//
// The SemEval files may not be redistributed, so they are not in the repository:
// docs/value-matching.md says where each comes from and how to lay them out in ../matching-data
// (or point --data, or MATCHING_DATA_DIR, elsewhere).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { laptops2016Values, restaurants2014Values, restaurants2016Values } from './categories';
import { readSemEval, type GoldSentence } from './semeval-xml';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.MATCHING_DATA_DIR ?? '../matching-data' },
    split: { type: 'string', default: 'test' },
    json: { type: 'boolean', default: false },
  },
});
if (args.split !== 'test' && args.split !== 'train') throw new Error(`--split ${args.split}: write test or train`);

interface DataSet {
  name: string;
  file: string;
  profile: string;
  valueOf: (category: string) => string | undefined;
}

const SETS: DataSet[] = [
  {
    name: 'SemEval-2014 restaurants',
    file: `semeval14-restaurants-${args.split}.xml`,
    profile: 'bench/matching/restaurants.yaml',
    valueOf: restaurants2014Values,
  },
  {
    name: 'SemEval-2016 restaurants',
    file: `semeval16-restaurants-${args.split}.xml`,
    profile: 'bench/matching/restaurants.yaml',
    valueOf: restaurants2016Values,
  },
  {
    name: 'SemEval-2016 laptops',
    file: `semeval16-laptops-${args.split}.xml`,
    profile: 'bench/matching/laptops.yaml',
    valueOf: laptops2016Values,
  },
];

const AnalyzedLineSchema = z.object({
  line: z.number(),
  values: z.array(z.object({ valueId: z.string() })).default([]),
});

/** The values `congruence analyze -c` finds in each sentence, in input order. */
function analyzeWithCli(profile: string, sentences: readonly GoldSentence[], termsOnly: boolean): Array<Set<string>> {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-eval-matching-'));
  try {
    const input = join(dir, 'sentences.txt');
    // one sentence a line: line breaks inside a sentence would split it
    writeFileSync(input, `${sentences.map((sentence) => sentence.text.replace(/\s+/g, ' ')).join('\n')}\n`);
    const result = spawnSync(
      process.execPath,
      ['bin/congruence.js', 'analyze', '-c', profile, '--json', ...(termsOnly ? ['--terms-only'] : []), input],
      {
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    if (result.status !== 0) throw new Error(`congruence analyze exited ${result.status}: ${result.stderr}`);
    const found = sentences.map(() => new Set<string>());
    for (const row of result.stdout.split('\n').filter((line) => line.trim() !== '')) {
      const parsed = AnalyzedLineSchema.parse(JSON.parse(row));
      for (const value of parsed.values) found[parsed.line - 1]?.add(value.valueId);
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

const emptyCounts = (): Counts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });
const precision = (counts: Counts) => counts.truePositives / (counts.truePositives + counts.falsePositives || 1);
const recall = (counts: Counts) => counts.truePositives / (counts.truePositives + counts.falseNegatives || 1);
const f1 = (counts: Counts) => {
  const p = precision(counts);
  const r = recall(counts);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

function add(into: Counts, from: Counts): void {
  into.truePositives += from.truePositives;
  into.falsePositives += from.falsePositives;
  into.falseNegatives += from.falseNegatives;
}

/** Counts per value and overall, for one way of matching. */
function score(
  gold: readonly GoldSentence[],
  found: ReadonlyArray<Set<string>>,
): { overall: Counts; byValue: Map<string, Counts & { gold: number }> } {
  const overall = emptyCounts();
  const byValue = new Map<string, Counts & { gold: number }>();
  const of = (valueId: string) => {
    const counts = byValue.get(valueId) ?? { ...emptyCounts(), gold: 0 };
    byValue.set(valueId, counts);
    return counts;
  };
  gold.forEach((sentence, index) => {
    const predicted = found[index] ?? new Set<string>();
    for (const valueId of predicted) {
      const counts = of(valueId);
      if (sentence.values.has(valueId)) counts.truePositives++;
      else counts.falsePositives++;
    }
    for (const valueId of sentence.values) {
      const counts = of(valueId);
      counts.gold++;
      if (!predicted.has(valueId)) counts.falseNegatives++;
    }
  });
  for (const counts of byValue.values()) add(overall, counts);
  return { overall, byValue };
}

const figure = (value: number) => value.toFixed(3);
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

const missing = SETS.filter((set) => !existsSync(join(args.data, set.file)));
if (missing.length > 0) {
  console.error(
    `eval:matching: ${missing.map((set) => join(args.data, set.file)).join(', ')} not found. ` +
      'docs/value-matching.md ("Measuring it") says where the SemEval files come from and how to lay them out; ' +
      'give their folder with --data or MATCHING_DATA_DIR.',
  );
  process.exit(2);
}

const started = performance.now();
const totals = { meaning: emptyCounts(), terms: emptyCounts() };
const setAside: string[] = [];
const report: Record<string, unknown> = {};
const lines: string[] = [
  `Value matching on the ${args.split} splits, through \`congruence analyze -c <profile> --json\` (by meaning) and with \`--terms-only\` (aspect words alone).`,
  '',
  row(['set', 'value', 'gold', 'precision', 'recall', 'F1', 'terms only: precision', 'recall', 'F1']),
  row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
];
for (const set of SETS) {
  const { sentences: gold, outOfScope } = readSemEval(join(args.data, set.file), set.valueOf);
  setAside.push(`${set.name}: ${outOfScope}`);
  const meaning = score(gold, analyzeWithCli(set.profile, gold, false));
  const terms = score(gold, analyzeWithCli(set.profile, gold, true));
  add(totals.meaning, meaning.overall);
  add(totals.terms, terms.overall);
  for (const [valueId, counts] of [...meaning.byValue].sort((a, b) => b[1].gold - a[1].gold)) {
    const termCounts = terms.byValue.get(valueId) ?? { ...emptyCounts(), gold: counts.gold };
    lines.push(
      row([
        set.name,
        valueId,
        counts.gold,
        figure(precision(counts)),
        figure(recall(counts)),
        figure(f1(counts)),
        figure(precision(termCounts)),
        figure(recall(termCounts)),
        figure(f1(termCounts)),
      ]),
    );
  }
  const overall = meaning.overall;
  lines.push(
    row([
      `**${set.name}**`,
      `**all (${gold.length} sentences)**`,
      overall.truePositives + overall.falseNegatives,
      `**${figure(precision(overall))}**`,
      `**${figure(recall(overall))}**`,
      `**${figure(f1(overall))}**`,
      figure(precision(terms.overall)),
      figure(recall(terms.overall)),
      figure(f1(terms.overall)),
    ]),
  );
  report[set.name] = {
    sentences: gold.length,
    outOfScope,
    meaning: { precision: precision(overall), recall: recall(overall), f1: f1(overall) },
    termsOnly: { precision: precision(terms.overall), recall: recall(terms.overall), f1: f1(terms.overall) },
  };
}
const { meaning, terms } = totals;
lines.push(
  row([
    '**all three**',
    '',
    meaning.truePositives + meaning.falseNegatives,
    `**${figure(precision(meaning))}**`,
    `**${figure(recall(meaning))}**`,
    `**${figure(f1(meaning))}**`,
    figure(precision(terms)),
    figure(recall(terms)),
    figure(f1(terms)),
  ]),
);
lines.push(
  '',
  `Sentences the annotators marked out of scope (left unannotated, so set aside): ${setAside.join(', ')}.`,
  `Targets: recall ≥ 0.80 and precision ≥ 0.75 overall. Measured in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
report.all = {
  meaning: { precision: precision(meaning), recall: recall(meaning), f1: f1(meaning) },
  termsOnly: { precision: precision(terms), recall: recall(terms), f1: f1(terms) },
};
console.log(args.json ? JSON.stringify(report, null, 2) : lines.join('\n'));
