// How the brand compares with its competitors on its own promises (docs/alignment.md, "How you
// compare"). Pure: from the rollups of the history, the competitors' as well as the brand's.
//
// - Per declared value and week, each entity's delivered net sentiment with its interval, counted on
//   the value's channels as the brand's is.
// - A competitor is ahead on a value when its net beats the brand's this week beyond the margin of
//   error: the interval of the difference (MOVER, statistics.ts) lies above 0, with at least
//   minMentions mentions on each side. The brand leads where the interval lies below 0.
// - Share of voice per customer channel: the brand's signals over all entities' signals, with a
//   Wilson interval, and its share of the negative and of the positive ones. The brand is losing
//   share of voice on a channel when its share over the last weeks (trendRecentWeeks) is below the
//   earlier weeks' beyond the interval of the difference, each period holding at least minMentions.
import type { SentimentLabel } from '../analyzer';
import {
  competitorsOf,
  competitorTotalsSubject,
  competitorValueSubject,
  type MonitoredEntity,
  monitoredEntities,
} from '../entities';
import type { Channel, Profile } from '../profile';
import { type DayCounts, type Rollup, WEEK_TOTALS } from '../rollup';
import { lastWeeks, type WeekCalendar } from './calendar';
import { pickEvidence, quoteOf } from './evidence';
import { ALIGNMENT_RULES } from './rules';
import { differenceInterval, emptyTally, type Estimate, netEstimate, sumTallies, wilsonInterval } from './statistics';
import type { Interval, TrendPoint } from '../digest-model';
import type { FlagEvidence, Tally } from './types';
import { CUSTOMER_CHANNELS, groupEvidence, periodTally, quoteCandidates, type ValueEvidence } from './weekly-figures';
import {
  channelNoun,
  channelPlace,
  dateWording,
  grouped,
  netWithIntervalText,
  percent,
  quoted,
  signed,
} from './wording';

/** One entity's figure on a value in a period: mentions, net and its interval. */
export interface EntityFigure {
  mentions: number;
  positive: number;
  negative: number;
  net: number | null;
  interval: Interval | null;
}

export type Standing = 'ahead' | 'behind' | 'level' | 'not-enough-evidence';

export interface CompetitorOnValue {
  competitorId: string;
  name: string;
  week: EntityFigure;
  /** One point per week of the history, oldest first. */
  trend: TrendPoint[];
  /** The competitor's net minus the brand's this week, and its interval; null without mentions on a side. */
  difference: number | null;
  differenceInterval: Interval | null;
  /** Ahead or behind beyond the margin of error, with minMentions on both sides; else level. */
  standing: Standing;
  /** Weeks in a row, up to this one, in which the competitor's net was above the brand's, both with minMentions. */
  weeksAbove: number;
}

export interface ValueComparison {
  valueId: string;
  label: string;
  channels: Channel[];
  brand: { week: EntityFigure; trend: TrendPoint[] };
  competitors: CompetitorOnValue[];
}

export interface VoiceCounts {
  entityId: string;
  name: string;
  /** Signals this week about the entity on the channel, and how many of them were negative and positive. */
  signals: number;
  negative: number;
  positive: number;
  /** Its share of all entities' signals; null when there were none. */
  share: number | null;
}

export interface ShareOfVoice {
  channel: Channel;
  /** The brand first, then each competitor: this week's counts. */
  entities: VoiceCounts[];
  /** The brand's share this week, with its Wilson interval. */
  brandShare: number | null;
  brandShareInterval: Interval | null;
  /** The brand's share of all entities' negative signals, and of their positive ones. */
  negativeShare: number | null;
  positiveShare: number | null;
  /** The brand's share per week of the history, oldest first, with all entities' signals that week. */
  trend: Array<{ week: string; share: number | null; signals: number }>;
  /** The last weeks against the earlier ones. */
  change: {
    recent: { share: number | null; signals: number };
    earlier: { share: number | null; signals: number };
    difference: number | null;
    interval: Interval | null;
    direction: 'falling' | 'rising' | 'steady' | 'not-enough-evidence';
  };
}

