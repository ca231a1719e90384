// Writes feeds/newsroom.atom: the brand's press releases and stance statements as Atom 1.0.

import { iso } from './calendar';
import type { Item } from './model';
import { atomEntryStart, esc, newest } from './xml';

export function newsroomXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    '  <title>Fernhill Bikes newsroom</title>',
    '  <subtitle>Press releases and statements from Fernhill Bikes</subtitle>',
    '  <id>tag:fernhillbikes.example,2026:newsroom</id>',
    '  <link rel="alternate" type="text/html" href="https://fernhillbikes.example/newsroom"/>',
    '  <link rel="self" type="application/atom+xml" href="https://fernhillbikes.example/newsroom/feed.atom"/>',
    `  <updated>${iso(newest(items))}</updated>`,
    '  <author><name>Fernhill Press Office</name><uri>https://fernhillbikes.example/newsroom</uri></author>',
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
