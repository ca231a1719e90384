// Weekly rollups: what the digest (and alerts) read of past weeks instead of every mention. One
// rollup per ISO week (in the digest's time zone) and declared value holds, per channel and day of
// the week, the mentions counted by sentiment label; the few quotes the digest's flags could choose
// from (the best three distinct quotes per channel, label and source: pickEvidence never looks
// further, see docs/table-design.md); and the brand's own statements that mention the value, all
// of them. One more rollup per week, of subject WEEK_TOTALS, counts the scored signals about the
// brand per channel and day and what Comprehend bills for them. Each competitor has the same under
// its own subjects (entities.ts): its mentions of a value under `<value>@<competitor>`, its signals
// (its voice) under `*@<competitor>`, with the units of the signals about competitors only.
//
// Rollups are built from scored signals (rollupsOf) and merged (mergeRollups); merging is
// associative and commutative, so the store can fold batches in any order and a rebuild from the
// stored mentions gives the same rollup as the batches did.
import { z } from 'zod';
import { dayOfWeek, slotOfWeek } from './alignment/calendar';
import { keepTelling, quoteOf, ratingText } from './alignment/evidence';
import {
  mergeRatingMismatches,
  RatingMismatchSchema,
  type RatedReview,
  ratingMismatchOf,
} from './alignment/rating-tallies';
import { mergeTopicTallies, type TopicSource, topicTallies, WeekTopicsSchema } from './alignment/topic-tallies';
import { isTopRatedReview, utcDayOf } from './alignment/review-bursts';
import { isTopicScore, topicSourceOf, valueExcerptsBySignal } from './alignment/topics';
import { comprehendUnitsFor, type SentimentLabel, SentimentLabelSchema } from './analyzer';
import { isoWeekOf, isoWeekRange } from './iso-week';
import { addLabelCounts, countLabelIn, type LabelCounts, LabelCountsSchema } from './label-counts';
import { CHANNELS, type Channel, ChannelSchema } from './profile';
import type { Signal } from './signal';
import type { SignalScore } from './signal-score';
import { isByMeaning, matchedByText } from './value-matching';
import { competitorTotalsSubject, isCompetitorSubject } from './entities';
import { mentionSubject, type ValueMention, ValueMentionSchema } from './value-mention';

/** The subject of the rollup that counts a week's scored signals rather than one value's mentions. */
export const WEEK_TOTALS = '*';

export { dayOfWeek };

/** Distinct quotes kept per week, value, channel, label and source: as many as a flag quotes. */
export const QUOTES_PER_SOURCE = 3;

/** Mentions of a day: how many, how many positive, how many negative (MIXED and NEUTRAL count in n only). */
const DayCountsSchema = LabelCountsSchema;
export type DayCounts = LabelCounts;

export const RollupQuoteSchema = z.object({
  signalId: z.string(),
  sourceId: z.string(),
  channel: ChannelSchema,
  label: SentimentLabelSchema,
  publishedAt: z.iso.datetime(),
  /** The mention's excerpts, clipped (untrusted text). */
  quote: z.string(),
  /** The signal's title and rating, as the evidence shows them. */
  title: z.string(),
  rating: z.string().nullable(),
  matchedByMeaning: z.string().optional(),
  /** The mention's score in the direction of its label: positive for POSITIVE, negative otherwise. */
  strength: z.number(),
  /** When the quote's text expires (epoch seconds), with its signal's. */
  expiresAt: z.number().optional(),
});
export type RollupQuote = z.infer<typeof RollupQuoteSchema>;

export const RollupStatementSchema = ValueMentionSchema.extend({
  title: z.string(),
  expiresAt: z.number().optional(),
});
export type RollupStatement = z.infer<typeof RollupStatementSchema>;

/** An hour of the week (slotOfWeek, 0..167), as a record key. */
const HourSlotSchema = z.string().regex(/^\d{1,3}$/);

/** The channels whose mentions a value's rollup counts per hour in `hours` (social ones in `socialHours`). */
export const HOURLY_CHANNELS = ['review', 'news'] as const;
export type HourlyChannel = (typeof HOURLY_CHANNELS)[number];

