// Rule 2, eroding: the value's net over the last weeks has dropped against the earlier weeks of the
// history, beyond noise (the interval of the difference lies below 0) and by at least
// thresholds.divergence, with at least minMentions mentions in each period (trend.ts).
import { pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag, PeriodFigure } from '../types';
import { grouped, netWithIntervalText, percent, quoted, signed } from '../wording';
import { quoteCandidates } from '../weekly-figures';
import { valuesWithEvidence, type FlagContext } from './context';

function weeksText(figure: PeriodFigure): string {
  const first = figure.weeks[0] ?? '';
  const last = figure.weeks[figure.weeks.length - 1] ?? '';
  return first === last ? first : `${first}–${last.slice(-3)}`;
}

export function erodingFlags(context: FlagContext): AlignmentFlag[] {
  return valuesWithEvidence(context).flatMap(({ alignment, evidence }) => {
    const test = alignment.trendTest;
    const { recent, earlier } = test;
    if (test.direction !== 'falling' || test.difference === null || test.interval === null) return [];
    if (recent.net === null || recent.interval === null || earlier.net === null || earlier.interval === null) return [];
    const recentWeeks = new Set(recent.weeks.map((week) => context.calendar.weeks.indexOf(week)));
    return [
      {
        kind: 'eroding',
        valueId: alignment.id,
        title: `${quoted(alignment.label)} eroding: net ${signed(earlier.net)} → ${signed(recent.net)}`,
        explanation:
          `${weeksText(recent)}: ${netWithIntervalText(recent.net, recent.interval, context.confidence)} from ${grouped(recent.mentions)} mentions, ` +
          `against ${netWithIntervalText(earlier.net, earlier.interval, context.confidence)} from ${grouped(earlier.mentions)} in ${weeksText(earlier)}. ` +
          `The drop of ${signed(test.difference)} (${percent(context.confidence)} CI ${signed(test.interval.low)} to ${signed(test.interval.high)}) ` +
          `is beyond noise and larger than ${context.divergence.toFixed(2)}.`,
        rule:
          `The last ${ALIGNMENT_RULES.trendRecentWeeks} weeks against the earlier weeks: the ${percent(context.confidence)} interval ` +
          `of the difference in net lies below 0 and the drop is at least ${context.divergence.toFixed(2)}, ` +
          `with at least ${context.minMentions} mentions in each period.`,
        evidence: pickEvidence(quoteCandidates(evidence, { weeks: recentWeeks, labels: ['NEGATIVE'] })),
        severity: severityOf('eroding', (Math.abs(test.difference) / 2) * (alignment.weight / context.maxWeight)),
      },
    ];
  });
}
