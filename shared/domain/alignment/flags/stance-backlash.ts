// Rule 5, stance backlash: after one of the brand's statements mentions a value, social mentions of
// the value in the next few days (ALIGNMENT_RULES.backlashDays) turn against it: at least the
// per-channel minimum of them, mostly negative (the net's upper bound below the promised net; for a
// value promised as a positive share, at least 60% negative), and clearly worse than the value's
// social mentions before the statement (the interval of the difference lies below 0 and the drop is
// at least thresholds.divergence). The window must hold at least thresholds.minMentions social
// mentions: the backlash is judged on them, not on the week's total, which may be small. Raised in
// the digest of every week the window overlaps and of the week after (backlashReportWeeks).
// Counted from the rollups' hourly social counts, with the hours a statement or a window's end cuts
// through counted from the mentions passed one by one; the reactions quoted are those of the window.
import { expectationOf } from '../expectation';
import { mentionCandidate, pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import { differenceInterval, emptyTally, netEstimate, type Estimate } from '../statistics';
import { SLOTS_PER_WEEK, slotOfWeek, slotStart, type WeekCalendar } from '../calendar';
import type { AlignmentFlag, Tally } from '../types';
import { countLabel, type PlacedMention, type ValueEvidence } from '../weekly-figures';
import { grouped, netWithIntervalText, percent, plural, quoted, signed } from '../wording';
import type { FlagContext } from './context';

const DAY_MS = 86_400_000;

interface Backlash {
  statement: PlacedMention;
  window: PlacedMention[];
  windowTally: Tally;
  beforeTally: Tally;
  after: Estimate;
  earlier: Estimate;
}

/**
 * The value's social mentions in [from, to) within the calendar: whole hours from the rollups, and
 * the hours the range cuts through from the mentions passed one by one (the caller passes those of
 * the hours holding a statement and a window's end).
 */
export function socialBetween(evidence: ValueEvidence, calendar: WeekCalendar, from: number, to: number): Tally {
  const tally = emptyTally();
  calendar.weeks.forEach((_, week) => {
    const start = calendar.startOf(week);
    const end = calendar.endOf(week);
    if (end <= from || start >= to) return;
    for (let slot = 0; slot < SLOTS_PER_WEEK; slot++) {
      const slotFrom = slotStart(start, end, slot);
      const slotTo = slotStart(start, end, slot + 1);
      if (slotTo <= from || slotFrom >= to) continue;
      if (slotFrom >= from && slotTo <= to) {
        const counts = evidence.socialHours[week]?.[slot] as Tally;
        tally.n += counts.n;
        tally.positive += counts.positive;
        tally.negative += counts.negative;
        continue;
      }
      for (const placed of evidence.social)
        if (
          placed.week === week &&
          placed.time >= from &&
          placed.time < to &&
          slotOfWeek(start, end, placed.time) === slot
        )
          countLabel(tally, placed.mention.sentiment.label);
    }
  });
  return tally;
}

function isMostlyNegative(tally: Tally, upper: number, minNet: number | null): boolean {
  if (minNet !== null) return upper < minNet;
  return tally.negative >= ALIGNMENT_RULES.backlashMinNegativeShare * tally.n;
}

export function stanceBacklashFlags(context: FlagContext): AlignmentFlag[] {
  const weekEnd = context.calendar.end;
  const reportedFrom =
    context.calendar.startOf(context.calendar.last) - (ALIGNMENT_RULES.backlashReportWeeks - 1) * 7 * DAY_MS;
  const span = ALIGNMENT_RULES.backlashDays * DAY_MS;
  return context.values.flatMap((alignment) => {
    const evidence = context.evidence.get(alignment.id);
    if (!evidence) return [];
    const expectation = expectationOf(evidence.value);
    let worst: Backlash | null = null;
    for (const statement of evidence.stance) {
      const windowEnd = statement.time + span;
      if (!(statement.time < weekEnd && windowEnd > reportedFrom)) continue;
      const window = evidence.social.filter((placed) => placed.time >= statement.time && placed.time < windowEnd);
      const windowTally = socialBetween(evidence, context.calendar, statement.time, windowEnd);
      const beforeTally = socialBetween(evidence, context.calendar, context.calendar.startOf(0), statement.time);
      if (windowTally.n < context.minMentions) continue;
      const after = netEstimate(windowTally, context.z);
      const earlier = netEstimate(beforeTally, context.z);
      if (after === null || earlier === null) continue;
      if (!isMostlyNegative(windowTally, after.interval.high, expectation.minNet)) continue;
      const difference = differenceInterval(after, earlier);
      if (!(difference.high < 0 && after.value - earlier.value <= -context.divergence)) continue;
      if (worst === null || after.value < worst.after.value)
        worst = { statement, window, windowTally, beforeTally, after, earlier };
    }
    if (worst === null) return [];
    const { after, earlier } = worst;
    const statementSignal = context.signals.get(worst.statement.mention.signalId);
    const day = context.dates.day(worst.statement.time);
    const statementTitle = statementSignal?.title ? ` ${quoted(statementSignal.title)}` : '';
    const statementQuote = pickEvidence([mentionCandidate(worst.statement.mention, 'positive', context.signals)], 1);
    const reactions = pickEvidence(
      worst.window
        .filter((placed) => placed.mention.sentiment.label === 'NEGATIVE')
        .map((placed) => mentionCandidate(placed.mention, 'negative', context.signals)),
      2,
    );
    const drop = after.value - earlier.value;
    return [
      {
        kind: 'stance-backlash',
        valueId: alignment.id,
        title: `${quoted(alignment.label)}: backlash on social after the ${day} statement`,
        explanation:
          `In the ${ALIGNMENT_RULES.backlashDays} days after the brand’s statement${statementTitle} (${day}), ` +
          `${plural(worst.windowTally.n, 'social mention')}, ${worst.windowTally.negative} negative: ` +
          `${netWithIntervalText(after.value, after.interval, context.confidence)}; before it, ${plural(worst.beforeTally.n, 'social mention')} at ` +
          `${netWithIntervalText(earlier.value, earlier.interval, context.confidence)}, a drop of ${signed(drop)}. ` +
          `Promise: ${alignment.expectedText}. All channels this week: net ${signed(alignment.net ?? 0)} from ${grouped(alignment.mentions)} mentions.`,
        rule:
          `A stance statement mentioning the value, then at least ${context.perChannelMinimum} social mentions in ` +
          `${ALIGNMENT_RULES.backlashDays} days that are mostly negative (net upper bound below the promise) and worse than before ` +
          `the statement beyond the ${percent(context.confidence)} interval, by at least ${context.divergence.toFixed(2)}.`,
        evidence: [...statementQuote, ...reactions],
        socialWindow: {
          from: new Date(worst.statement.time).toISOString(),
          to: new Date(worst.statement.time + span).toISOString(),
        },
        severity: severityOf('stance-backlash', (Math.abs(drop) / 2) * (alignment.weight / context.maxWeight)),
      },
    ];
  });
}
