// The digest use case: read a week and its history from the store, compute the alignment, store
// the week's snapshot, and build the digest model the renderers turn into HTML, text and MIME.
import { ratingText } from '#domain/alignment/evidence';
import { slotOfWeek, slotStart } from '#domain/alignment/calendar';
import { ALIGNMENT_RULES, computeAlignment, quotedSignalIds, weekIndex } from '#domain/alignment/index';
import type {
  AlignmentFlag,
  AlignmentReport,
  AlignmentSignal,
  FlagEvidence,
  UndeclaredTheme,
  ValueAlignment,
} from '#domain/alignment/types';
import type {
  DigestModel,
  Divergence,
  Evidence,
  SourceCoverage,
  UndeclaredThemeRow,
  ValueRow,
} from '#domain/digest-model';
import { renderSubject, weekLabel } from '#domain/digest-text';
import { fromCompetitorsSource, isCompetitorSubject, isTotalsSubject } from '#domain/entities';
import { isoWeekOf, isoWeekRange, previousIsoWeek } from '#domain/iso-week';
import type { DigestStore, SourceState, TimeRange } from '#domain/ports';
import type { Channel, Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import type { WeeklySnapshot } from '#domain/snapshot';
import type { ValueMention } from '#domain/value-mention';
import { partialWeekText } from '#domain/week-coverage';
import { type Rollup, WEEK_TOTALS } from '#domain/rollup';
import { comparisonSection } from './comparison-section';
import { chooseDigestWeek, type DigestWeek } from './digest-week';
import { RollupsOutOfDateError } from './errors';
import { reviewBurstsBetween } from './review-bursts';
import { OPEN_BATCH_GRACE_MS, recoverOpenBatches, rollupSubjects } from './rollups';

/** Weeks of history read for trends and flags, the reported week included. */
export const HISTORY_WEEKS = 12;
/** Fewer weeks than this are never shown, even when the data starts later. */
const MIN_TREND_WEEKS = 4;

export interface DigestDeps {
  store: DigestStore;
  /** Analyzer name and version whose scores the digest reads, e.g. "local@1.0.0+wink-2.4". */
  analyzer: string;
  now?: () => Date;
  /** How old a batch of scores left open must be before the digest finishes it (see ScoreDeps). */
  openBatchGraceMs?: number;
}

export interface DigestResult {
  model: DigestModel;
  report: AlignmentReport;
  /** The week reported, how much of it the data covers, and what the default passed over. */
  chosen: DigestWeek;
}

export async function buildDigest(
  profile: Profile,
  deps: DigestDeps,
  options: { week?: string } = {},
): Promise<DigestResult> {
  const now = deps.now ?? (() => new Date());
  const zone = profile.digest.timezone;
  const chosen = await chooseDigestWeek(profile, deps.store, now(), options.week);
  const { week } = chosen;
  const partial = partialWeekText(chosen.coverage);
  const weekRange = isoWeekRange(week, zone);
  const allWeeks = weeksEndingWith(week, HISTORY_WEEKS, zone);
  const history: TimeRange = { from: isoWeekRange(allWeeks[0] as string, zone).from, to: weekRange.to };

  // The weeks are read as rollups, one per week and value and one of the week's totals (with the
  // topic and rating tallies), and the review bursts as found day by day; single mentions only where
  // a rule needs them one by one (stance backlash), and the few posts quoted.
  const subjects = rollupSubjects(profile);
  await recoverOpenBatches(deps.store, profile, deps.analyzer, {
    now: now(),
    graceMs: deps.openBatchGraceMs ?? OPEN_BATCH_GRACE_MS,
  });
  await deps.store.compactRollups(deps.analyzer, allWeeks, subjects);
  const rollups = await deps.store.rollupsOf(deps.analyzer, allWeeks, subjects);
  assertSameZone(rollups, zone);
  assertRollupsHoldTopics(rollups);
  // the review bursts of the last 5 weeks are read as found before (only days with reviews scored since
  // are searched again), and the stance backlash reads the value's mentions around the brand's recent
  // statements; everything else comes from the rollups
  const recent = {
    from: Date.parse(isoWeekRange(allWeeks[allWeeks.length - ALIGNMENT_RULES.reputationWeeks] ?? week, zone).from),
    to: Date.parse(weekRange.to),
  };
  const { bursts: reviewBursts } = await reviewBurstsBetween(
    deps.store,
    profile,
    deps.analyzer,
    recent,
    now(),
    rollups,
  );
  const mentions = await mentionsAroundStatements(deps, profile, rollups, weekRange);
  // the brand's own statements (a competitor's newsroom is its own: it weighs in no emphasis of the brand's)
  const isTheirs = fromCompetitorsSource(profile);
  const statements = (await deps.store.signalsBetween(history, 'stance')).filter((signal) => !isTheirs(signal));
  const previous = await deps.store.snapshotBefore(week);
  const states = await Promise.all(profile.sources.map((source) => deps.store.getSourceState(source.id)));
  const signals = new Map<string, Signal>(statements.map((signal) => [signal.id, signal]));
  const weeks = trimLeadingEmptyWeeks(allWeeks, rollups);

  const alignmentSignals = signals as ReadonlyMap<string, AlignmentSignal>;
  const input = { profile, week, weeks, rollups, mentions, scores: [], signals: alignmentSignals, reviewBursts };
  // the rollups name the reviews and posts the topic and rating rules may quote; their text is read here
  await readInto(signals, quotedSignalIds(input), deps.store);
  const previousIndex = previousIndexOf(previous, weeks, input);
  let report = computeAlignment({ ...input, previousIndex });
  // a stance backlash quotes the best reactions of its window: read them all, then compute again
  const windows = report.flags.flatMap((flag) =>
    flag.socialWindow === undefined || flag.valueId === null
      ? []
      : [{ valueId: flag.valueId, from: Date.parse(flag.socialWindow.from), to: Date.parse(flag.socialWindow.to) }],
  );
  if (windows.length > 0) {
    const seen = new Set(mentions.map((mention) => `${mention.valueId}\u0000${mention.signalId}`));
    const more = (await socialMentionsIn(deps, windows)).filter(
      (mention) => !seen.has(`${mention.valueId}\u0000${mention.signalId}`),
    );
    report = computeAlignment({ ...input, mentions: mentions.concat(more), previousIndex });
  }
  // A partial week's index moves with the days it lacks, so its change is not stated as a trend.
  const indexChange = partial === null ? report.index.change : null;

  // Evidence may quote news or social signals, which were not loaded above.
  const themes = [...report.undeclaredThemes.negative, ...report.undeclaredThemes.positive];
  const quoted = [...report.flags, ...themes, ...(report.comparison?.findings ?? [])].flatMap((item) =>
    item.evidence.map((evidence) => evidence.signalId),
  );
  await readInto(signals, quoted, deps.store);

  const generatedAt = now().toISOString();
  // A partial week's index is not the week's: kept, it would become the next week's "previous".
  if (partial === null) await deps.store.putSnapshot(snapshotOf(report, deps.analyzer, generatedAt));

  const headline = chosen.signals === 0 ? 'no signals were published in this week' : headlineOf(report);
  const model: DigestModel = {
    brandName: profile.brand.name,
    week,
    weekLabel: weekLabel(week, zone),
    timeZone: zone,
    subject: renderSubject(profile.digest.subject, {
      brand: profile.brand.name,
      week,
      index: report.index.value,
      change: indexChange,
      partial,
      headline,
    }),
    headline,
    index: { value: report.index.value, change: indexChange },
    period: { coveredDays: chosen.coverage.coveredDays, partial: !chosen.coverage.complete, signals: chosen.signals },
    values: report.values.map(valueRow),
    divergences: report.flags.map((flag) => divergenceOf(flag, signals)),
    undeclared: {
      period: report.undeclaredThemes.period,
      negative: report.undeclaredThemes.negative.map((theme) => themeRow(theme, signals)),
      positive: report.undeclaredThemes.positive.map((theme) => themeRow(theme, signals)),
      rule: report.undeclaredThemes.rule,
    },
    comparison: comparisonSection(report.comparison, evidenceOf, signals, profile.thresholds.minMentions),
    coverage: {
      sources: profile.sources.map((source, index) => coverageOf(source.id, source.channel, states[index])),
      signalsByChannel: chosen.signalsByChannel,
      offBrand: states.reduce((sum, state) => sum + (state?.lastContent?.offBrand ?? 0), 0),
      analyzer: deps.analyzer,
      // the brand's signals and the competitors' (the comparison section shows who cost what)
      comprehendUnits: rollups
        .filter((rollup) => rollup.week === week && isTotalsSubject(rollup.subject))
        .reduce((sum, rollup) => sum + rollup.comprehendUnits, 0),
      comprehendUnitsEstimated: !deps.analyzer.startsWith('comprehend@'),
      generatedAt,
    },
    method: report.method,
  };
  return { model, report, chosen };
}

/**
 * The index of the week before: the stored snapshot when the digest ran that week, else computed
 * from the same history, so even the first digest of a store can say how the index moved.
 */
function previousIndexOf(
  previous: WeeklySnapshot | undefined,
  weeks: string[],
  data: Pick<Parameters<typeof computeAlignment>[0], 'profile' | 'rollups' | 'mentions' | 'scores' | 'signals'>,
): number | null {
  const weekBefore = weeks[weeks.length - 2];
  if (previous && previous.week === weekBefore) return previous.index;
  if (weekBefore === undefined) return previous?.index ?? null;
  return weekIndex({ ...data, week: weekBefore, weeks: weeks.slice(0, -1) });
}

/** The `count` ISO weeks ending with `week`, oldest first. */
export function weeksEndingWith(week: string, count: number, zone: string): string[] {
  const weeks = [week];
  while (weeks.length < count) weeks.unshift(previousIsoWeek(weeks[0] as string, zone));
  return weeks;
}

/** Drops the oldest weeks that hold no mention at all, keeping at least a few. */
function trimLeadingEmptyWeeks(weeks: string[], rollups: readonly Rollup[]): string[] {
  const mentioned = new Set(
    rollups
      .filter((rollup) => rollup.subject !== WEEK_TOTALS && !isCompetitorSubject(rollup.subject))
      .filter((rollup) => Object.values(rollup.days).some((days) => days.some((day) => day[0] > 0)))
      .map((rollup) => rollup.week),
  );
  const firstIndex = weeks.findIndex((week) => mentioned.has(week));
  if (firstIndex < 0) return weeks.slice(-MIN_TREND_WEEKS);
  return weeks.slice(Math.min(firstIndex, weeks.length - MIN_TREND_WEEKS));
}

/** Rollups cut in another time zone than the digest's would put mentions in the wrong weeks: they are rebuilt first. */
function assertSameZone(rollups: readonly Rollup[], zone: string): void {
  const other = rollups.find((rollup) => rollup.zone !== zone);
  if (other === undefined) return;
  throw new RollupsOutOfDateError(
    `the weekly rollups were cut in the time zone ${other.zone}, and digest.timezone is now ${zone}; ` +
      'rebuild them, then run the digest again: locally `congruence rebuild-rollups` with this config; in AWS, ' +
      'invoke the digest function once with {"rebuildRollups": true} (docs/deploy.md)',
  );
}

/** Adds to `signals` those of `ids` not in it yet, read from the store. */
async function readInto(signals: Map<string, Signal>, ids: readonly string[], store: DigestStore): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !signals.has(id));
  for (const signal of await store.getSignals(missing)) signals.set(signal.id, signal);
}