export type ComparisonFindingKind = 'competitor-ahead' | 'losing-share-of-voice' | 'brand-leads';

/** A quote with whom it is about: the brand, or the competitor it speaks of. */
export interface ComparisonEvidence extends FlagEvidence {
  entityId: string;
  entityName: string;
}

export interface ComparisonFinding {
  kind: ComparisonFindingKind;
  valueId: string | null;
  competitorIds: string[];
  channel: Channel | null;
  title: string;
  explanation: string;
  evidence: ComparisonEvidence[];
  /** Higher first: the kind (ahead 3, losing voice 2, leads 1) plus the size of the difference. */
  severity: number;
}

export interface CompetitorComparison {
  /** The brand first, then its competitors in the order declared. */
  entities: MonitoredEntity[];
  values: ValueComparison[];
  shareOfVoice: ShareOfVoice[];
  findings: ComparisonFinding[];
  /** What Comprehend billed (or would bill) this week per entity: the brand's signals, and those about competitors only. */
  comprehendUnits: Record<string, number>;
  /** The rules in words, for the digest's footer. */
  rule: string;
}

export interface ComparisonInput {
  profile: Profile;
  calendar: WeekCalendar;
  rollups: readonly Rollup[];
  /** The brand's evidence per value, as groupEvidence read it. */
  brandEvidence: ReadonlyMap<string, ValueEvidence>;
  z: number;
  confidence: number;
  minMentions: number;
}

const figureOf = (tally: Tally, z: number): EntityFigure => {
  const estimate = netEstimate(tally, z);
  return {
    mentions: tally.n,
    positive: tally.positive,
    negative: tally.negative,
    net: estimate?.value ?? null,
    interval: estimate?.interval ?? null,
  };
};

const trendOf = (evidence: ValueEvidence, calendar: WeekCalendar, z: number): TrendPoint[] =>
  calendar.weeks.map((week, index) => {
    const figure = figureOf(periodTally(evidence, [index]), z);
    return { week, net: figure.net, interval: figure.interval, mentions: figure.mentions };
  });

/** Each competitor's evidence per value: the brand's grouping, read from its subjects. */
function competitorEvidence(input: ComparisonInput, competitorId: string): Map<string, ValueEvidence> {
  const { profile, rollups, calendar } = input;
  const asValues = {
    ...profile,
    values: profile.values.map((value) => ({ ...value, id: competitorValueSubject(value.id, competitorId) })),
  };
  const grouped = groupEvidence(asValues, rollups, [], calendar);
  return new Map(
    profile.values.map((value) => [
      value.id,
      grouped.get(competitorValueSubject(value.id, competitorId)) as ValueEvidence,
    ]),
  );
}

