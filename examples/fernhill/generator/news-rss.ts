// Writes feeds/news-search.xml: the news search for "Fernhill" as RSS 2.0, HTML descriptions in
// CDATA and the author in dc:creator.

import { rfc822 } from './calendar';
import type { Item } from './model';
import { cdata, esc, newest } from './xml';

export function newsXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    '    <title>News search: &quot;Fernhill Bikes&quot;</title>',
    '    <link>https://news.example/search?q=Fernhill+Bikes</link>',
    '    <atom:link href="https://news.example/rss/search?q=Fernhill+Bikes" rel="self" type="application/rss+xml"/>',
    '    <description>Latest news coverage matching &quot;Fernhill Bikes&quot; OR &quot;Fernhill Cycles&quot; OR &quot;Fernhill&quot;, and the competitors &quot;Cobalt Cycles&quot; OR &quot;Alderway Bikes&quot;.</description>',
    '    <language>en-gb</language>',
    `    <lastBuildDate>${rfc822(newest(items))}</lastBuildDate>`,
    '    <ttl>360</ttl>',
  ];
  for (const item of items) {
    out.push(
      '    <item>',
      `      <title>${esc(item.title)}</title>`,
      `      <link>${esc(item.link)}</link>`,
      `      <guid isPermaLink="true">${esc(item.id)}</guid>`,
      `      <pubDate>${rfc822(item.at)}</pubDate>`,
      `      <dc:creator>${esc(item.author)}</dc:creator>`,
      `      <description>${cdata(item.html!)}</description>`,
      '    </item>',
    );
  }
  out.push('  </channel>', '</rss>', '');
  return out.join('\n');
}
