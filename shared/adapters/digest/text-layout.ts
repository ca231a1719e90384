// How the plain-text digest lays text out: 78 columns, model text cleaned of line breaks and
// controls and wrapped at word boundaries, section headings, and quotes with their source; the
// main sections and "How you compare" share them.
import type { Evidence } from '#domain/digest-model';
import { safeHttpUrl } from './html';
import { channelName, dateText } from './wording';

export const TEXT_WIDTH = 78;

// Line breaks and controls inside model text would break the layout (and could fake a section).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point: they are taken out of untrusted text
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/g;

export function clean(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Wraps `text` to `width` columns, every line starting with `indent` (the first with
 * `firstIndent`). A word longer than a line, such as a URL, gets a line of its own, unbroken.
 */
export function wrap(text: string, width = TEXT_WIDTH, indent = '', firstIndent = indent): string[] {
  const words = clean(text).split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

export function heading(title: string): string[] {
  return ['', '', title.toUpperCase(), '-'.repeat(TEXT_WIDTH)];
}

/**
 * A quote as the text part shows it: the words, then who wrote them where and when, which words
 * matched it by meaning, the item's title and its URL on a line of its own. `about` (whom the quote
 * speaks of, in a comparison) goes before the words.
 */
export function evidenceLines(item: Evidence, indent: string, timeZone: string, about?: string): string[] {
  const lines = wrap(`${about ? `${about}: ` : ''}“${item.quote}”`, TEXT_WIDTH, indent);
  const meta = [
    item.author,
    `${channelName(item.channel)}, ${item.sourceId}`,
    dateText(item.publishedAt, timeZone),
    item.rating ? `rated ${item.rating}` : null,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
  lines.push(...wrap(`— ${meta}`, TEXT_WIDTH, `${indent}  `));
  if (item.matchedByMeaning)
    lines.push(...wrap(`Matched by meaning: ${item.matchedByMeaning}`, TEXT_WIDTH, `${indent}  `));
  if (clean(item.title)) lines.push(...wrap(item.title, TEXT_WIDTH, `${indent}  `));
  const url = safeHttpUrl(item.url);
  if (url) lines.push(`${indent}  ${url}`);
  return lines;
}