export function compareCompetitors(input: ComparisonInput): CompetitorComparison | null {
  const { profile, calendar, z, minMentions } = input;
  const competitors = competitorsOf(profile);
  if (competitors.length === 0) return null;
  const entities = monitoredEntities(profile);
  const evidenceOf = new Map(competitors.map(({ id }) => [id, competitorEvidence(input, id)]));
  const last = calendar.last;

  const values: ValueComparison[] = profile.values.map((value) => {
    const brandEvidence = input.brandEvidence.get(value.id) as ValueEvidence;
    const brandTrend = trendOf(brandEvidence, calendar, z);
    const brandWeek = figureOf(periodTally(brandEvidence, [last]), z);
    return {
      valueId: value.id,
      label: value.label,
      channels: brandEvidence.channels,
      brand: { week: brandWeek, trend: brandTrend },
      competitors: competitors.map(({ id, name }) => {
        const evidence = evidenceOf.get(id)?.get(value.id) as ValueEvidence;
        const week = figureOf(periodTally(evidence, [last]), z);
        const trend = trendOf(evidence, calendar, z);
        return {
          competitorId: id,
          name,
          week,
          trend,
          ...standingOf(week, brandWeek, minMentions),
          weeksAbove: weeksAbove(trend, brandTrend, minMentions),
        };
      }),
    };
  });

  const shareOfVoice = CUSTOMER_CHANNELS.map((channel) => shareOfVoiceOn(channel, input, entities));
  const comprehendUnits = Object.fromEntries(
    entities.map((entity) => {
      const subject = totalsSubjectOf(entity);
      const rollup = input.rollups.find((each) => each.subject === subject && each.week === calendar.weeks[last]);
      return [entity.id, rollup?.comprehendUnits ?? 0];
    }),
  );
  const findings = [
    ...values.flatMap((each) => valueFindings(each, input, evidenceOf)),
    ...shareOfVoice.flatMap((each) => voiceFindings(each, input, evidenceOf, entities)),
  ].sort((a, b) => b.severity - a.severity || a.title.localeCompare(b.title));
  return { entities, values, shareOfVoice, findings, comprehendUnits, rule: comparisonRule(input) };
}

/** The rollup that counts an entity's signals per channel: the brand's week totals, or the competitor's. */
function totalsSubjectOf(entity: MonitoredEntity): string {
  return entity.kind === 'brand' ? WEEK_TOTALS : competitorTotalsSubject(entity.id);
}

function standingOf(
  competitor: EntityFigure,
  brand: EntityFigure,
  minMentions: number,
): Pick<CompetitorOnValue, 'difference' | 'differenceInterval' | 'standing'> {
  if (competitor.net === null || brand.net === null || competitor.interval === null || brand.interval === null)
    return { difference: null, differenceInterval: null, standing: 'not-enough-evidence' };
  const a: Estimate = { value: competitor.net, interval: competitor.interval };
  const b: Estimate = { value: brand.net, interval: brand.interval };
  const interval = differenceInterval(a, b);
  const difference = competitor.net - brand.net;
  if (competitor.mentions < minMentions || brand.mentions < minMentions)
    return { difference, differenceInterval: interval, standing: 'not-enough-evidence' };
  const standing = interval.low > 0 ? 'ahead' : interval.high < 0 ? 'behind' : 'level';
  return { difference, differenceInterval: interval, standing };
}

/** Trailing weeks in which both sides had minMentions and the competitor's net was above the brand's. */
function weeksAbove(competitor: readonly TrendPoint[], brand: readonly TrendPoint[], minMentions: number): number {
  let count = 0;
  for (let index = competitor.length - 1; index >= 0; index--) {
    const theirs = competitor[index];
    const ours = brand[index];
    if (theirs?.net == null || ours?.net == null) break;
    if (theirs.mentions < minMentions || ours.mentions < minMentions || theirs.net <= ours.net) break;
    count++;
  }
  return count;
}

/** The quotes of one side: its best mentions of the week in a direction, tagged with whom they are about. */
function sideEvidence(
  evidence: ValueEvidence,
  entity: { id: string; name: string },
  labels: SentimentLabel[],
  weeks: ReadonlySet<number>,
  count: number,
): ComparisonEvidence[] {
  return pickEvidence(quoteCandidates(evidence, { weeks, labels }), count).map((quote) => ({
    ...quote,
    entityId: entity.id,
    entityName: entity.name,
  }));
}

/**
 * A competitor's own statements that mention the value (a source about it on the stance channel),
 * published in the last emphasisWeeks weeks: what it promised, beside what its customers say.
 */
function ownStatements(evidence: ValueEvidence, calendar: WeekCalendar): ValueEvidence['stance'] {
  const weeks = new Set(lastWeeks(calendar, ALIGNMENT_RULES.emphasisWeeks));
  return evidence.stance.filter((statement) => weeks.has(statement.week));
}

