// Words and their stems, the way value matching and topics compare text: case-insensitive, word
// forms folded ("repairs", "repaired", "repairing" are all "repair").
import { stemmer } from 'stemmer';

/** A word: letters and digits, with an apostrophe suffix ("don't", "Fernhill's"); hyphens split words. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The stem of one lower-case word, its possessive "'s" left out ("fernhill's" → "fernhil"). */
export function stemOf(word: string): string {
  return stemmer(word.replace(/['’]s$/, ''));
}

/** Lower-case stems of the words of a text; hyphenated words count as their parts. */
export function stems(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map(stemOf);
}
