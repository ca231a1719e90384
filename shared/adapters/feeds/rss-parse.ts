// RSS 2.0, RSS 1.0 (RDF) and Atom text to neutral FeedItems, with rss-parser doing the XML.
// rss-parser is only used to parse: fetching is ours (see http-get.ts). A broken item or field
// costs only that item or field (see tolerant-rss-parser.ts), and is reported in words; a feed
// that cannot be read at all fails with what is wrong in words, the parser's own text in `cause`.
import { plural } from '#domain/alignment/wording';
import { FeedItemSchema, type FeedItem } from '#domain/feed-item';
import type { ItemBatch, SourceWarning } from '#domain/ports';
import { readFeedDate } from './dates';
import { FeedError } from './errors';
import { whyFeedIsUnreadable } from './feed-parse-problems';
import { flattenedText, ITEM_OUTCOME, TolerantRssParser, type BuiltItem, type Raw } from './tolerant-rss-parser';

// Rating elements seen in review feeds; the first one present wins.
const RATING_FIELDS = ['review:rating', 'rating', 'im:rating', 'g:rating', 'stars'] as const;

// rss-parser turns an Atom <published> or <updated> into an ISO string without a guard, so one
// unreadable date would lose the whole feed: blank it, and the entry is dated at fetch time instead.
const ATOM_DATE_ELEMENTS = new Set(['published', 'updated']);
function blankUnreadableAtomDate(value: string, name: string): string {
  return ATOM_DATE_ELEMENTS.has(name) && Number.isNaN(Date.parse(value)) ? '' : value;
}

const parser = new TolerantRssParser({
  defaultRSS: 2.0,
  xml2js: { valueProcessors: [blankUnreadableAtomDate] },
  customFields: {
    feed: ['language', 'dc:language'],
    item: [
      ...RATING_FIELDS.map(
        (field) => [field, `rating:${field}`, { keepArray: true }] as [string, string, { keepArray: boolean }],
      ),
      'dc:language',
      'updated',
      // rss-parser turns <published> into an ISO string read in the machine's time zone; the raw
      // text is kept so a zone-less date is read in the source's zone instead (dates.ts).
      'published',
    ],
  },
});

/**
 * A feed's items. Items that could not be read are counted in `invalidItems` and named in an
 * `unreadable-items` warning; items kept without a broken part in a `partly-read-items` one.
 */
export type ParsedFeed = ItemBatch;

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
  let feed: Raw & { items?: BuiltItem[] };
  try {
    feed = (await parser.parseString(xhtmlAsEscapedHtml(xml))) as Raw & { items?: BuiltItem[] };
  } catch (error) {
    throw new FeedError(
      sourceId,
      'not-a-feed',
      `not a readable RSS or Atom feed: ${whyFeedIsUnreadable(error, trimmed)}`,
      false,
      undefined,
      {
        cause: error,
      },
    );
  }
  return { language: text(feed.language) ?? text(feed['dc:language']), ...readItems(sourceId, feed.items ?? []) };
}

/** The items that could be read, the others counted, and a warning naming what was lost and why. */
function readItems(sourceId: string, built: BuiltItem[]): Omit<ItemBatch, 'language'> {
  const items: FeedItem[] = [];
  const skipped: string[] = [];
  const partlyRead: string[] = [];
  built.forEach((raw, index) => {
    const outcome = raw[ITEM_OUTCOME];
    const which = `${outcome?.noun ?? 'item'} ${index + 1}`;
    const parsed = outcome?.skipped === undefined ? FeedItemSchema.safeParse(toFeedItem(raw)) : undefined;
    if (!parsed?.success) {
      skipped.push(`${which} ${outcome?.skipped ?? 'has fields that could not be read'}`);
      return;
    }
    items.push(parsed.data);
    if (outcome && outcome.repairs.length > 0) partlyRead.push(`${which} ${outcome.repairs.join(', and ')}`);
  });
  const warnings = [
    ...itemWarning(sourceId, 'unreadable-items', 'skipped, the rest of the feed kept', skipped),
    ...itemWarning(sourceId, 'partly-read-items', 'kept without a broken part', partlyRead),
  ];
  return { items, invalidItems: skipped.length, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Items a warning names; the others are counted, so a feed of broken items gives a short warning. */
const ITEMS_NAMED = 5;

/** One warning for the items that met the same fate, naming the first few and what was wrong with each. */
function itemWarning(sourceId: string, code: SourceWarning['code'], fate: string, items: string[]): SourceWarning[] {
  if (items.length === 0) return [];
  const named = items.slice(0, ITEMS_NAMED).join('; ');
  const more = items.length > ITEMS_NAMED ? `; and ${items.length - ITEMS_NAMED} more` : '';
  const message =
    `source \`${sourceId}\`: ${plural(items.length, 'item')} ${fate}: ${named}${more}; ` +
    "tell the feed's publisher (https://validator.w3.org/feed/ shows what is wrong)";
  return [{ code, message }];
}

// An HTML page, after an optional XML declaration, comments and a doctype.
const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>])/i;

