// The alignment engine: a pure function from a week's evidence to the figures and flags of the
// weekly digest. No clock, no I/O: the caller passes the profile, the weeks, the weekly rollups of
// the history (or the mentions to build them from), the last weeks' mentions, scores and signals,
// and the previous index. docs/alignment.md explains every formula and rule.
import { alignmentIndex, indexFormula } from './alignment-index';
import { lastWeeks, weekCalendar } from './calendar';
import { compareCompetitors } from './comparison';
import type { FlagContext } from './flags/context';
import { emergingTopicFlags } from './flags/emerging-topic';
import { erodingFlags } from './flags/eroding';
import { inconsistentFlags } from './flags/inconsistent';
import { ratingTextMismatchFlags } from './flags/rating-text-mismatch';
import { reviewBurstFlags } from './flags/review-burst';
import { sayDoGapFlags } from './flags/say-do-gap';
import { stanceBacklashFlags } from './flags/stance-backlash';
import { unclaimedStrengthFlags } from './flags/unclaimed-strength';
import { rollupsOf, WEEK_TOTALS } from '#domain/rollup';
import { ALIGNMENT_RULES, perChannelMinimum } from './rules';
import { zFor } from './statistics';
import { quotableTopicSignals, topicContext, topicWindowOfRollups } from './topics';
import type { AlignmentFlag, AlignmentInput, AlignmentReport } from './types';
import { undeclaredThemes } from './undeclared-themes';
import { valueAlignment } from './value-alignment';
import { groupEvidence, stanceStatementsByWeek } from './weekly-figures';
import { dateWording, percent } from './wording';

export function intervalMethod(confidence: number): string {
  return (
    `${percent(confidence)} intervals. Net sentiment = share of positive mentions − share of negative mentions; ` +
    'its interval is MOVER (Newcombe; Zou & Donner) from the Wilson intervals of the two shares, with their multinomial correlation.'
  );
}

/**
 * A stance backlash explains the value's say-do gap and erosion in the same report: one flag per
 * cause, so those two are folded into it.
 */
function foldIntoBacklash(flags: AlignmentFlag[]): AlignmentFlag[] {
  const backlash = new Set(flags.filter((flag) => flag.kind === 'stance-backlash').map((flag) => flag.valueId));
  return flags.filter(
    (flag) => !((flag.kind === 'say-do-gap' || flag.kind === 'eroding') && backlash.has(flag.valueId)),
  );
}

/**
 * The calendar of the history, its rollups (built from the mentions and scores when not given), and
 * the rollup of each week's totals by week of the calendar.
 */
function historyOf(input: AlignmentInput) {
  const { profile } = input;
  const calendar = weekCalendar(input.week, input.weeks, profile.digest.timezone);
  const rollups =
    input.rollups ??
    rollupsOf({
      zone: profile.digest.timezone,
      analyzer: input.mentions[0]?.analyzer ?? '',
      scores: input.scores,
      mentions: input.mentions,
      signals: input.signals,
    });
  const totals = new Map(
    rollups.filter((rollup) => rollup.subject === WEEK_TOTALS).map((rollup) => [rollup.week, rollup]),
  );
  return { calendar, rollups, weekTotals: calendar.weeks.map((week) => totals.get(week)) };
}

/** The topics of the history's window, from the tallies of its weeks' totals. */
function topicsOf(input: AlignmentInput, { calendar, weekTotals }: ReturnType<typeof historyOf>) {
  return topicContext({
    profile: input.profile,
    calendar,
    window: topicWindowOfRollups(calendar, weekTotals),
    signals: input.signals,
    minSignals: input.profile.thresholds.minMentions,
  });
}

/** The value figures of a week: what the index and every flag start from. */
function weekValues(input: AlignmentInput) {
  const { profile } = input;
  const { minMentions, confidence, divergence } = profile.thresholds;
  const z = zFor(confidence);
  const history = historyOf(input);
  const { calendar, rollups } = history;
  const evidence = groupEvidence(profile, rollups, input.mentions, calendar);
  const statementsByWeek = stanceStatementsByWeek(calendar, input.signals, evidence);
  const values = [...evidence.values()].map((each) =>
    valueAlignment(each, calendar, statementsByWeek, { z, minMentions, divergence }),
  );
  return { z, history, evidence, values };
}

/** The Brand Alignment Index of a week alone, without the flags and themes (the digest's "previous week"). */
export function weekIndex(input: AlignmentInput): number | null {
  return alignmentIndex(weekValues(input).values, null, input.profile.thresholds.minMentions).value;
}

/**
 * The signals the topic and rating-text rules may quote, from the rollups alone: the caller reads
 * them and passes them in `signals` (the rollups keep which signals to quote, not their text).
 */
export function quotedSignalIds(input: AlignmentInput): string[] {
  const history = historyOf(input);
  const topics = quotableTopicSignals(topicsOf(input, history));
  const reviews = lastWeeks(history.calendar, ALIGNMENT_RULES.reputationWeeks).flatMap((week) =>
    (history.weekTotals[week]?.ratings?.refs ?? []).map((ref) => ref.signalId),
  );
  return [...new Set([...topics, ...reviews])];
}

export function computeAlignment(input: AlignmentInput): AlignmentReport {
  const { profile } = input;
  const { minMentions, confidence, divergence } = profile.thresholds;
  const { z, history, evidence, values } = weekValues(input);
  const { calendar } = history;
  const context: FlagContext = {
    input,
    profile,
    calendar,
    signals: input.signals,
    confidence,
    z,
    minMentions,
    divergence,
    perChannelMinimum: perChannelMinimum(minMentions),
    evidence,
    values,
    maxWeight: Math.max(...profile.values.map((value) => value.weight)),
    dates: dateWording(profile.digest.timezone),
    topics: topicsOf(input, history),
    weekTotals: history.weekTotals,
  };
  const rules = [
    sayDoGapFlags,
    erodingFlags,
    inconsistentFlags,
    unclaimedStrengthFlags,
    stanceBacklashFlags,
    ratingTextMismatchFlags,
    emergingTopicFlags,
    reviewBurstFlags,
  ];
  const flags = foldIntoBacklash(rules.flatMap((rule) => rule(context))).sort(
    (a, b) => b.severity - a.severity || a.title.localeCompare(b.title),
  );

  return {
    week: input.week,
    weeks: [...input.weeks],
    values,
    index: alignmentIndex(values, input.previousIndex, minMentions),
    flags,
    undeclaredThemes: undeclaredThemes(context),
    comparison: compareCompetitors({
      profile,
      calendar,
      rollups: history.rollups,
      brandEvidence: evidence,
      z,
      confidence,
      minMentions,
    }),
    method: {
      indexFormula: indexFormula(minMentions),
      intervalMethod: intervalMethod(confidence),
      minMentions,
      confidence,
    },
  };
}
