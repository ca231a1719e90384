// Words and their stems, the way value matching and topics compare text: case-insensitive, word
// forms folded ("repairs", "repaired", "repairing" are all "repair").
import { stemmer } from 'stemmer';

/** A word: letters and digits, with an apostrophe suffix ("don't", "Fernhill's"); hyphens split words. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Stems already worked out, by word: a brand's texts repeat a few thousand words, and stemming one
 * costs far more than looking it up. Emptied when full, so it never holds more than this many.
 */
const KNOWN_STEMS_KEPT = 50_000;
const knownStems = new Map<string, string>();

/** The stem of one lower-case word, its possessive "'s" left out ("fernhill's" → "fernhil"). */
export function stemOf(word: string): string {
  const known = knownStems.get(word);
  if (known !== undefined) return known;
  const stem = stemmer(word.replace(/['’]s$/, ''));
  if (knownStems.size >= KNOWN_STEMS_KEPT) knownStems.clear();
  knownStems.set(word, stem);
  return stem;
}

/** Lower-case stems of the words of a text; hyphenated words count as their parts. */
export function stems(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map(stemOf);
}
