// Writes feeds/review-platform.atom: the independent review platform's reviews as Atom 1.0, the
// stars in review:rating and the text as escaped HTML content.

import { iso } from './calendar';
import type { Item } from './model';
import { atomEntryStart, esc, newest } from './xml';

export function platformXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:review="https://congruence.dev/ns/review" xml:lang="en-GB">',
    '  <title>Fernhill Bikes reviews on Ratewise</title>',
    '  <subtitle>Independent customer reviews of Fernhill Bikes</subtitle>',
    '  <id>tag:reviews.example,2026:company/fernhill-bikes</id>',
    '  <link rel="alternate" type="text/html" href="https://reviews.example/fernhill-bikes"/>',
    '  <link rel="self" type="application/atom+xml" href="https://reviews.example/fernhill-bikes/reviews.atom"/>',
    `  <updated>${iso(newest(items))}</updated>`,
    '  <generator uri="https://reviews.example">Ratewise</generator>',
  ];
  for (const item of items) {
    // Some reviewers edit their review a little later.
    const edited = Number(item.id.split('/').pop()) % 5 === 0;
    const updated = edited ? new Date(item.at.getTime() + (Number(item.id.split('/').pop()) % 97) * 60_000) : item.at;
    out.push(
      ...atomEntryStart(item),
      `    <updated>${iso(updated)}</updated>`,
      `    <review:rating best="5">${item.rating}</review:rating>`,
      `    <content type="html">${esc(`<p>${esc(item.text)}</p>`)}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
