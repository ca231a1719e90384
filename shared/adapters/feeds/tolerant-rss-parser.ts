// rss-parser, made to lose only the broken item or field of a feed instead of the whole feed.
// rss-parser builds its output from xml2js's tree with code that throws on shapes real feeds have:
// an Atom <link> with no href (TypeError), an RSS or RDF feed without <channel> (TypeError), markup
// nested thousands deep inside an item (its XML builder recurses until the stack overflows) and
// markup holding a control character (the same builder refuses it). Its builders are overridden
// here to repair the tree first and to build each item on its own, so that what still fails costs
// one field or one item, with the reason in words.
import Parser from 'rss-parser';
import { httpUrlOrNull } from '#domain/feed-item';
import { FeedStructureError } from './errors';

export type Raw = Record<string, unknown>;

/** What happened to an item while it was built, attached to it for the caller to report. */
export interface ItemOutcome {
  /** What the format calls an item: 'entry' in Atom, 'item' in RSS. */
  noun: 'entry' | 'item';
  /** Why the item could not be built, as words that follow its name ("could not be read"); set only when it could not. */
  skipped?: string;
  /** The parts of a kept item that were left out or read as plain text, as words that follow its name. */
  repairs: string[];
}

export const ITEM_OUTCOME = Symbol('item outcome');
export type BuiltItem = Raw & { [ITEM_OUTCOME]?: ItemOutcome };

/**
 * Markup nested deeper than this inside one element is read as plain text. No real feed comes
 * near it; rss-parser's XML builder overflows the stack at a few thousand levels.
 */
export const MAX_MARKUP_DEPTH = 256;

// rss-parser's builders (lib/parser.js in 3.13), which its type declarations leave out.
interface RssParserBuilders {
  buildAtomFeed(xml: Raw): Raw;
  buildRSS0_9(xml: Raw): Raw;
  buildRSS1(xml: Raw): Raw;
  buildRSS2(xml: Raw): Raw;
  parseItemAtom(entry: unknown): BuiltItem;
  parseItemRss(item: unknown, fields: unknown): BuiltItem;
}
const builders = Parser.prototype as unknown as RssParserBuilders;

export class TolerantRssParser extends Parser<Raw, Raw> {
  buildAtomFeed(xml: Raw): Raw {
    // The feed's own links are not used; one with no href must not lose the entries.
    if (isRaw(xml.feed)) repairAtomLinks(xml.feed);
    return builders.buildAtomFeed.call(this, xml);
  }

  buildRSS2(xml: Raw): Raw {
    return builders.buildRSS2.call(this, withRssChannel(xml));
  }

  buildRSS0_9(xml: Raw): Raw {
    return builders.buildRSS0_9.call(this, withRssChannel(xml));
  }

  buildRSS1(xml: Raw): Raw {
    // RSS 1.0 keeps its items beside <channel>, so a missing channel costs only the feed's title.
    const rdf = isRaw(xml['rdf:RDF']) ? xml['rdf:RDF'] : {};
    if (rdf.channel === undefined) rdf.channel = [{}];
    return builders.buildRSS1.call(this, { ...xml, 'rdf:RDF': rdf });
  }

  parseItemAtom(entry: unknown): BuiltItem {
    return buildItem('entry', entry, (repaired) => builders.parseItemAtom.call(this, repaired));
  }

  parseItemRss(item: unknown, fields: unknown): BuiltItem {
    return buildItem('item', item, (repaired) => builders.parseItemRss.call(this, repaired, fields));
  }
}

/** An RSS 2.0 or 0.9x tree with a <channel>: items written straight under <rss> are read from there. */
function withRssChannel(xml: Raw): Raw {
  const rss = isRaw(xml.rss) ? xml.rss : {};
  if (rss.channel !== undefined) return xml;
  if (rss.item === undefined) throw new FeedStructureError('it has no <channel> element and no items');
  return { ...xml, rss: { ...rss, channel: [{ item: rss.item }] } };
}

/**
 * Builds one item after repairing what would make rss-parser throw. If it throws all the same, it
 * is built again with its markup read as plain text (rss-parser rebuilds markup as XML, which
 * refuses control characters, for one); if that fails too, the item is marked as skipped with the
 * reason, and the rest of the feed is still built.
 */
export function buildItem(noun: ItemOutcome['noun'], raw: unknown, build: (raw: unknown) => BuiltItem): BuiltItem {
  const repairs = isRaw(raw) ? repairItem(noun, raw) : [];
  try {
    return withOutcome(build(raw), { noun, repairs });
  } catch (error) {
    const plain = isRaw(raw) ? markupAsPlainText(raw) : undefined;
    if (plain !== undefined) {
      const readAsText = plain.names.map(
        (name) => `has markup that could not be read in its <${name}>, so that was read as plain text`,
      );
      try {
        return withOutcome(build(plain.raw), { noun, repairs: [...repairs, ...readAsText] });
      } catch {
        // Skipped below, for the first reason.
      }
    }
    return { [ITEM_OUTCOME]: { noun, repairs: [], skipped: whyItemFailed(error) } };
  }
}