/** A statement's title: the rollups keep it beside the mention (RollupStatement). */
function statementTitle(mention: ValueEvidence['stance'][number]['mention']): string {
  const { title } = mention as { title?: unknown };
  return typeof title === 'string' ? title : '';
}

function statementEvidence(
  statement: ValueEvidence['stance'][number],
  entity: { id: string; name: string },
): ComparisonEvidence {
  const { mention } = statement;
  return {
    signalId: mention.signalId,
    quote: quoteOf(mention.excerpts.join(' … ')),
    title: statementTitle(mention),
    sourceId: mention.sourceId,
    channel: mention.channel,
    publishedAt: mention.publishedAt,
    rating: null,
    entityId: entity.id,
    entityName: entity.name,
  };
}

function figureText(name: string, figure: EntityFigure, confidence: number): string {
  return `${name} ${netWithIntervalText(figure.net as number, figure.interval as Interval, confidence)} from ${grouped(figure.mentions)} mentions`;
}

function valueFindings(
  comparison: ValueComparison,
  input: ComparisonInput,
  evidenceOf: ReadonlyMap<string, ReadonlyMap<string, ValueEvidence>>,
): ComparisonFinding[] {
  const { profile, calendar, confidence } = input;
  const brandEvidence = input.brandEvidence.get(comparison.valueId) as ValueEvidence;
  const brand = { id: profile.brand.id, name: profile.brand.name };
  const thisWeek = new Set([calendar.last]);
  const dates = dateWording(calendar.zone);
  const findings: ComparisonFinding[] = [];
  for (const rival of comparison.competitors) {
    if (rival.standing !== 'ahead') continue;
    const interval = rival.differenceInterval as Interval;
    const since =
      rival.weeksAbove >= 2
        ? ` Above you ${rival.weeksAbove} weeks running, since the week of ${dates.day(calendar.startOf(calendar.last - rival.weeksAbove + 1))}.`
        : '';
    const rivalEvidence = evidenceOf.get(rival.competitorId)?.get(comparison.valueId) as ValueEvidence;
    const said = ownStatements(rivalEvidence, calendar);
    const saidText =
      said.length === 0
        ? ''
        : ` Its own statements on it: ${said.map((statement) => `${quoted(statementTitle(statement.mention) || statement.mention.excerpts.join(' … '))} (${dates.day(statement.time)})`).join(', ')}.`;
    const rivalSide = { id: rival.competitorId, name: rival.name };
    findings.push({
      kind: 'competitor-ahead',
      valueId: comparison.valueId,
      competitorIds: [rival.competitorId],
      channel: null,
      title: `${rival.name} ahead of you on ${quoted(comparison.label)}`,
      explanation:
        `${figureText(rival.name, rival.week, confidence)}, against ${figureText(profile.brand.name, comparison.brand.week, confidence)}: ` +
        `ahead by ${signed(rival.difference as number)} (${percent(confidence)} CI ${signed(interval.low)} to ${signed(interval.high)}).${since}${saidText}`,
      evidence: [
        // the first of them: the promise that started the run
        ...said.slice(0, 1).map((statement) => statementEvidence(statement, rivalSide)),
        ...sideEvidence(rivalEvidence, rivalSide, ['POSITIVE'], thisWeek, 2),
        ...sideEvidence(brandEvidence, brand, ['NEGATIVE', 'MIXED'], thisWeek, 2),
      ],
      severity: 3 + Math.min(0.999, (rival.difference as number) / 2),
    });
  }
  const led = comparison.competitors.filter((rival) => rival.standing === 'behind');
  if (led.length > 0) {
    const widest = Math.max(...led.map((rival) => -(rival.difference as number)));
    findings.push({
      kind: 'brand-leads',
      valueId: comparison.valueId,
      competitorIds: led.map((rival) => rival.competitorId),
      channel: null,
      title: `You lead ${led.map((rival) => rival.name).join(' and ')} on ${quoted(comparison.label)}`,
      explanation:
        `${figureText(profile.brand.name, comparison.brand.week, confidence)}, against ` +
        led
          .map((rival) => {
            const interval = rival.differenceInterval as Interval;
            return `${figureText(rival.name, rival.week, confidence)} (a lead of ${signed(-(rival.difference as number))}, ${percent(confidence)} CI ${signed(-interval.high)} to ${signed(-interval.low)})`;
          })
          .join('; ') +
        '. Worth saying in marketing.',
      evidence: [
        ...sideEvidence(brandEvidence, brand, ['POSITIVE'], thisWeek, 2),
        ...led
          .slice(0, 1)
          .flatMap((rival) =>
            sideEvidence(
              evidenceOf.get(rival.competitorId)?.get(comparison.valueId) as ValueEvidence,
              { id: rival.competitorId, name: rival.name },
              ['NEGATIVE', 'MIXED'],
              thisWeek,
              1,
            ),
          ),
      ],
      severity: 1 + Math.min(0.999, widest / 2),
    });
  }
  return findings;
}

