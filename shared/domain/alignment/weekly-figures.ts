// Mentions grouped once: per declared value, per ISO week of the history and per channel, as
// tallies of positive, negative and other mentions. Everything downstream works on these tallies
// (or on the short per-value lists), so the cost is one pass over the mentions.
import type { SentimentLabel } from '../analyzer';
import type { BrandValue, Channel, Profile } from '../profile';
import type { ValueMention } from '../value-mention';
import type { WeekCalendar } from './calendar';
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

export interface ValueEvidence {
  value: BrandValue;
  /** Customer channels that count for the value: its declared channels without stance, or all. */
  channels: Channel[];
  /** Customer mentions in those channels, oldest first. */
  counted: PlacedMention[];
  /** Social mentions of the value, whatever its channels, oldest first (stance backlash reads them). */
  social: PlacedMention[];
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

/** One pass over the mentions: every declared value's evidence. Mentions of undeclared values or outside the history are ignored. */
export function groupMentions(
  profile: Profile,
  mentions: readonly ValueMention[],
  calendar: WeekCalendar,
): Map<string, ValueEvidence> {
  const grouped = new Map<string, ValueEvidence>();
  for (const value of profile.values) {
    const channels = countedChannels(value);
    grouped.set(value.id, {
      value,
      channels,
      counted: [],
      social: [],
      stance: [],
      weekly: calendar.weeks.map(() => new Map(channels.map((channel) => [channel, emptyTally()]))),
    });
  }
  for (const mention of mentions) {
    const evidence = grouped.get(mention.valueId);
    if (evidence === undefined) continue;
    const time = Date.parse(mention.publishedAt);
    const week = calendar.weekIndexOf(time);
    if (week < 0) continue;
    const placed = { mention, time, week };
    if (mention.channel === 'stance') {
      evidence.stance.push(placed);
      continue;
    }
    if (mention.channel === 'social') evidence.social.push(placed);
    const tally = evidence.weekly[week]?.get(mention.channel);
    if (tally === undefined) continue; // a channel the value does not count
    countLabel(tally, mention.sentiment.label);
    evidence.counted.push(placed);
  }
  for (const evidence of grouped.values()) {
    evidence.counted.sort(byTime);
    evidence.social.sort(byTime);
    evidence.stance.sort(byTime);
  }
  return grouped;
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

/** Ids of the brand's stance statements per week: the stance signals given, and any statement a stance mention points to. */
export function stanceStatementsByWeek(
  calendar: WeekCalendar,
  signals: ReadonlyMap<string, AlignmentSignal>,
  mentions: readonly ValueMention[],
): Array<Set<string>> {
  const byWeek = calendar.weeks.map(() => new Set<string>());
  const place = (id: string, publishedAt: string) => byWeek[calendar.weekIndexOf(Date.parse(publishedAt))]?.add(id);
  for (const signal of signals.values()) if (signal.channel === 'stance') place(signal.id, signal.publishedAt);
  for (const mention of mentions) if (mention.channel === 'stance') place(mention.signalId, mention.publishedAt);
  return byWeek;
}
