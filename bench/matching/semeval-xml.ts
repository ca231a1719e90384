// Reads SemEval ABSA files: SemEval-2014 Task 4 (`<aspectCategory category="food" …/>`) and
// SemEval-2016 Task 5 subtask 1 (`<Opinion category="FOOD#QUALITY" …/>`) into sentences with the
// set of values their categories stand for (categories.ts). The files are well-formed XML written
// by the organisers; a regular expression per element is enough, and keeps the bench dependency-free.
//
// SemEval-2016 marks some sentences OutOfScope="TRUE": the annotators left them unannotated (they
// speak of another machine or restaurant: "Literally, it stays much cooler than my old macbook
// pro."). Their gold values are unknown, not empty, so they are set aside rather than read as
// speaking of no value; the count is reported.
import { readFileSync } from 'node:fs';

export interface GoldSentence {
  id: string;
  text: string;
  /** Values the annotators' categories stand for (empty: the sentence speaks of none). */
  values: Set<string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });

export interface SemEvalSet {
  /** The annotated sentences. */
  sentences: GoldSentence[];
  /** How many sentences were set aside as out of scope (left unannotated). */
  outOfScope: number;
}

export function readSemEval(file: string, valueOfCategory: (category: string) => string | undefined): SemEvalSet {
  const xml = readFileSync(file, 'utf8');
  const sentences: GoldSentence[] = [];
  let outOfScope = 0;
  for (const block of xml.matchAll(/<sentence\b([^>]*)>([\s\S]*?)<\/sentence>/g)) {
    const attributes = block[1] ?? '';
    const body = block[2] ?? '';
    if (/\bOutOfScope="TRUE"/i.test(attributes)) {
      outOfScope++;
      continue;
    }
    const id = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? String(sentences.length);
    const text = decode(/<text>([\s\S]*?)<\/text>/.exec(body)?.[1] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '') continue;
    const values = new Set<string>();
    for (const category of body.matchAll(/<(?:aspectCategory|Opinion)\b[^>]*\bcategory="([^"]*)"/g)) {
      const value = valueOfCategory(decode(category[1] ?? ''));
      if (value !== undefined) values.add(value);
    }
    sentences.push({ id, text, values });
  }
  return { sentences, outOfScope };
}