const countsOf = (rollup: Rollup | undefined, channel: Channel): Tally =>
  sumTallies((rollup?.days[channel] ?? []).map(([n, positive, negative]: DayCounts) => ({ n, positive, negative })));

function shareOfVoiceOn(channel: Channel, input: ComparisonInput, entities: readonly MonitoredEntity[]): ShareOfVoice {
  const { calendar, rollups, z, minMentions } = input;
  const byKey = new Map(rollups.map((rollup) => [`${rollup.week}\u0000${rollup.subject}`, rollup]));
  // per week of the history, per entity
  const weekly = calendar.weeks.map((week) =>
    entities.map((entity) => countsOf(byKey.get(`${week}\u0000${totalsSubjectOf(entity)}`), channel)),
  );
  const period = (weeks: readonly number[]) =>
    entities.map((_, index) => sumTallies(weeks.map((week) => weekly[week]?.[index] ?? emptyTally())));
  const week = period([calendar.last]);
  const all = week.reduce((sum, tally) => sum + tally.n, 0);
  const negatives = week.reduce((sum, tally) => sum + tally.negative, 0);
  const positives = week.reduce((sum, tally) => sum + tally.positive, 0);
  const brandWeek = week[0] ?? emptyTally();

  const recentWeeks = lastWeeks(calendar, ALIGNMENT_RULES.trendRecentWeeks);
  const earlierWeeks = calendar.weeks.map((_, index) => index).filter((index) => !recentWeeks.includes(index));
  const change = shareChange(period(recentWeeks), period(earlierWeeks), z, minMentions);

  return {
    channel,
    entities: entities.map((entity, index) => {
      const tally = week[index] ?? emptyTally();
      return {
        entityId: entity.id,
        name: entity.name,
        signals: tally.n,
        negative: tally.negative,
        positive: tally.positive,
        share: all === 0 ? null : tally.n / all,
      };
    }),
    brandShare: all === 0 ? null : brandWeek.n / all,
    brandShareInterval: wilsonInterval(brandWeek.n, all, z),
    negativeShare: negatives === 0 ? null : brandWeek.negative / negatives,
    positiveShare: positives === 0 ? null : brandWeek.positive / positives,
    trend: calendar.weeks.map((name, index) => ({ week: name, ...brandShareOf(weekly[index] ?? []) })),
    change,
  };
}

/** The brand's share (the first tally) of all entities' signals, and how many signals there were. */
function brandShareOf(tallies: readonly Tally[]): { share: number | null; signals: number } {
  const all = tallies.reduce((sum, tally) => sum + tally.n, 0);
  return { share: all === 0 ? null : (tallies[0]?.n ?? 0) / all, signals: all };
}

