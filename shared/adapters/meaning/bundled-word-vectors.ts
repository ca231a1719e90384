// The word vectors shipped in models/word-vectors/ (GloVe, 100 dimensions, 60,032 words; the card is
// models/word-vectors/README.md, scripts/build-word-vectors.ts builds them): loaded once per process,
// 6 MB of 8-bit rows, each turned into unit-length floats the first time its word is asked for. The
// floats of all 60,032 words would take 24 MB; a brand's posts use a few thousand of them, and the
// pages of the float array no word has touched are never made resident.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { WordVectors } from '#domain/word-vectors';
import { MeaningDataMissingError } from './errors';
import { folderUrl } from './model-folder';

const HeaderSchema = z.object({
  format: z.literal('int8-unit-rows'),
  dimensions: z.number().int().positive(),
  words: z.number().int().positive(),
  scale: z.number().positive(),
  sha256: z.string(),
});

/** Where the vectors are: beside the sources in a clone, beside the bundle in a Lambda (copied there at synth). */
const DEFAULT_DIR = new URL('../../../models/word-vectors/', import.meta.url);

export function loadWordVectors(
  dir: URL | string = process.env.CONGRUENCE_WORD_VECTORS_DIR ?? DEFAULT_DIR,
): WordVectors {
  const base = folderUrl(dir);
  const missing = (cause: unknown) => new MeaningDataMissingError('word vectors', base, 'build:word-vectors', cause);
  let header: z.infer<typeof HeaderSchema>;
  let words: string[];
  let bytes: Buffer;
  try {
    header = HeaderSchema.parse(JSON.parse(readFileSync(new URL('model.json', base), 'utf8')));
    words = readFileSync(new URL('words.txt', base), 'utf8')
      .split('\n')
      .filter((word) => word.length > 0);
    bytes = readFileSync(new URL('vectors.bin', base));
  } catch (error) {
    throw missing(error);
  }
  if (words.length !== header.words || bytes.length !== header.words * header.dimensions) {
    throw missing(
      new Error(
        `expected ${header.words} words of ${header.dimensions} bytes, found ${words.length} words and ${bytes.length} bytes`,
      ),
    );
  }
  const rows = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const floats = new Float32Array(rows.length);
  const decoded = new Uint8Array(header.words);
  const { dimensions } = header;
  const unitRow = (row: number): Float32Array => {
    const start = row * dimensions;
    const vector = floats.subarray(start, start + dimensions);
    if (decoded[row] === 1) return vector;
    let norm = 0;
    for (let index = start; index < start + dimensions; index++) norm += (rows[index] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let index = 0; index < dimensions; index++) vector[index] = (rows[start + index] as number) / norm;
    decoded[row] = 1;
    return vector;
  };
  const rowOf = new Map(words.map((word, row) => [word, row]));
  return {
    version: `glove-${dimensions}d-${header.words}w-${header.sha256.slice(0, 8)}`,
    vectorOf(word) {
      const row = rowOf.get(word);
      return row === undefined ? undefined : unitRow(row);
    },
    // words.txt keeps GloVe's order, most frequent first
    frequencyRank: (word) => rowOf.get(word),
  };
}

let bundled: WordVectors | undefined;

/** The bundled vectors, loaded on first use and shared by everything in the process. */
export function bundledWordVectors(): WordVectors {
  bundled ??= loadWordVectors();
  return bundled;
}
