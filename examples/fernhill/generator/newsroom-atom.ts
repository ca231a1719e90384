// Writes feeds/newsroom.atom, the brand's press releases and stance statements, as Atom 1.0, and a
// competitor's newsroom (feeds/cobalt-newsroom.atom) in the same shape on its own domain.

import { iso } from './calendar';
import type { Item } from './model';
import { atomEntryStart, esc, newest } from './xml';

/** The newsroom's owner: the brand (by default) or a competitor, its name, domain and press office. */
export interface Newsroom {
  name: string;
  domain: string;
  office: string;
}

const FERNHILL: Newsroom = { name: 'Fernhill Bikes', domain: 'fernhillbikes.example', office: 'Fernhill Press Office' };

export function newsroomXml(items: Item[], owner: Newsroom = FERNHILL): string {
  const site = `https://${owner.domain}/newsroom`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <title>${esc(owner.name)} newsroom</title>`,
    `  <subtitle>Press releases and statements from ${esc(owner.name)}</subtitle>`,
    `  <id>tag:${owner.domain},2026:newsroom</id>`,
    `  <link rel="alternate" type="text/html" href="${site}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${site}/feed.atom"/>`,
    `  <updated>${iso(newest(items))}</updated>`,
    `  <author><name>${esc(owner.office)}</name><uri>${site}</uri></author>`,
  ];
  for (const item of items) {
    out.push(
      ...atomEntryStart(item),
      `    <updated>${iso(item.at)}</updated>`,
      `    <content type="html">${esc(item.html!)}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
