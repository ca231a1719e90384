// Rule 7, emerging topic: a new complaint no value covers. A topic (topics.ts) in at least
// minMentions reviews and social posts over the last 4 weeks, at least 60% of them negative and more
// negative than the window's other reviews and posts beyond noise (Wilson lower bound of its
// negative share above theirs), not covered by any value, and rising: more signals in the last 2 weeks than in the 2 before, beyond
// chance (one-sided sign test at (1 − confidence) / 2, the error rate of one end of an interval).
import { pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import { signTestUpperTail, wilsonInterval } from '../statistics';
import { distinctTopics, type TopicFigure } from '../topics';
import type { AlignmentFlag } from '../types';
import { percent, quoted } from '../wording';
import { topicWindowText, type FlagContext } from './context';

/** Signals in the last 2 weeks and in the 2 before, and the sign test's p-value for "more lately". */
export function risingCounts(figure: TopicFigure, lastWeek: number): { recent: number; before: number; p: number } {
  const span = ALIGNMENT_RULES.risingWeeks;
  let recent = 0;
  let before = 0;
  for (let week = Math.max(0, lastWeek - 2 * span + 1); week <= lastWeek; week++) {
    if (week > lastWeek - span) recent += figure.perWeek[week] ?? 0;
    else before += figure.perWeek[week] ?? 0;
  }
  return { recent, before, p: signTestUpperTail(recent, recent + before) };
}

/** The error rate of one end of the confidence interval, which the sign tests use. */
export function oneSidedAlpha(confidence: number): number {
  return (1 - confidence) / 2;
}

/** The rise of a topic that passes the rule (before overlapping topics are merged), else null. */
export function emergingRise(figure: TopicFigure, context: FlagContext): ReturnType<typeof risingCounts> | null {
  const n = figure.occurrences.length;
  if (n < context.minMentions || figure.negative < ALIGNMENT_RULES.emergingMinNegativeShare * n) return null;
  if ((wilsonInterval(figure.negative, n, context.z)?.low ?? 0) <= figure.baseline.negative) return null;
  const rising = risingCounts(figure, context.calendar.last);
  if (!(rising.recent > rising.before && rising.p <= oneSidedAlpha(context.confidence)) || context.topics.coveredByValue(figure)) return null;
  return rising;
}

/** The topics raised as emerging complaints, one of each overlapping group, with their rise. */
export function emergingTopics(context: FlagContext): Array<{ figure: TopicFigure; rising: ReturnType<typeof risingCounts> }> {
  const emerging = context.topics.figures.flatMap((figure) => {
    const rising = emergingRise(figure, context);
    return rising === null ? [] : [{ figure, rising }];
  });
  const kept = new Set(distinctTopics(emerging.map((entry) => entry.figure)));
  return emerging.filter((entry) => kept.has(entry.figure));
}

export function emergingTopicFlags(context: FlagContext): AlignmentFlag[] {
  const { topics } = context;
  const alpha = oneSidedAlpha(context.confidence);
  return emergingTopics(context).map(({ figure, rising }) => {
    const n = figure.occurrences.length;
    return {
      kind: 'emerging-topic',
      valueId: null,
      title: `Emerging complaint: the ${quoted(figure.label)}`,
      explanation:
        `${rising.recent} reviews and social posts in the last ${ALIGNMENT_RULES.risingWeeks} weeks speak of the ${quoted(figure.label)}, ` +
        `against ${rising.before} in the ${ALIGNMENT_RULES.risingWeeks} weeks before (sign test p ${rising.p < 0.001 ? '< 0.001' : `= ${rising.p.toFixed(3)}`}); ` +
        `${figure.negative} of ${n} (${percent(figure.negative / n)}) in ${topicWindowText(context)} are negative, against ` +
        `${percent(figure.baseline.negative)} of the other reviews and posts. No declared value covers it.`,
      rule:
        `A key phrase in at least ${context.minMentions} reviews and posts over the last ${ALIGNMENT_RULES.topicWeeks} weeks, ` +
        `≥ ${percent(ALIGNMENT_RULES.emergingMinNegativeShare)} negative and more negative than the others beyond the ` +
        `${percent(context.confidence)} interval, not covered by any value, and more frequent in the last ` +
        `${ALIGNMENT_RULES.risingWeeks} weeks than in the ${ALIGNMENT_RULES.risingWeeks} before (one-sided sign test at ${percent(alpha)}).`,
      evidence: pickEvidence(topics.candidates(figure, 'negative')),
      severity: severityOf('emerging-topic', (n / (n + context.minMentions)) * (figure.negative / n)),
    };
  });
}