const DAY_MS = 86_400_000;

/**
 * The hour of the week (slot, in `zone`) an instant falls in, as epoch ms bounds that hold it whole: a
 * week's hours are its length over 168, 1 h ± 0.6% in a week when clocks change.
 */
function hourHolding(instant: number, zone: string): { from: number; to: number } {
  const week = isoWeekRange(isoWeekOf(new Date(instant), zone), zone);
  const [start, end] = [Date.parse(week.from), Date.parse(week.to)];
  const slot = slotOfWeek(start, end, instant);
  return { from: Math.floor(slotStart(start, end, slot)), to: Math.ceil(slotStart(start, end, slot + 1)) };
}

/**
 * The social mentions the stance-backlash rule counts one by one: of each value the brand spoke
 * about lately, those of the hours holding each statement that can still be reported and the end of
 * its window. Whole hours come from the rollups.
 */
async function mentionsAroundStatements(
  deps: DigestDeps,
  profile: Profile,
  rollups: readonly Rollup[],
  weekRange: TimeRange,
): Promise<ValueMention[]> {
  const windowMs = ALIGNMENT_RULES.backlashDays * DAY_MS;
  const weekEnd = Date.parse(weekRange.to);
  const reportedFrom = Date.parse(weekRange.from) - (ALIGNMENT_RULES.backlashReportWeeks - 1) * 7 * DAY_MS;
  const spans: Array<{ valueId: string; from: number; to: number }> = [];
  for (const value of profile.values) {
    const times = rollups
      .filter((rollup) => rollup.subject === value.id)
      .flatMap((rollup) => rollup.statements.map((statement) => Date.parse(statement.publishedAt)))
      .filter((time) => time < weekEnd && time + windowMs > reportedFrom);
    for (const time of times)
      for (const instant of [time, time + windowMs])
        spans.push({ valueId: value.id, ...hourHolding(instant, profile.digest.timezone) });
  }
  return socialMentionsIn(deps, spans);
}

