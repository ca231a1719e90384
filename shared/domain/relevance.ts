// Which items to keep: the source's own filters, and whom a news or social item names: the brand,
// its competitors (entities.ts), or nobody (such items are not evidence of anything).
//
// "About the brand" is read once, the same way at ingestion (text as written) and at scoring (text
// as stored, perhaps redacted): on the text without personal data, as the pattern redactor leaves
// it. Redacting twice changes nothing, so both readings agree, and a signal ingestion kept is never
// found off-brand by scoring for a handle or an address redaction removed. It also means the
// brand's name inside someone else's handle or e-mail address ("@fernhill", "fernhill.fan@…") is
// not a mention: that is a person, not the brand.
import type { Profile, Source } from './profile';
import { accountName, ownDataOf, redactText } from './redaction';
import type { Signal } from './signal';

const DAY_MS = 24 * 60 * 60 * 1000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole words or phrases, case-insensitive, Unicode-aware; undefined when there is no term. */
function termPattern(terms: readonly string[], flags: 'iu' | 'giu'): RegExp | undefined {
  const cleaned = terms.map((term) => term.trim()).filter((term) => term.length > 0);
  if (cleaned.length === 0) return undefined;
  const alternatives = cleaned
    .sort((a, b) => b.length - a.length)
    .map((term) => escapeRegExp(term).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, flags);
}

/** A matcher for whole words or phrases, case-insensitive, Unicode-aware ("ride" does not match "rider"). */
export function termMatcher(terms: readonly string[]): (text: string) => boolean {
  const pattern = termPattern(terms, 'iu');
  return pattern ? (text) => pattern.test(text) : () => false;
}

/** Where the terms occur in a text as whole words, as UTF-16 ranges (end exclusive). */
export function termSpans(terms: readonly string[]): (text: string) => Array<{ start: number; end: number }> {
  const pattern = termPattern(terms, 'giu');
  if (!pattern) return () => [];
  return (text) =>
    [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

export type FilterVerdict = 'keep' | 'excluded' | 'not-included' | 'too-old';

export function applySourceFilters(signal: Signal, filters: Source['filters']): FilterVerdict {
  if (!filters) return 'keep';
  const haystack = `${signal.title}\n${signal.text}`;
  if (filters.include && !termMatcher(filters.include)(haystack)) return 'not-included';
  if (filters.exclude && termMatcher(filters.exclude)(haystack)) return 'excluded';
  if (filters.maxAgeDays !== undefined && signal.publishedAtSource === 'feed') {
    const age = Date.parse(signal.fetchedAt) - Date.parse(signal.publishedAt);
    if (age > filters.maxAgeDays * DAY_MS) return 'too-old';
  }
  return 'keep';
}

/** Channels where an item must mention the brand to count; reviews and stance statements are about it by nature. */
export function needsBrandMention(channel: Signal['channel']): boolean {
  return channel === 'news' || channel === 'social';
}

/** What names the brand or a competitor: its name, aliases, handles and web domains. */
export type NamedBy = Pick<Profile['brand'], 'name' | 'aliases' | 'handles' | 'domains'>;

/** The words that name an entity in running text: name, aliases, handles' account names, domains. */
export function namingTerms(named: NamedBy): string[] {
  return [named.name, ...named.aliases, ...named.handles.map(accountName), ...named.domains];
}

/**
 * Which of some entities (the brand, its competitors) a signal mentions by name, alias, handle or
 * domain, outside any personal data (see the header): their ids, in the order given. `keep` is what
 * redaction leaves alone, the profile's handles and domains (ownDataOf), so that every entity is
 * read on the same text, redacted once.
 */
export function mentionFinder(
  entities: ReadonlyArray<{ id: string; named: NamedBy }>,
  keep: { brandHandles: readonly string[]; brandDomains: readonly string[] },
): (signal: Pick<Signal, 'title' | 'text' | 'url'>) => string[] {
  // A handle's name is a whole word after its "@" as well as alone ("thanks fernhillbikes").
  const finders = entities.map(({ id, named }) => ({
    id,
    inText: termMatcher(namingTerms(named)),
    domains: named.domains.map((domain) => domain.toLowerCase()),
  }));
  const withoutPersonalData = (text: string) => redactText(text, keep).text;
  return (signal) => {
    const text = `${withoutPersonalData(signal.title)}\n${withoutPersonalData(signal.text)}`;
    const host = signal.url ? new URL(signal.url).hostname.toLowerCase() : undefined;
    return finders
      .filter(
        (finder) =>
          finder.inText(text) ||
          (host !== undefined && finder.domains.some((domain) => host === domain || host.endsWith(`.${domain}`))),
      )
      .map((finder) => finder.id);
  };
}

/** A predicate telling whether a signal mentions the brand (see mentionFinder). */
export function brandMentionMatcher(
  brand: Profile['brand'],
): (signal: Pick<Signal, 'title' | 'text' | 'url'>) => boolean {
  const find = mentionFinder([{ id: 'brand', named: brand }], ownDataOf(brand));
  return (signal) => find(signal).length > 0;
}