export const RollupSchema = z.object({
  week: z.string(),
  /** A declared value's id, or WEEK_TOTALS. */
  subject: z.string(),
  /** The time zone the weeks and days were cut in: the profile's digest.timezone when it was built. */
  zone: z.string(),
  analyzer: z.string(),
  /** Per channel, seven days of counts, Monday first. */
  days: z.record(ChannelSchema, z.array(DayCountsSchema).length(7)),
  /**
   * A value's social mentions per hour of the week (slotOfWeek, 0..167), hours without any left out:
   * where the stance-backlash rule needs instants finer than a day. Absent from rollups written
   * before it was kept (the digest then asks for a rebuild).
   */
  socialHours: z.record(HourSlotSchema, DayCountsSchema).optional(),
  /**
   * A value's review and news mentions per hour of the week, as socialHours counts social ones:
   * what alerts compare the last hours with (docs/alerts.md). Absent from rollups written before it
   * was kept: alerts then have fewer weeks to compare with, and say so.
   */
  hours: z.partialRecord(z.enum(['review', 'news']), z.record(HourSlotSchema, DayCountsSchema)).optional(),
  quotes: z.array(RollupQuoteSchema),
  statements: z.array(RollupStatementSchema),
  /** WEEK_TOTALS only: units Comprehend bills (or would bill) for the week's scored signals. */
  comprehendUnits: z.number().min(0),
  /**
   * WEEK_TOTALS only: the topic tallies of the week's reviews and social posts (topic-tallies.ts).
   * Absent from rollups written before topics were kept: the digest then asks for a rebuild.
   */
  topics: WeekTopicsSchema.optional(),
  /** WEEK_TOTALS only: reviews whose stars contradict their words (rating-tallies.ts); absent as `topics` is. */
  ratings: RatingMismatchSchema.optional(),
  /**
   * WEEK_TOTALS only: the scored top-rated reviews per UTC day (YYYY-MM-DD) they were published on.
   * A day's review bursts are searched again once its count or the next day's has changed
   * (app/review-bursts.ts). Absent from rollups written before it was kept, and then every digest
   * searches its days again.
   */
  topRatedReviews: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.number().int().min(0)).optional(),
});
export type Rollup = z.infer<typeof RollupSchema>;

export function emptyRollup(week: string, subject: string, zone: string, analyzer: string): Rollup {
  return {
    week,
    subject,
    zone,
    analyzer,
    days: Object.fromEntries(
      CHANNELS.map((channel) => [channel, Array.from({ length: 7 }, (): DayCounts => [0, 0, 0])]),
    ) as Rollup['days'],
    quotes: [],
    statements: [],
    comprehendUnits: 0,
  };
}

/** Where an instant falls: its ISO week in a zone, its day of that week (0..6) and its hour (slot 0..167). */
export interface WeekDay {
  week: string;
  day: number;
  slot: number;
}

/** Places instants in weeks of a zone, remembering the weeks seen: one zone lookup per week, not per instant. */
export function weekDayLocator(zone: string): (publishedAt: string) => WeekDay {
  const ranges: Array<{ week: string; from: number; to: number }> = [];
  return (publishedAt) => {
    const instant = Date.parse(publishedAt);
    let range = ranges.find((each) => instant >= each.from && instant < each.to);
    if (range === undefined) {
      const week = isoWeekOf(publishedAt, zone);
      const bounds = isoWeekRange(week, zone);
      range = { week, from: Date.parse(bounds.from), to: Date.parse(bounds.to) };
      ranges.push(range);
    }
    return {
      week: range.week,
      day: dayOfWeek(range.from, range.to, instant),
      slot: slotOfWeek(range.from, range.to, instant),
    };
  };
}

function count(days: DayCounts[], day: number, label: SentimentLabel): void {
  countLabelIn(days[day] as DayCounts, label);
}

function countHour(rollup: Rollup, channel: Channel, slot: number, label: SentimentLabel): void {
  let hours: Record<string, DayCounts>;
  if (channel === 'social') {
    hours = rollup.socialHours ?? {};
    rollup.socialHours = hours;
  } else if (channel === 'review' || channel === 'news') {
    const byChannel = rollup.hours ?? {};
    rollup.hours = byChannel;
    hours = byChannel[channel] ?? {};
    byChannel[channel] = hours;
  } else return;
  const counts = hours[slot] ?? [0, 0, 0];
  hours[slot] = counts;
  countLabelIn(counts, label);
}