/** The social mentions of values in time spans (epoch ms), overlapping spans of a value read once. */
async function socialMentionsIn(
  deps: DigestDeps,
  spans: ReadonlyArray<{ valueId: string; from: number; to: number }>,
): Promise<ValueMention[]> {
  let mentions: ValueMention[] = [];
  for (const valueId of new Set(spans.map((span) => span.valueId))) {
    const merged: Array<{ from: number; to: number }> = [];
    for (const span of spans.filter((each) => each.valueId === valueId).sort((a, b) => a.from - b.from)) {
      const last = merged[merged.length - 1];
      if (last !== undefined && span.from <= last.to) last.to = Math.max(last.to, span.to);
      else merged.push({ from: span.from, to: span.to });
    }
    for (const span of merged) {
      const range = { from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() };
      const read = await deps.store.valueMentionsBetween(valueId, range, deps.analyzer, 'social');
      mentions = mentions.concat(read.filter((mention) => mention.channel === 'social'));
    }
  }
  return mentions;
}

/**
 * Rollups written before they kept topic and rating tallies and hourly social counts hold none: the
 * digest would quietly lose the rules that need them, so it asks for a rebuild instead.
 */
function assertRollupsHoldTopics(rollups: readonly Rollup[]): void {
  // a competitor's rollups keep neither: nothing reads them from theirs
  const stale = rollups.find(
    (rollup) =>
      !isCompetitorSubject(rollup.subject) &&
      (rollup.subject === WEEK_TOTALS
        ? rollup.topics === undefined || rollup.ratings === undefined
        : rollup.socialHours === undefined),
  );
  if (stale === undefined) return;
  throw new RollupsOutOfDateError(
    `the weekly rollups (${stale.week} among them) were written by an earlier version, without the topic and rating ` +
      'tallies and hourly counts the digest now reads; rebuild them, then run the digest again: locally `congruence rebuild-rollups` ' +
      'with this config; in AWS, invoke the digest function once with {"rebuildRollups": true} (docs/deploy.md)',
  );
}

