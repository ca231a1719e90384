// Which items to keep: the source's own filters, and whether a news or social item is about the
// brand at all (items that never mention it are not evidence of anything).
import type { Profile, Source } from './profile';
import type { Signal } from './signal';

const DAY_MS = 24 * 60 * 60 * 1000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for whole words or phrases, case-insensitive, Unicode-aware ("ride" does not match "rider"). */
export function termMatcher(terms: readonly string[]): (text: string) => boolean {
  const cleaned = terms.map((term) => term.trim()).filter((term) => term.length > 0);
  if (cleaned.length === 0) return () => false;
  const alternatives = cleaned
    .sort((a, b) => b.length - a.length)
    .map((term) => escapeRegExp(term).replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => pattern.test(text);
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

/** A predicate telling whether a signal mentions the brand by name, alias, handle or domain. */
export function brandMentionMatcher(brand: Profile['brand']): (signal: Signal) => boolean {
  const handles = brand.handles.flatMap((handle) => {
    const bare = handle.replace(/^@/, '').replace(/@.*$/, '');
    return [bare, `@${bare}`];
  });
  const inText = termMatcher([brand.name, ...brand.aliases, ...handles, ...brand.domains]);
  const domains = brand.domains.map((domain) => domain.toLowerCase());
  return (signal) => {
    if (inText(`${signal.title}\n${signal.text}`)) return true;
    if (!signal.url) return false;
    const host = new URL(signal.url).hostname.toLowerCase();
    return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  };
}
