// The WordNet senses shipped in models/word-senses/ (27,314 nouns of the word vectors' vocabulary;
// the card is models/word-senses/README.md, scripts/build-word-senses.ts builds them): loaded once
// per process, 1.2 MB of text.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { WordSenses } from '#domain/word-senses';
import { MeaningDataMissingError } from './errors';
import { folderUrl } from './model-folder';

const HeaderSchema = z.object({
  format: z.literal('word-tab-senses-tab-kinds'),
  words: z.number().int().positive(),
  sha256: z.string(),
});

const DEFAULT_DIR = new URL('../../../models/word-senses/', import.meta.url);

export function loadWordSenses(dir: URL | string = process.env.CONGRUENCE_WORD_SENSES_DIR ?? DEFAULT_DIR): WordSenses {
  const base = folderUrl(dir);
  const missing = (cause: unknown) => new MeaningDataMissingError('word senses', base, 'build:word-senses', cause);
  let header: z.infer<typeof HeaderSchema>;
  let text: string;
  try {
    header = HeaderSchema.parse(JSON.parse(readFileSync(new URL('model.json', base), 'utf8')));
    text = readFileSync(new URL('senses.txt', base), 'utf8');
  } catch (error) {
    throw missing(error);
  }
  // the lines are kept as text and split on first use: a run meets a few thousand of the 27,314 words
  const lines = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lines.set(line.slice(0, tab), line.slice(tab + 1));
  }
  if (lines.size !== header.words) throw missing(new Error(`expected ${header.words} words, found ${lines.size}`));
  const parsed = new Map<string, { senses: string[]; kinds: string[] }>();
  const entryOf = (word: string) => {
    let entry = parsed.get(word);
    if (entry === undefined) {
      const [senses = '', kinds = ''] = (lines.get(word) ?? '\t').split('\t');
      entry = { senses: senses.split(',').filter(Boolean), kinds: kinds.split(',').filter(Boolean) };
      parsed.set(word, entry);
    }
    return entry;
  };
  return {
    version: `wordnet-3.1-${header.sha256.slice(0, 8)}`,
    sensesOf: (word) => (lines.has(word) ? entryOf(word).senses : []),
    kindsOf: (word) => (lines.has(word) ? entryOf(word).kinds : []),
  };
}

let bundled: WordSenses | undefined;

/** The bundled senses, loaded on first use and shared by everything in the process. */
export function bundledWordSenses(): WordSenses {
  bundled ??= loadWordSenses();
  return bundled;
}