function withOutcome(built: BuiltItem, outcome: ItemOutcome): BuiltItem {
  built[ITEM_OUTCOME] = outcome;
  return built;
}

/** The item with each element that holds markup replaced by its text, and those elements' names; undefined when none does. */
function markupAsPlainText(raw: Raw): { raw: Raw; names: string[] } | undefined {
  const plain: Raw = { ...raw };
  const names: string[] = [];
  for (const [name, values] of Object.entries(raw)) {
    if (name === '$' || !Array.isArray(values) || !values.some(holdsMarkup)) continue;
    plain[name] = values.map((value) => (holdsMarkup(value) ? flattenedText(value) : value));
    names.push(name);
  }
  return names.length > 0 ? { raw: plain, names } : undefined;
}

/** Whether an xml2js element has child elements (not only text and attributes). */
function holdsMarkup(element: unknown): boolean {
  return isRaw(element) && Object.keys(element).some((key) => key !== '$' && key !== '_');
}

function repairItem(noun: ItemOutcome['noun'], raw: Raw): string[] {
  const repairs = flattenDeepMarkup(raw);
  const link = noun === 'entry' ? repairAtomLinks(raw) : undefined;
  return link === undefined ? repairs : [link, ...repairs];
}

function whyItemFailed(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (error instanceof RangeError && /call stack/i.test(message)) return 'nests markup too deeply to read';
  if (error instanceof RangeError && /time value/i.test(message)) return 'has a date that cannot be read';
  return 'could not be read';
}

/**
 * Keeps only the Atom links rss-parser can read (with an href), taking the text of one without
 * href as its href when the text is a web address. Says what was lost when no link is left.
 */
function repairAtomLinks(holder: Raw): string | undefined {
  const links = holder.link;
  if (!Array.isArray(links)) return undefined;
  const usable = links.map(linkWithHref).filter((link): link is Raw => link !== undefined);
  if (usable.length > 0) {
    holder.link = usable;
    return undefined;
  }
  delete holder.link;
  return links.some((link) => elementText(link).trim() !== '')
    ? 'has a <link> with no href and no web address as its text, so it has no link'
    : 'has an empty <link>, so it has no link';
}

function linkWithHref(link: unknown): Raw | undefined {
  const attributes = isRaw(link) && isRaw(link.$) ? link.$ : {};
  if (typeof attributes.href === 'string' && attributes.href.trim() !== '') return link as Raw;
  const text = elementText(link).trim();
  return httpUrlOrNull(text) ? { $: { ...attributes, href: text } } : undefined;
}

/** The text directly inside an xml2js element: the string itself, or its `_`. */
function elementText(element: unknown): string {
  if (typeof element === 'string') return element;
  return isRaw(element) && typeof element._ === 'string' ? element._ : '';
}

/** Replaces each element of the item that nests markup too deeply by its text; says which. */
function flattenDeepMarkup(raw: Raw): string[] {
  const repairs: string[] = [];
  for (const [name, values] of Object.entries(raw)) {
    if (name === '$' || !Array.isArray(values)) continue;
    let flattened = false;
    values.forEach((value, index) => {
      if (!nestsDeeperThan(value, MAX_MARKUP_DEPTH)) return;
      values[index] = flattenedText(value);
      flattened = true;
    });
    if (flattened)
      repairs.push(`nests markup more than ${MAX_MARKUP_DEPTH} deep in its <${name}>, so that was read as plain text`);
  }
  return repairs;
}

/** Whether an xml2js element holds elements nested more than `limit` deep; walks without recursion. */
export function nestsDeeperThan(element: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value: element, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (depth > limit) return true;
    if (Array.isArray(value)) {
      for (const child of value) pending.push({ value: child, depth });
    } else if (isRaw(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key !== '$' && key !== '_') pending.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return false;
}

/**
 * The text of an xml2js value, its parts joined by spaces in document order as far as xml2js kept
 * it (an element's own text first, then its children by name); walks without recursion.
 */
export function flattenedText(value: unknown): string {
  const parts: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.trim() !== '') parts.push(next);
    } else if (typeof next === 'number') {
      parts.push(String(next));
    } else if (Array.isArray(next)) {
      for (let index = next.length - 1; index >= 0; index--) pending.push(next[index]);
    } else if (isRaw(next)) {
      const children = Object.entries(next).filter(([key]) => key !== '$');
      for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]?.[1]);
    }
  }
  return parts.join(' ');
}

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
