// Rule 7, emerging topic: a new complaint no value covers. A topic (topics.ts) in at least
// minMentions reviews and social posts over the last 4 weeks, at least 60% of them negative and more
// negative than the window's other reviews and posts beyond noise (Wilson lower bound of its
// negative share above theirs), not covered by any value, and rising: a larger share of the reviews
// and posts in the last 2 weeks than in the 2 before, beyond chance (one-sided binomial test at
// (1 − confidence) / 2, the error rate of one end of an interval). Shares, not counts: when all
// mentions double (a busy week, or data that starts inside the window) no topic rises for that.
import { pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import { binomialUpperTail } from '../statistics';
import { distinctTopics, shareAboveBaseline, type TopicContext, type TopicFigure } from '../topics';
import type { AlignmentFlag } from '../types';
import { grouped, percent, quoted } from '../wording';
import { topicWindowText, type FlagContext } from './context';

export interface RisingCounts {
  /** The topic's signals in the last 2 weeks and in the 2 before. */
  recent: number;
  before: number;
  /** All reviews and posts in the same weeks. */
  recentSignals: number;
  beforeSignals: number;
  /** One-sided p-value for "a larger share lately": under no change, the topic's signals split between the halves as the other signals do. */
  p: number;
  /** The same for "a smaller share lately". */
  pFalling: number;
}

/** The topic's signals in the last 2 weeks and in the 2 before, against all signals of those weeks, with the binomial tests both ways. */
export function risingCounts(
  figure: TopicFigure,
  topics: Pick<TopicContext, 'signalsPerWeek'>,
  lastWeek: number,
): RisingCounts {
  const span = ALIGNMENT_RULES.risingWeeks;
  const counts = { recent: 0, before: 0, recentSignals: 0, beforeSignals: 0 };
  for (let week = Math.max(0, lastWeek - 2 * span + 1); week <= lastWeek; week++) {
    if (week > lastWeek - span) {
      counts.recent += figure.perWeek[week] ?? 0;
      counts.recentSignals += topics.signalsPerWeek[week] ?? 0;
    } else {
      counts.before += figure.perWeek[week] ?? 0;
      counts.beforeSignals += topics.signalsPerWeek[week] ?? 0;
    }
  }
  const n = counts.recent + counts.before;
  const othersRecent = counts.recentSignals - counts.recent;
  const othersBefore = counts.beforeSignals - counts.before;
  // with no other signal in one half (data that starts inside the window), a share cannot be said to rise or fall (p = 1)
  const recentShare = othersRecent / Math.max(1, othersRecent + othersBefore);
  return {
    ...counts,
    p: othersBefore === 0 || othersRecent === 0 ? 1 : binomialUpperTail(counts.recent, n, recentShare),
    pFalling: othersBefore === 0 || othersRecent === 0 ? 1 : binomialUpperTail(counts.before, n, 1 - recentShare),
  };
}

/** The error rate of one end of the confidence interval, which the one-sided tests use. */
export function oneSidedAlpha(confidence: number): number {
  return (1 - confidence) / 2;
}

/** The rise of a topic that passes the rule (before overlapping topics are merged), else null. */
export function emergingRise(figure: TopicFigure, context: FlagContext): ReturnType<typeof risingCounts> | null {
  const n = figure.signals;
  if (n < context.minMentions || figure.negative < ALIGNMENT_RULES.emergingMinNegativeShare * n) return null;
  if (shareAboveBaseline(figure, 'negative', context.z) <= 0) return null;
  const rising = risingCounts(figure, context.topics, context.calendar.last);
  if (!(rising.p <= oneSidedAlpha(context.confidence)) || context.topics.coveredByValue(figure)) return null;
  return rising;
}

/** The topics raised as emerging complaints, one of each overlapping group, with their rise. */
export function emergingTopics(
  context: FlagContext,
): Array<{ figure: TopicFigure; rising: ReturnType<typeof risingCounts> }> {
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
    const n = figure.signals;
    return {
      kind: 'emerging-topic',
      valueId: null,
      title: `Emerging complaint: the ${quoted(figure.label)}`,
      explanation:
        `${grouped(rising.recent)} of ${grouped(rising.recentSignals)} reviews and social posts in the last ${ALIGNMENT_RULES.risingWeeks} weeks speak of the ${quoted(figure.label)}, ` +
        `against ${rising.before} of ${rising.beforeSignals} in the ${ALIGNMENT_RULES.risingWeeks} weeks before (binomial test p ${rising.p < 0.001 ? '< 0.001' : `= ${rising.p.toFixed(3)}`}); ` +
        `${figure.negative} of ${n} (${percent(figure.negative / n)}) in ${topicWindowText(context)} are negative, against ` +
        `${percent(figure.baseline.negative)} of the other reviews and posts. No declared value covers it.`,
      rule:
        `A key phrase in at least ${context.minMentions} reviews and posts over the last ${ALIGNMENT_RULES.topicWeeks} weeks, ` +
        `≥ ${percent(ALIGNMENT_RULES.emergingMinNegativeShare)} negative and more negative than the others beyond the ` +
        `${percent(context.confidence)} interval, not covered by any value, and a larger share of the reviews and posts in the last ` +
        `${ALIGNMENT_RULES.risingWeeks} weeks than in the ${ALIGNMENT_RULES.risingWeeks} before (one-sided binomial test at ${percent(alpha)}).`,
      evidence: pickEvidence(topics.candidates(figure, 'negative')),
      severity: severityOf('emerging-topic', (n / (n + context.minMentions)) * (figure.negative / n)),
    };
  });
}