/** Hourly counts merged: added slot by slot, slots in order. */
function mergeHours(
  into: Record<string, DayCounts>,
  more: Readonly<Record<string, DayCounts>>,
): Record<string, DayCounts> {
  for (const [slot, counts] of Object.entries(more)) {
    const sum: DayCounts = [...(into[slot] ?? [0, 0, 0])];
    addLabelCounts(sum, counts);
    into[slot] = sum;
  }
  return Object.fromEntries(Object.entries(into).sort((a, b) => Number(a[0]) - Number(b[0])));
}

/** A value's mentions of a channel per hour of the week (slot → counts), as its rollup keeps them. */
export function hourlyCounts(rollup: Rollup, channel: Channel): Readonly<Record<string, DayCounts>> | undefined {
  if (channel === 'social') return rollup.socialHours;
  if (channel === 'review' || channel === 'news')
    return rollup.hours === undefined ? undefined : (rollup.hours[channel] ?? {});
  return undefined;
}

/** The strength of a mention in the direction of its label: what ranks it among the quotes a flag could choose. */
export function strengthOf(mention: Pick<ValueMention, 'sentiment'>): number {
  return mention.sentiment.label === 'POSITIVE' ? mention.sentiment.scores.positive : mention.sentiment.scores.negative;
}

/** A value mention as a quote of the rollup. */
export function quoteOfMention(
  mention: ValueMention,
  signal: Pick<Signal, 'title' | 'rating'> | undefined,
  expiresAt: number | undefined,
): RollupQuote {
  const byMeaning = (mention.matchedBy ?? []).filter(isByMeaning);
  return {
    signalId: mention.signalId,
    sourceId: mention.sourceId,
    channel: mention.channel,
    label: mention.sentiment.label,
    publishedAt: mention.publishedAt,
    quote: quoteOf(mention.excerpts.join(' … ')),
    title: signal?.title ?? '',
    rating: ratingText(signal?.rating),
    ...(byMeaning.length > 0 ? { matchedByMeaning: matchedByText(byMeaning) } : {}),
    strength: strengthOf(mention),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/**
 * The quotes a flag could choose: per channel, label and source, the best QUOTES_PER_SOURCE of
 * distinct text, one per signal (keepTelling).
 */
export function keepTellingQuotes(quotes: readonly RollupQuote[]): RollupQuote[] {
  return keepTelling(
    quotes,
    (quote) => `${quote.channel}\u0000${quote.label}\u0000${quote.sourceId}`,
    (quote) => quote.quote,
    QUOTES_PER_SOURCE,
  );
}

const byStatementTime = (a: RollupStatement, b: RollupStatement) =>
  a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.signalId.localeCompare(b.signalId);

/** Rollups of the same week and subject, merged: counts added, quotes and statements pooled. */
export function mergeRollups(first: Rollup, ...rest: Rollup[]): Rollup {
  const merged = emptyRollup(first.week, first.subject, first.zone, first.analyzer);
  const statements = new Map<string, RollupStatement>();
  const quotes: RollupQuote[] = [];
  for (const rollup of [first, ...rest]) {
    if (rollup.week !== first.week || rollup.subject !== first.subject || rollup.analyzer !== first.analyzer)
      throw new Error(
        `cannot merge the rollup of ${rollup.week}/${rollup.subject} (${rollup.analyzer}) into ${first.week}/${first.subject} (${first.analyzer})`,
      );
    if (rollup.zone !== first.zone)
      throw new Error(`cannot merge rollups cut in two time zones: ${first.zone} and ${rollup.zone}`);
    for (const channel of CHANNELS) {
      const into = merged.days[channel];
      rollup.days[channel].forEach((counts, day) => {
        const target = into[day] as DayCounts;
        addLabelCounts(target, counts);
      });
    }
    quotes.push(...rollup.quotes);
    for (const statement of rollup.statements) statements.set(statement.signalId, statement);
    merged.comprehendUnits += rollup.comprehendUnits;
  }
  merged.quotes = keepTellingQuotes(quotes);
  merged.statements = [...statements.values()].sort(byStatementTime);
  for (const rollup of [first, ...rest]) {
    if (rollup.socialHours !== undefined) merged.socialHours = mergeHours(merged.socialHours ?? {}, rollup.socialHours);
    if (rollup.hours === undefined) continue;
    const byChannel = merged.hours ?? {};
    merged.hours = byChannel;
    for (const channel of HOURLY_CHANNELS) {
      const more = rollup.hours[channel];
      if (more !== undefined) byChannel[channel] = mergeHours(byChannel[channel] ?? {}, more);
    }
  }
  const topics = [first, ...rest].flatMap((rollup) => (rollup.topics === undefined ? [] : [rollup.topics]));
  if (topics.length > 0) merged.topics = mergeTopicTallies(topics);
  const ratings = [first, ...rest].flatMap((rollup) => (rollup.ratings === undefined ? [] : [rollup.ratings]));
  if (ratings.length > 0) merged.ratings = mergeRatingMismatches(ratings);
  const topRated = mergeDayCounts([first, ...rest].map((rollup) => rollup.topRatedReviews));
  if (topRated !== undefined) merged.topRatedReviews = topRated;
  return merged;
}

/** Counts per day added up; unknown (undefined) when any of them is, or when none is given. */
function mergeDayCounts(counts: ReadonlyArray<Record<string, number> | undefined>): Record<string, number> | undefined {
  if (counts.length === 0 || counts.some((each) => each === undefined)) return undefined;
  const merged: Record<string, number> = {};
  for (const each of counts as Array<Record<string, number>>)
    for (const [day, count] of Object.entries(each)) merged[day] = (merged[day] ?? 0) + count;
  return Object.fromEntries(Object.entries(merged).sort((a, b) => a[0].localeCompare(b[0])));
}

export interface RollupSource {
  zone: string;
  analyzer: string;
  /** Scores of the signals counted: every one, scored or skipped (only scored ones count). */
  scores: readonly SignalScore[];
  /** Their value mentions. */
  mentions: readonly ValueMention[];
  /**
   * Their signals' titles and ratings, for the quotes; authors and text, for the topics. A signal
   * left out is quoted without, and counts as its own author.
   */
  signals: ReadonlyMap<string, Pick<Signal, 'title' | 'rating'> & Partial<Pick<Signal, 'author' | 'text'>>>;
  /** When each signal's text expires (epoch seconds), for the quotes. */
  textExpiresAt?: (signalId: string) => number | undefined;
}

/** Rollups of scored signals: one per week and value they mention, and one per week of totals. */
export function rollupsOf(source: RollupSource): Rollup[] {
  const locate = weekDayLocator(source.zone);
  const rollups = new Map<string, Rollup>();
  const rollupOf = (week: string, subject: string) => {
    const key = `${week}\u0000${subject}`;
    let rollup = rollups.get(key);
    if (rollup === undefined) {
      rollup = emptyRollup(week, subject, source.zone, source.analyzer);
      // hours are the brand's values' (alerts), top-rated reviews the brand's totals' (review bursts)
      if (subject === WEEK_TOTALS) rollup.topRatedReviews = {};
      else if (!isCompetitorSubject(subject)) {
        rollup.socialHours = {};
        rollup.hours = {};
      }
      rollups.set(key, rollup);
    }
    return rollup;
  };
  const quotes = new Map<Rollup, RollupQuote[]>();
  const excerpts = new Map<string, Set<string>>();
  for (const mention of source.mentions) {
    const { week, day, slot } = locate(mention.publishedAt);
    const rollup = rollupOf(week, mentionSubject(mention));
    count(rollup.days[mention.channel], day, mention.sentiment.label);
    if (mention.competitorId === undefined) countHour(rollup, mention.channel, slot, mention.sentiment.label);
    const signal = source.signals.get(mention.signalId);
    const expiresAt = source.textExpiresAt?.(mention.signalId);
    if (mention.channel === 'stance') {
      rollup.statements.push({
        ...mention,
        title: signal?.title ?? '',
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      });
    } else {
      const list = quotes.get(rollup) ?? [];
      list.push(quoteOfMention(mention, signal, expiresAt));
      quotes.set(rollup, list);
    }
    const ofSignal = excerpts.get(mention.signalId) ?? new Set<string>();
    for (const excerpt of mention.excerpts) ofSignal.add(excerpt);
    excerpts.set(mention.signalId, ofSignal);
  }
  const valueExcerpts = valueExcerptsBySignal(source.mentions.filter((mention) => mention.competitorId === undefined));
  const topicSources = new Map<Rollup, TopicSource[]>();
  const reviews = new Map<Rollup, RatedReview[]>();
  for (const score of source.scores) {
    if (score.status !== 'scored') continue;
    const { week, day } = locate(score.publishedAt);
    const units =
      score.sentenceUnits === undefined
        ? comprehendUnitsFor(score.analyzedChars, [...(excerpts.get(score.signalId) ?? [])])
        : comprehendUnitsFor(score.analyzedChars, []) + score.sentenceUnits;
    // a competitor's voice: its signals per channel and day, labelled by what they say of it; it
    // pays for the signals about competitors only, in equal parts
    const competitors = Object.entries(score.about?.competitors ?? {});
    const brandLabel = score.about === undefined ? score.sentiment.label : score.about.brand;
    for (const [competitorId, label] of competitors) {
      const voice = rollupOf(week, competitorTotalsSubject(competitorId));
      count(voice.days[score.channel as Channel], day, label);
      if (brandLabel === null) voice.comprehendUnits += units / competitors.length;
    }
    if (brandLabel === null) continue;
    const totals = rollupOf(week, WEEK_TOTALS);
    count(totals.days[score.channel as Channel], day, brandLabel);
    if (isTopRatedReview({ channel: score.channel, rating: score.rating ?? null })) {
      const topRated = totals.topRatedReviews ?? {};
      totals.topRatedReviews = topRated;
      const utcDay = utcDayOf(score.publishedAt);
      topRated[utcDay] = (topRated[utcDay] ?? 0) + 1;
    }
    totals.comprehendUnits += units;
    const topics = topicSources.get(totals) ?? [];
    topicSources.set(totals, topics);
    const rated = reviews.get(totals) ?? [];
    reviews.set(totals, rated);
    const signal = source.signals.get(score.signalId);
    if (score.channel === 'review')
      rated.push({
        signalId: score.signalId,
        sourceId: score.sourceId,
        publishedAt: score.publishedAt,
        label: score.sentiment.label,
        scores: score.sentiment.scores,
        rating: score.rating ?? signal?.rating ?? null,
        text: signal?.text,
      });
    if (!isTopicScore(score)) continue;
    topics.push(
      topicSourceOf(
        score,
        signal,
        valueExcerpts.get(score.signalId) ?? [],
        day,
        source.textExpiresAt?.(score.signalId),
      ),
    );
  }
  for (const [totals, topics] of topicSources) totals.topics = topicTallies(topics);
  for (const [totals, rated] of reviews) totals.ratings = ratingMismatchOf(rated);
  for (const [rollup, list] of quotes) rollup.quotes = keepTellingQuotes(list);
  for (const rollup of rollups.values()) rollup.statements.sort(byStatementTime);
  return [...rollups.values()].sort((a, b) => a.week.localeCompare(b.week) || a.subject.localeCompare(b.subject));
}

/** A rollup without the quotes and statements whose text has expired by `nowSeconds`. */
export function withLiveText(rollup: Rollup, nowSeconds: number): Rollup {
  const live = (item: { expiresAt?: number }) => item.expiresAt === undefined || item.expiresAt > nowSeconds;
  return {
    ...rollup,
    quotes: rollup.quotes.filter(live),
    statements: rollup.statements.filter(live),
    // topic tallies are kept, as counts, until the last text they counted expires
    ...(rollup.topics !== undefined && !live(rollup.topics)
      ? { topics: { tallies: [], capped: rollup.topics.capped } }
      : {}),
  };
}