// Atom text constructs of type="xhtml" hold markup; xml2js would split it into element objects and
// lose the word order. Escaped, they reach us as HTML strings, which plainText reads in order.
const XHTML_TEXT_OPENING =
  /<(title|subtitle|summary|content|rights)(\s[^>]{0,2000}?\btype\s*=\s*["']xhtml["'][^>]{0,2000})>/g;

/**
 * The feed with the markup inside each type="xhtml" text construct escaped. One pass: each opening
 * tag looks for its closing tag once, and a name found unclosed is not looked for again, so a feed
 * of thousands of unclosed openings costs its length, not its length squared.
 */
export function xhtmlAsEscapedHtml(xml: string): string {
  const opening = new RegExp(XHTML_TEXT_OPENING.source, 'g');
  const unclosed = new Set<string>();
  let escaped = '';
  let copiedUpTo = 0;
  for (let match = opening.exec(xml); match !== null; match = opening.exec(xml)) {
    const [tag, name = '', attributes = ''] = match;
    if (unclosed.has(name)) continue;
    const closing = `</${name}>`;
    const innerStart = match.index + tag.length;
    const innerEnd = xml.indexOf(closing, innerStart);
    if (innerEnd < 0) {
      unclosed.add(name);
      continue;
    }
    const inner = xml.slice(innerStart, innerEnd).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    escaped += `${xml.slice(copiedUpTo, match.index)}<${name}${attributes.replace(/\btype\s*=\s*["']xhtml["']/, 'type="html"')}>${inner}${closing}`;
    copiedUpTo = innerEnd + closing.length;
    opening.lastIndex = copiedUpTo;
  }
  return escaped + xml.slice(copiedUpTo);
}

function toFeedItem(raw: Raw): FeedItem {
  return {
    guid: text(raw.guid) ?? text(raw.id),
    link: text(raw.link),
    title: text(raw.title),
    html: text(raw['content:encoded']) ?? text(raw.content) ?? text(raw.summary) ?? text(raw.description),
    author: text(raw.creator) ?? text(raw.author),
    date: dateText(raw),
    rating: ratingOf(raw),
    language: text(raw['dc:language']),
  };
}

/**
 * The item's date as the feed wrote it, so that the connector reads a zone-less date in the source's
 * zone: rss-parser's isoDate and an Atom entry's pubDate come from `new Date(text)`, which reads one
 * in the machine's zone. isoDate is kept only for a text no date reader here understands
 * ("February 24, 2015"), where it is better than no date.
 */
function dateText(raw: Raw): string | undefined {
  const written = text(raw.published) ?? text(raw.pubDate) ?? text(raw.date) ?? text(raw.updated);
  if (written !== undefined && readFeedDate(written, 'UTC') !== undefined) return written;
  return text(raw.isoDate) ?? written;
}

/** Text of an rss-parser value: a string, or xml2js's { _: text } / nested element objects. */
function text(value: unknown): string | undefined {
  // Atom type="xhtml" titles and literal markup come back as element objects: keep their text.
  const flat = typeof value === 'string' ? value : flattenedText(value);
  return flat.trim() === '' ? undefined : flat;
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
