// What the XML feed writers share: escaping, CDATA, the newest date of a feed, and the start of
// an Atom entry.

import { iso } from './calendar';
import type { Item } from './model';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function cdata(text: string): string {
  if (text.includes(']]>')) throw new Error('CDATA terminator in text');
  return `<![CDATA[${text}]]>`;
}

export const newest = (items: Item[]): Date => items.reduce((d, i) => (i.at > d ? i.at : d), new Date(0));

/** An Atom entry's opening lines, up to its publication date, indented for a feed's entries. */
export function atomEntryStart(item: Item): string[] {
  return [
    '  <entry>',
    `    <id>${esc(item.id)}</id>`,
    `    <title>${esc(item.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${esc(item.link)}"/>`,
    `    <author><name>${esc(item.author)}</name></author>`,
    `    <published>${iso(item.at)}</published>`,
  ];
}
