// Each declared value's evidence, grouped once: per ISO week of the history and per channel, the
// mentions as tallies of positive, negative and other, read from the weekly rollups (rollup.ts); the
// quotes the flags may choose from; the brand's statements that mention it; its social mentions per
// hour; and those of them the caller passed one by one, where a rule needs exact instants (stance
// backlash: the hours holding a statement or a window's end, and the window it quotes from).
// Everything downstream works on these, so the cost grows with values x weeks, not with mentions.
import type { SentimentLabel } from '../analyzer';
import type { BrandValue, Channel, Profile } from '../profile';
import type { DayCounts, Rollup, RollupQuote } from '../rollup';
import type { ValueMention } from '../value-mention';
import { SLOTS_PER_WEEK, type WeekCalendar } from './calendar';
import type { EvidenceCandidate } from './evidence';
import { emptyTally, sumTallies } from './statistics';
import type { AlignmentSignal, Tally } from './types';

export const CUSTOMER_CHANNELS: readonly Channel[] = ['news', 'review', 'social'];

export interface PlacedMention {
  mention: ValueMention;
  /** publishedAt as epoch ms. */
  time: number;
  /** Index of its week in the calendar. */
  week: number;
}

/** A quote of a rollup, in its week of the calendar. */
export interface PlacedQuote {
  quote: RollupQuote;
  week: number;
}

export interface ValueEvidence {
  value: BrandValue;
  /** Customer channels that count for the value: its declared channels without stance, or all. */
  channels: Channel[];
  /** Quotes of customer mentions in those channels: the best of each source, channel, label and week. */
  quotes: PlacedQuote[];
  /** Social mentions of the value, whatever its channels, one by one: those the caller passed, oldest first. */
  social: PlacedMention[];
  /** Social mentions of the value per week of the calendar and hour of the week (slotOfWeek), from the rollups. */
  socialHours: Tally[][];
  /** The brand's own statements that mention the value, oldest first. */
  stance: PlacedMention[];
  /** Per week of the calendar, per counted channel. */
  weekly: Array<Map<Channel, Tally>>;
}

export function countLabel(tally: Tally, label: SentimentLabel): void {
  tally.n += 1;
  if (label === 'POSITIVE') tally.positive += 1;
  else if (label === 'NEGATIVE') tally.negative += 1;
}

export function tallyOf(mentions: Iterable<PlacedMention>): Tally {
  const tally = emptyTally();
  for (const placed of mentions) countLabel(tally, placed.mention.sentiment.label);
  return tally;
}

/** The customer channels that count for a value. */
export function countedChannels(value: BrandValue): Channel[] {
  if (value.channels === undefined) return [...CUSTOMER_CHANNELS];
  return CUSTOMER_CHANNELS.filter((channel) => value.channels?.includes(channel));
}

const byTime = (a: PlacedMention, b: PlacedMention) =>
  a.time - b.time || a.mention.signalId.localeCompare(b.mention.signalId);

function addCounts(tally: Tally, [n, positive, negative]: DayCounts): void {
  tally.n += n;
  tally.positive += positive;
  tally.negative += negative;
}

/**
 * Every declared value's evidence: the tallies, quotes and statements of the rollups of the
 * calendar's weeks, and the social mentions given one by one. Rollups of undeclared values or of
 * weeks outside the history are ignored, as are mentions outside the history.
 */
