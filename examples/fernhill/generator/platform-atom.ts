// Writes feeds/review-platform.atom, and each competitor's page (cobalt-reviews.atom...): the
// independent review platform's reviews as Atom 1.0, the stars in review:rating and the text as
// escaped HTML content.

import { iso } from './calendar';
import type { Item } from './model';
import { atomEntryStart, esc, newest } from './xml';

/** A company's page on the platform: Fernhill's (review-platform.atom) or a competitor's. */
export interface PlatformPage {
  name: string;
  slug: string;
}

export function platformXml(
  items: Item[],
  page: PlatformPage = { name: 'Fernhill Bikes', slug: 'fernhill-bikes' },
): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:review="https://congruence.dev/ns/review" xml:lang="en-GB">',
    `  <title>${esc(page.name)} reviews on Ratewise</title>`,
    `  <subtitle>Independent customer reviews of ${esc(page.name)}</subtitle>`,
    `  <id>tag:reviews.example,2026:company/${page.slug}</id>`,
    `  <link rel="alternate" type="text/html" href="https://reviews.example/${page.slug}"/>`,
    `  <link rel="self" type="application/atom+xml" href="https://reviews.example/${page.slug}/reviews.atom"/>`,
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