function headlineOf(report: AlignmentReport): string {
  const [top] = report.flags;
  if (top) return top.title;
  const counted = report.values.filter((value) => value.status !== 'not-enough-evidence');
  if (counted.length === 0) return 'not enough evidence on any value this week';
  if (counted.every((value) => value.status === 'delivered'))
    return `all ${counted.length} values with enough evidence delivered`;
  return 'no divergence beyond the thresholds this week';
}

function valueRow(value: ValueAlignment): ValueRow {
  return {
    id: value.id,
    label: value.label,
    promise: value.promise,
    status: value.status,
    statusText: value.statusText,
    mentions: value.mentions,
    net: value.net,
    interval: value.interval,
    expectedText: value.expectedText,
    gap: value.gap,
    channels: value.channels.map((channel) => ({
      channel: channel.channel,
      mentions: channel.mentions,
      net: channel.net,
    })),
    trend: value.trend,
    expectedNet: value.expectedNet,
    chartId: `trend-${value.id}`,
  };
}

function divergenceOf(flag: AlignmentFlag, signals: Map<string, Signal>): Divergence {
  return {
    kind: flag.kind,
    valueId: flag.valueId,
    title: flag.title,
    explanation: flag.explanation,
    evidence: flag.evidence.map((item) => evidenceOf(item, signals)),
  };
}

function themeRow(theme: UndeclaredTheme, signals: Map<string, Signal>): UndeclaredThemeRow {
  return {
    label: theme.label,
    direction: theme.direction,
    signals: theme.signals,
    authors: theme.authors,
    authorsEstimated: theme.authorsEstimated,
    share: theme.share,
    interval: theme.interval,
    trend: theme.trend,
    perWeek: theme.perWeek.map((week) => week.signals),
    figures: theme.figures,
    evidence: theme.evidence.map((item) => evidenceOf(item, signals)),
  };
}

function evidenceOf(item: FlagEvidence, signals: Map<string, Signal>): Evidence {
  const signal = signals.get(item.signalId);
  return {
    quote: item.quote,
    url: signal?.url ?? null,
    // quotes of posts the rules did not read (stance-backlash reactions) take their title once read
    title: item.title === '' ? (signal?.title ?? '') : item.title,
    sourceId: item.sourceId,
    channel: item.channel,
    author: signal?.author ?? null,
    publishedAt: item.publishedAt,
    rating: item.rating ?? ratingText(signal?.rating),
    matchedByMeaning: item.matchedByMeaning ?? null,
  };
}

function coverageOf(sourceId: string, channel: Channel, state: SourceState | undefined): SourceCoverage {
  return {
    sourceId,
    channel,
    outcome: state?.lastOutcome ?? 'never-read',
    lastCheckedAt: state?.lastCheckedAt ?? null,
    error: state?.lastOutcome === 'failed' ? (state.lastError ?? 'failed') : null,
  };
}

function snapshotOf(report: AlignmentReport, analyzer: string, computedAt: string): WeeklySnapshot {
  return {
    week: report.week,
    analyzer,
    computedAt,
    index: report.index.value,
    values: report.values.map((value) => ({
      valueId: value.id,
      status: value.status,
      mentions: value.mentions,
      net: value.net,
      low: value.interval?.low ?? null,
      high: value.interval?.high ?? null,
    })),
    flags: report.flags.map((flag) => ({ kind: flag.kind, valueId: flag.valueId, title: flag.title })),
  };
}