export function groupEvidence(
  profile: Profile,
  rollups: readonly Rollup[],
  mentions: readonly ValueMention[],
  calendar: WeekCalendar,
): Map<string, ValueEvidence> {
  const grouped = new Map<string, ValueEvidence>();
  for (const value of profile.values) {
    const channels = countedChannels(value);
    grouped.set(value.id, {
      value,
      channels,
      quotes: [],
      social: [],
      socialHours: calendar.weeks.map(() => Array.from({ length: SLOTS_PER_WEEK }, emptyTally)),
      stance: [],
      weekly: calendar.weeks.map(() => new Map(channels.map((channel) => [channel, emptyTally()]))),
    });
  }
  const weekIndex = new Map(calendar.weeks.map((week, index) => [week, index]));
  for (const rollup of rollups) {
    const evidence = grouped.get(rollup.subject);
    const week = weekIndex.get(rollup.week);
    if (evidence === undefined || week === undefined) continue;
    for (const [channel, tally] of evidence.weekly[week] ?? [])
      for (const counts of rollup.days[channel]) addCounts(tally, counts);
    for (const [slot, counts] of Object.entries(rollup.socialHours ?? {}))
      addCounts(evidence.socialHours[week]?.[Number(slot)] as Tally, counts);
    for (const quote of rollup.quotes)
      if (evidence.channels.includes(quote.channel)) evidence.quotes.push({ quote, week });
    for (const statement of rollup.statements)
      evidence.stance.push({ mention: statement, time: Date.parse(statement.publishedAt), week });
  }
  for (const mention of mentions) {
    if (mention.channel !== 'social') continue;
    const evidence = grouped.get(mention.valueId);
    const time = Date.parse(mention.publishedAt);
    const week = calendar.weekIndexOf(time);
    if (evidence === undefined || week < 0) continue;
    evidence.social.push({ mention, time, week });
  }
  for (const evidence of grouped.values()) {
    evidence.social.sort(byTime);
    evidence.stance.sort(byTime);
  }
  return grouped;
}

/** Which quotes of the evidence a flag may choose from: some weeks, a channel or all, the labels it quotes. */
export interface QuoteFilter {
  weeks: ReadonlySet<number>;
  channel?: Channel;
  labels: readonly SentimentLabel[];
}

/** The evidence's quotes that pass the filter, as candidates ranked in their label's direction. */
export function quoteCandidates(evidence: ValueEvidence, filter: QuoteFilter): EvidenceCandidate[] {
  return evidence.quotes.flatMap(({ quote, week }) => {
    if (!filter.weeks.has(week) || !filter.labels.includes(quote.label)) return [];
    if (filter.channel !== undefined && quote.channel !== filter.channel) return [];
    return [
      {
        ...(quote.matchedByMeaning !== undefined ? { matchedByMeaning: quote.matchedByMeaning } : {}),
        signalId: quote.signalId,
        quote: quote.quote,
        title: quote.title,
        sourceId: quote.sourceId,
        channel: quote.channel,
        publishedAt: quote.publishedAt,
        rating: quote.rating,
        time: Date.parse(quote.publishedAt),
        strength: quote.strength,
      },
    ];
  });
}

/** The value's mentions in some weeks, in one channel or all its channels. */
export function periodTally(evidence: ValueEvidence, weeks: readonly number[], channel?: Channel): Tally {
  return sumTallies(
    weeks.flatMap((week) => {
      const byChannel = evidence.weekly[week];
      if (byChannel === undefined) return [];
      if (channel !== undefined) return byChannel.get(channel) ?? [];
      return [...byChannel.values()];
    }),
  );
}

/** Ids of the brand's stance statements per week: the stance signals given, and any statement a value's evidence holds. */
export function stanceStatementsByWeek(
  calendar: WeekCalendar,
  signals: ReadonlyMap<string, AlignmentSignal>,
  evidence: ReadonlyMap<string, ValueEvidence>,
): Array<Set<string>> {
  const byWeek = calendar.weeks.map(() => new Set<string>());
  const place = (id: string, publishedAt: string) => byWeek[calendar.weekIndexOf(Date.parse(publishedAt))]?.add(id);
  for (const signal of signals.values()) if (signal.channel === 'stance') place(signal.id, signal.publishedAt);
  for (const each of evidence.values())
    for (const placed of each.stance) place(placed.mention.signalId, placed.mention.publishedAt);
  return byWeek;
}
