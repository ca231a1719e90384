// Which week a digest reports and how much of it the stored data covers. The default is the last
// complete week that holds signals, however old the data: a 2015 export reports a 2015 week, and a
// week in which the data stops early is passed over (and named) rather than reported as if whole.
import { lastCompleteWeek } from '#domain/digest-text';
import { isoWeekOf, isoWeekRange, isoWeeksFromTo, previousIsoWeek } from '#domain/iso-week';
import type { DigestWeekStore } from '#domain/ports';
import type { Channel, Profile, SourceKind } from '#domain/profile';
import { weekCoverage, type CoverageSpan, type WeekCoverage } from '#domain/week-coverage';

/**
 * A one-off export covers the days from its first row to its last. A feed or an API is read again
 * and again, so it also covers the quiet time up to its last successful read.
 */
const EXPORT_KINDS: ReadonlySet<SourceKind> = new Set(['csv']);

/** A source's stored data: when its signals start and end, and the time it covers. */
export interface SourceData extends CoverageSpan {
  latestSignalAt: string;
}

export async function sourceDataSpans(profile: Profile, store: DigestWeekStore): Promise<SourceData[]> {
  const spans = await Promise.all(
    profile.sources.map(async (source): Promise<SourceData | undefined> => {
      const span = await store.signalSpanOfSource(source.id);
      if (!span) return undefined;
      let to = span.latest;
      if (!EXPORT_KINDS.has(source.kind)) {
        const state = await store.getSourceState(source.id);
        const lastGoodRead = state?.lastOutcome === 'failed' ? state.lastChangedAt : state?.lastCheckedAt;
        if (lastGoodRead !== undefined && lastGoodRead > to) to = lastGoodRead;
      }
      return { sourceId: source.id, from: span.earliest, to, latestSignalAt: span.latest };
    }),
  );
  return spans.filter((span): span is SourceData => span !== undefined);
}

export interface WeekFigures {
  coverage: WeekCoverage;
  /** Signals published in the week, by channel. */
  signalsByChannel: Record<Channel, number>;
  signals: number;
}

export interface DigestWeek extends WeekFigures {
  week: string;
  /** Later weeks passed over by the default because their data covers only part of them, newest first. */
  skippedPartialWeeks: WeekCoverage[];
  /** Set when the week holds no signal at all: which weeks do, so the reader can ask for one. */
  weeksWithData?: WeeksWithData;
}

export interface WeeksWithData {
  /** The first and last week holding signals. */
  first: string;
  last: string;
  /** Each week between them that holds signals, when there are few enough to list. */
  weeks?: Array<{ week: string; signals: number; coverage: WeekCoverage }>;
  /** The week the default would report. */
  suggested: string;
}

/** Weeks with data are listed one by one up to this many weeks between the first and the last. */
const LISTED_WEEKS = 26;
/** The default looks this many weeks back from the latest data for a complete week with signals. */
const DEFAULT_SEARCH_WEEKS = 104;

export async function weekFigures(
  week: string,
  zone: string,
  spans: readonly CoverageSpan[],
  store: DigestWeekStore,
  now: Date,
): Promise<WeekFigures> {
  const signalsByChannel = await store.signalCountsByChannel(isoWeekRange(week, zone));
  const signals = Object.values(signalsByChannel).reduce((sum, count) => sum + count, 0);
  return { coverage: weekCoverage(week, zone, spans, now), signalsByChannel, signals };
}

/**
 * The week to report: `requested` when given; else the last complete week holding signals, at or
 * before the last week that is over; when no week is complete, the latest week holding signals.
 * A week without signals comes with the weeks that have some.
 */
export async function chooseDigestWeek(
  profile: Profile,
  store: DigestWeekStore,
  now: Date,
  requested?: string,
): Promise<DigestWeek> {
  const zone = profile.digest.timezone;
  const spans = await sourceDataSpans(profile, store);
  const figures = (week: string) => weekFigures(week, zone, spans, store, now);
  const byDefault = () => defaultWeek(zone, spans, figures, now);
  const chosen =
    requested === undefined
      ? await byDefault()
      : { week: requested, ...(await figures(requested)), skippedPartialWeeks: [] };
  if (chosen.signals > 0 || spans.length === 0) return chosen;
  const suggested = requested === undefined ? chosen.week : (await byDefault()).week;
  return { ...chosen, weeksWithData: await weeksWithData(zone, spans, figures, suggested) };
}

async function defaultWeek(
  zone: string,
  spans: readonly SourceData[],
  figures: (week: string) => Promise<WeekFigures>,
  now: Date,
): Promise<DigestWeek> {
  const complete = lastCompleteWeek(now, zone);
  const latestSignal = latestOf(spans.map((span) => span.latestSignalAt));
  const earliestSignal = earliestOf(spans.map((span) => span.from));
  if (latestSignal === undefined || earliestSignal === undefined)
    return { week: complete, ...(await figures(complete)), skippedPartialWeeks: [] };
  const latestWeek = isoWeekOf(latestSignal, zone);
  const skippedPartialWeeks: WeekCoverage[] = [];
  let fallback: ({ week: string } & WeekFigures) | undefined;
  let week = latestWeek < complete ? latestWeek : complete;
  for (let step = 0; step < DEFAULT_SEARCH_WEEKS && isoWeekRange(week, zone).to > earliestSignal; step++) {
    const found = await figures(week);
    if (found.signals > 0 && found.coverage.complete) return { week, ...found, skippedPartialWeeks };
    if (found.signals > 0) {
      fallback ??= { week, ...found };
      skippedPartialWeeks.push(found.coverage);
    }
    week = previousIsoWeek(week, zone);
  }
  // No complete week holds signals: the latest partial one is reported, marked as such.
  if (fallback) return { ...fallback, skippedPartialWeeks: [] };
  return { week: complete, ...(await figures(complete)), skippedPartialWeeks: [] };
}

/** The weeks holding signals, listed one by one when there are few. */
async function weeksWithData(
  zone: string,
  spans: readonly SourceData[],
  figures: (week: string) => Promise<WeekFigures>,
  suggested: string,
): Promise<WeeksWithData | undefined> {
  const earliest = earliestOf(spans.map((span) => span.from));
  const latest = latestOf(spans.map((span) => span.latestSignalAt));
  if (earliest === undefined || latest === undefined) return undefined;
  const first = isoWeekOf(earliest, zone);
  const last = isoWeekOf(latest, zone);
  const between = isoWeeksFromTo(first, last, zone);
  if (between.length > LISTED_WEEKS) return { first, last, suggested };
  const weeks: NonNullable<WeeksWithData['weeks']> = [];
  for (const week of between) {
    const { signals, coverage } = await figures(week);
    if (signals > 0) weeks.push({ week, signals, coverage });
  }
  return { first, last, weeks, suggested };
}

function latestOf(instants: readonly string[]): string | undefined {
  return instants.reduce<string | undefined>(
    (latest, each) => (latest === undefined || each > latest ? each : latest),
    undefined,
  );
}

function earliestOf(instants: readonly string[]): string | undefined {
  return instants.reduce<string | undefined>(
    (earliest, each) => (earliest === undefined || each < earliest ? each : earliest),
    undefined,
  );
}
