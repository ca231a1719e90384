// Which quotes back a flag: the most telling ones, meaning the strongest sentiment in the flag's
// direction first, then the most recent, and from different sources where there is a choice.
import type { Signal } from '../signal';
import { isByMeaning, matchedByText } from '../value-matching';
import type { ValueMention } from '../value-mention';
import { ALIGNMENT_RULES } from './rules';
import type { AlignmentSignal, FlagEvidence } from './types';
import { clip } from './wording';

export type Direction = 'positive' | 'negative';

export interface EvidenceCandidate extends FlagEvidence {
  time: number;
  /** How strongly it speaks in the flag's direction, 0..1. */
  strength: number;
}

export function ratingText(rating: Signal['rating'] | undefined): string | null {
  return rating ? `${rating.value}/${rating.best}` : null;
}

export function quoteOf(text: string): string {
  return clip(text, ALIGNMENT_RULES.quoteMaxChars);
}

/** A value mention as a quote: its excerpts, scored by its sentiment in the given direction. */
export function mentionCandidate(
  mention: ValueMention,
  direction: Direction,
  signals: ReadonlyMap<string, AlignmentSignal>,
): EvidenceCandidate {
  const signal = signals.get(mention.signalId);
  // a quote that names an aspect explains itself; one matched by meaning says which words made it
  const byMeaning = (mention.matchedBy ?? []).filter(isByMeaning);
  return {
    ...(byMeaning.length > 0 ? { matchedByMeaning: matchedByText(byMeaning) } : {}),
    signalId: mention.signalId,
    quote: quoteOf(mention.excerpts.join(' … ')),
    title: signal?.title ?? '',
    sourceId: mention.sourceId,
    channel: mention.channel,
    publishedAt: mention.publishedAt,
    rating: ratingText(signal?.rating),
    time: Date.parse(mention.publishedAt),
    strength: direction === 'negative' ? mention.sentiment.scores.negative : mention.sentiment.scores.positive,
  };
}

const mostTelling = (a: EvidenceCandidate, b: EvidenceCandidate) =>
  b.strength - a.strength || b.time - a.time || a.signalId.localeCompare(b.signalId);

/**
 * Up to `count` quotes: candidates ranked by strength then recency; the first pass takes the best of
 * each source not yet quoted, the second fills up from the rest. One quote per signal, no repeats.
 */
export function pickEvidence(
  candidates: readonly EvidenceCandidate[],
  count: number = ALIGNMENT_RULES.evidencePerFlag,
): FlagEvidence[] {
  const ranked = [...candidates].sort(mostTelling);
  const chosen: EvidenceCandidate[] = [];
  const taken = (candidate: EvidenceCandidate) =>
    chosen.some((each) => each.signalId === candidate.signalId || each.quote === candidate.quote);
  for (const candidate of ranked) {
    if (chosen.length >= count) break;
    if (!taken(candidate) && !chosen.some((each) => each.sourceId === candidate.sourceId)) chosen.push(candidate);
  }
  for (const candidate of ranked) {
    if (chosen.length >= count) break;
    if (!taken(candidate)) chosen.push(candidate);
  }
  return chosen.map(({ time: _time, strength: _strength, ...evidence }) => evidence);
}

/** What ranks a quotable item: its strength in the flag's direction, when it was published, its signal. */
export interface TellingItem {
  signalId: string;
  strength: number;
  publishedAt: string;
}

/** The order pickEvidence ranks quotes in: strongest first, then the most recent, then by signal id. */
export function byTelling(a: TellingItem, b: TellingItem): number {
  return (
    b.strength - a.strength ||
    Date.parse(b.publishedAt) - Date.parse(a.publishedAt) ||
    a.signalId.localeCompare(b.signalId)
  );
}

/**
 * What a flag could quote of many items, kept small: per group (of source, label...), the best
 * `perGroup` of distinct text, one per signal. pickEvidence takes at most three quotes, at most one per
 * signal and text, preferring new sources; whatever it picks from all the items is among these.
 */
export function keepTelling<T extends TellingItem>(
  items: readonly T[],
  groupOf: (item: T) => string,
  textOf: (item: T) => string,
  perGroup: number,
): T[] {
  const kept: T[] = [];
  const groups = new Map<string, { texts: Set<string>; count: number }>();
  const signals = new Set<string>();
  for (const item of [...items].sort(byTelling)) {
    if (signals.has(item.signalId)) continue;
    const group = groupOf(item);
    const seen = groups.get(group) ?? { texts: new Set<string>(), count: 0 };
    groups.set(group, seen);
    const text = textOf(item);
    if (seen.count >= perGroup || seen.texts.has(text)) continue;
    seen.texts.add(text);
    seen.count += 1;
    signals.add(item.signalId);
    kept.push(item);
  }
  return kept;
}