/** The brand's share over two periods (each entity's tally, the brand's first), and whether it moved beyond the interval. */
function shareChange(
  recentTallies: readonly Tally[],
  earlierTallies: readonly Tally[],
  z: number,
  minMentions: number,
): ShareOfVoice['change'] {
  const recent = brandShareOf(recentTallies);
  const earlier = brandShareOf(earlierTallies);
  if (recent.share === null || earlier.share === null || recent.signals < minMentions || earlier.signals < minMentions)
    return { recent, earlier, difference: null, interval: null, direction: 'not-enough-evidence' };
  const a = wilsonInterval(recentTallies[0]?.n ?? 0, recent.signals, z) as Interval;
  const b = wilsonInterval(earlierTallies[0]?.n ?? 0, earlier.signals, z) as Interval;
  const interval = differenceInterval({ value: recent.share, interval: a }, { value: earlier.share, interval: b });
  const direction = interval.high < 0 ? 'falling' : interval.low > 0 ? 'rising' : 'steady';
  return { recent, earlier, difference: recent.share - earlier.share, interval, direction };
}

function voiceFindings(
  voice: ShareOfVoice,
  input: ComparisonInput,
  evidenceOf: ReadonlyMap<string, ReadonlyMap<string, ValueEvidence>>,
  entities: readonly MonitoredEntity[],
): ComparisonFinding[] {
  const { change } = voice;
  if (change.direction !== 'falling') return [];
  const { calendar, confidence } = input;
  const recentWeeks = lastWeeks(calendar, ALIGNMENT_RULES.trendRecentWeeks);
  const interval = change.interval as Interval;
  // who took it: the competitors whose share grew most
  const gainers = entities
    .slice(1)
    .map((entity, index) => ({ entity, count: voice.entities[index + 1]?.signals ?? 0 }))
    .filter((each) => each.count > 0)
    .sort((a, b) => b.count - a.count);
  const weeks = new Set(recentWeeks);
  const evidence = gainers.slice(0, 2).flatMap(({ entity }) =>
    pickEvidence(
      [...(evidenceOf.get(entity.id)?.values() ?? [])].flatMap((each) =>
        quoteCandidates(each, { weeks, channel: voice.channel, labels: ['POSITIVE', 'NEGATIVE', 'MIXED', 'NEUTRAL'] }),
      ),
      2,
    ).map((quote) => ({ ...quote, entityId: entity.id, entityName: entity.name })),
  );
  return [
    {
      kind: 'losing-share-of-voice',
      valueId: null,
      competitorIds: gainers.map(({ entity }) => entity.id),
      channel: voice.channel,
      title: `Losing share of voice ${channelPlace(voice.channel)}: ${percent(change.recent.share as number)}, down from ${percent(change.earlier.share as number)}`,
      explanation:
        `${input.profile.brand.name} had ${percent(change.recent.share as number)} of the ${grouped(change.recent.signals)} ${channelNoun(voice.channel)} naming it or a competitor ` +
        `over the last ${recentWeeks.length} weeks, against ${percent(change.earlier.share as number)} of ${grouped(change.earlier.signals)} before: ` +
        `${signed((change.difference as number) * 100, 0)} points (${percent(confidence)} CI ${signed(interval.low * 100, 0)} to ${signed(interval.high * 100, 0)}).`,
      evidence,
      severity: 2 + Math.min(0.999, -(change.difference as number)),
    },
  ];
}

function comparisonRule({ confidence, minMentions }: ComparisonInput): string {
  return (
    `Competitors are measured on your declared values with the same words and channels as you. ` +
    `One is ahead (or behind) on a value when the ${percent(confidence)} interval of the difference between its net and yours this week excludes 0, ` +
    `with at least ${minMentions} mentions on each side. Share of voice is your share of the signals naming you or a competitor; ` +
    `it is falling when the last ${ALIGNMENT_RULES.trendRecentWeeks} weeks' share is below the earlier weeks' beyond the interval of the difference, ` +
    `each period with at least ${minMentions} signals.`
  );
}
