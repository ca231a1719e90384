// What every flag rule reads: the input, the grouped evidence, this week's value figures, the
// calendar and the wording helpers, built once per report.
import type { Profile } from '#domain/profile';
import type { Rollup } from '#domain/rollup';
import type { WeekCalendar } from '../calendar';
import type { TopicContext } from '../topics';
import type { AlignmentInput, AlignmentSignal, ValueAlignment } from '../types';
import type { ValueEvidence } from '../weekly-figures';
import type { DateWording } from '../wording';

export interface FlagContext {
  input: AlignmentInput;
  profile: Profile;
  calendar: WeekCalendar;
  signals: ReadonlyMap<string, AlignmentSignal>;
  confidence: number;
  z: number;
  minMentions: number;
  divergence: number;
  perChannelMinimum: number;
  evidence: ReadonlyMap<string, ValueEvidence>;
  /** This week's figures, in profile order. */
  values: readonly ValueAlignment[];
  /** The largest value weight, to scale severities. */
  maxWeight: number;
  dates: DateWording;
  topics: TopicContext;
  /** The rollup of each week's totals (WEEK_TOTALS), by week of the calendar; absent for a week without scored signals. */
  weekTotals: ReadonlyArray<Rollup | undefined>;
}

/** Values a flag may be raised on: those with at least minMentions customer mentions this week. */
export function valuesWithEvidence(
  context: FlagContext,
): Array<{ alignment: ValueAlignment; evidence: ValueEvidence }> {
  return context.values.flatMap((alignment) => {
    const evidence = context.evidence.get(alignment.id);
    return alignment.status === 'not-enough-evidence' || evidence === undefined ? [] : [{ alignment, evidence }];
  });
}

/** "15–22 Nov": the days from `from` to just before `to`. */
export function periodText(context: FlagContext, from: number, to: number): string {
  return `${context.dates.day(from)}–${context.dates.day(to - 1)}`;
}

/** The days of the topic window, e.g. "26 Oct–22 Nov". */
export function topicWindowText(context: FlagContext): string {
  const weeks = context.topics.windowWeeks;
  return periodText(context, context.calendar.startOf(weeks[0] ?? context.calendar.last), context.calendar.end);
}
