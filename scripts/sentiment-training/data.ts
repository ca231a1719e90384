// The labelled sets the sentiment model trains on (models/sentiment/README.md says where each comes
// from), how each is read from its JSONL file, and the seeded shuffle that makes a run repeatable.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { SENTIMENT_CLASSES, type SentimentClass } from '#adapters/analyzers/local/sentiment-model';

/** A labelled set, its training file and how much each of its examples weighs. */
export interface TrainingSet {
  name: string;
  file: string;
  weight: number;
  /**
   * Labelled positive or negative only. Such a label says which side a text is on, not that it is
   * not neutral, so it trains the negative-against-positive choice alone and leaves neutral alone.
   */
  binary?: boolean;
  /** At most this many rows (reviews are plentiful and long). */
  maxRows?: number;
  /** Characters of each text used (the start of long reviews says most of it). */
  maxChars?: number;
}

/** The sets trained on; the review sets are cut to `reviewRows` rows each. */
export function trainingSets(reviewRows: number): TrainingSet[] {
  return [
    { name: 'tweeteval', file: 'tweeteval/train.jsonl', weight: 2 },
    { name: 'sst2', file: 'sst2/train.jsonl', weight: 1, binary: true },
    { name: 'semeval14-restaurants', file: 'semeval14-restaurants/train.jsonl', weight: 2 },
    { name: 'semeval14-laptops', file: 'semeval14-laptops/train.jsonl', weight: 2 },
    {
      name: 'yelp-polarity',
      file: 'yelp-polarity/train.jsonl',
      weight: 0.5,
      maxRows: reviewRows,
      maxChars: 600,
      binary: true,
    },
    {
      name: 'amazon-polarity',
      file: 'amazon-polarity/train.jsonl',
      weight: 0.5,
      maxRows: reviewRows,
      maxChars: 600,
      binary: true,
    },
    { name: 'imdb', file: 'imdb/train.jsonl', weight: 0.5, maxRows: reviewRows, maxChars: 600, binary: true },
  ];
}
/** Every 20th SST-2 training sentence is held out for validation: SST-2's own dev set is its test. */
export const SST2_HOLDOUT_EVERY = 20;

const RowSchema = z.object({ text: z.string(), label: z.enum(SENTIMENT_CLASSES).optional() });

export interface Example {
  text: string;
  label: number;
  weight: number;
  binary?: boolean;
}

export async function readRows(
  file: string,
  maxRows = Number.POSITIVE_INFINITY,
): Promise<Array<{ text: string; label: SentimentClass }>> {
  const rows: Array<{ text: string; label: SentimentClass }> = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const row = RowSchema.parse(JSON.parse(line));
    if (row.label !== undefined && row.text.trim() !== '') rows.push({ text: row.text, label: row.label });
    if (rows.length >= maxRows) break;
  }
  return rows;
}

/** A seeded shuffle, so a training run can be repeated exactly. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
