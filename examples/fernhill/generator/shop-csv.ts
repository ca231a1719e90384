// Writes feeds/shop-reviews.csv: the shop's reviews as its review tool exports them, CSV with a
// header row and CRLF line ends.

import { iso } from './calendar';
import type { Item } from './model';

/** One CSV field, quoted when it must be (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function shopCsv(items: Item[]): string {
  const header = ['Review ID', 'Submitted', 'Rating', 'Title', 'Review', 'Customer', 'Link'];
  const rows = items.map((item) =>
    [item.id, iso(item.at), item.rating ?? '', item.title, item.text, item.author, item.link].map(csvField).join(','),
  );
  return [header.join(','), ...rows, ''].join('\r\n');
}
