// RSS 2.0, RSS 1.0 (RDF) and Atom text to neutral FeedItems, with rss-parser doing the XML.
// rss-parser is only used to parse: fetching is ours (see http-get.ts).
import Parser from 'rss-parser';
import { FeedItemSchema, type FeedItem } from '../../domain/feed-item';
import { FeedError } from './errors';

type Raw = Record<string, unknown>;

// Rating elements seen in review feeds; the first one present wins.
const RATING_FIELDS = ['review:rating', 'rating', 'im:rating', 'g:rating', 'stars'] as const;

// rss-parser turns an Atom <published> or <updated> into an ISO string without a guard, so one
// unreadable date would lose the whole feed: blank it, and the entry is dated at fetch time instead.
const ATOM_DATE_ELEMENTS = new Set(['published', 'updated']);
function blankUnreadableAtomDate(value: string, name: string): string {
  return ATOM_DATE_ELEMENTS.has(name) && Number.isNaN(Date.parse(value)) ? '' : value;
}

const parser = new Parser<Raw, Raw>({
  defaultRSS: 2.0,
  xml2js: { valueProcessors: [blankUnreadableAtomDate] },
  customFields: {
    feed: ['language', 'dc:language'],
    item: [
      ...RATING_FIELDS.map((field) => [field, `rating:${field}`, { keepArray: true }] as [string, string, { keepArray: boolean }]),
      'dc:language',
      'updated',
    ],
  },
});

export interface ParsedFeed {
  language?: string;
  items: FeedItem[];
  /** Items dropped because they could not be read (each is reported, the rest of the feed is kept). */
  invalidItems: number;
}

const ENTITY_DECLARATION = /<!DOCTYPE[^>[]*\[[^\]]*<!ENTITY/i;

export async function parseRssFeed(sourceId: string, xml: string): Promise<ParsedFeed> {
  const trimmed = xml.trimStart();
  if (trimmed.length === 0) throw new FeedError(sourceId, 'not-a-feed', 'the feed is empty (0 bytes)', true);
  if (HTML_PAGE.test(trimmed)) {
    throw new FeedError(sourceId, 'not-a-feed', 'got an HTML page instead of a feed; check the url', false);
  }
  // Entity declarations are how entity-expansion bombs and external-entity (XXE) reads work; no
  // real feed needs them. The parser would not expand them either, but it is clearer to say why.
  if (ENTITY_DECLARATION.test(trimmed.slice(0, 64 * 1024))) {
    throw new FeedError(
      sourceId,
      'not-a-feed',
      'the feed declares its own XML entities (<!ENTITY ...>), which are refused: they are how entity-expansion and ' +
        'external-entity attacks work; ask its publisher for a plain feed',
      false,
    );
  }
  let feed: Raw & { items?: Raw[] };
  try {
    feed = (await parser.parseString(xhtmlAsEscapedHtml(xml))) as Raw & { items?: Raw[] };
  } catch (error) {
    const detail = ((error as Error).message || String(error)).split('\n')[0];
    throw new FeedError(sourceId, 'not-a-feed', `not a readable RSS or Atom feed (${detail})`, false, undefined, {
      cause: error,
    });
  }
  const items: FeedItem[] = [];
  let invalidItems = 0;
  for (const raw of feed.items ?? []) {
    const parsed = FeedItemSchema.safeParse(toFeedItem(raw));
    if (parsed.success) items.push(parsed.data);
    else invalidItems++;
  }
  return { language: text(feed.language) ?? text(feed['dc:language']), items, invalidItems };
}

// An HTML page, after an optional XML declaration, comments and a doctype.
const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>])/i;

// Atom text constructs of type="xhtml" hold markup; xml2js would split it into element objects and
// lose the word order. Escaped, they reach us as HTML strings, which plainText reads in order.
const XHTML_TEXT_CONSTRUCT = /<(title|subtitle|summary|content|rights)(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*)>([\s\S]*?)<\/\1>/g;

export function xhtmlAsEscapedHtml(xml: string): string {
  return xml.replace(XHTML_TEXT_CONSTRUCT, (_whole, name: string, attributes: string, inner: string) => {
    const escaped = inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<${name}${attributes.replace(/\btype\s*=\s*["']xhtml["']/, 'type="html"')}>${escaped}</${name}>`;
  });
}

function toFeedItem(raw: Raw): FeedItem {
  return {
    guid: text(raw.guid) ?? text(raw.id),
    link: text(raw.link),
    title: text(raw.title),
    html: text(raw['content:encoded']) ?? text(raw.content) ?? text(raw.summary) ?? text(raw.description),
    author: text(raw.creator) ?? text(raw.author),
    date: text(raw.isoDate) ?? text(raw.pubDate) ?? text(raw.date) ?? text(raw.updated),
    rating: ratingOf(raw),
    language: text(raw['dc:language']),
  };
}

/** Text of an rss-parser value: a string, or xml2js's { _: text } / nested element objects. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value.map((part) => text(part) ?? '').join(' '));
  if (typeof value === 'object') {
    // Atom type="xhtml" titles come back as element objects: keep their text, in reading order where we can.
    const parts = Object.entries(value as Raw)
      .filter(([key]) => key !== '$')
      .map(([, part]) => text(part) ?? '');
    return text(parts.join(' '));
  }
  return undefined;
}

function ratingOf(raw: Raw): FeedItem['rating'] {
  for (const field of RATING_FIELDS) {
    const values = raw[`rating:${field}`];
    const first = Array.isArray(values) ? (values[0] as unknown) : undefined;
    if (first === undefined) continue;
    const valueText = typeof first === 'object' && first !== null ? text((first as Raw)._) : text(first);
    const attributes = typeof first === 'object' && first !== null ? ((first as Raw).$ as Raw | undefined) : undefined;
    const value = Number(valueText);
    const best = Number(text(attributes?.best) ?? text(attributes?.max) ?? text(attributes?.outOf) ?? 5);
    if (Number.isFinite(value) && Number.isFinite(best) && best > 0 && value >= 0 && value <= best) {
      return { value, best };
    }
  }
  return undefined;
}
