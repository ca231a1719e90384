// Rule 4, unclaimed strength: something customers praise that the brand never claims. A topic
// (topics.ts) in at least minMentions reviews and social posts over the last 4 weeks, at least 70%
// of them positive and warmer than the window's other reviews and posts beyond noise (the Wilson
// lower bound of its positive share above theirs), that no value covers and that no stance
// statement in the history mentions. The warmth test keeps out product and place names that are
// only said in happy reviews ("Bought a Heron for commuting").
import { pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import { distinctTopics, shareAboveBaseline, type TopicFigure } from '../topics';
import type { AlignmentFlag } from '../types';
import { grouped, percent, quoted } from '../wording';
import { topicWindowText, type FlagContext } from './context';

/** Whether a topic passes the rule (before overlapping topics are merged). */
export function isUnclaimedStrength(figure: TopicFigure, context: FlagContext): boolean {
  const { topics } = context;
  const n = figure.signals;
  return (
    n >= context.minMentions &&
    figure.positive >= ALIGNMENT_RULES.unclaimedMinPositiveShare * n &&
    shareAboveBaseline(figure, 'positive', context.z) > 0 &&
    !topics.coveredByValue(figure) &&
    !topics.mentionedInStance(figure)
  );
}

/** The topics raised as unclaimed strengths, one of each overlapping group. */
export function unclaimedStrengthTopics(context: FlagContext): TopicFigure[] {
  return distinctTopics(context.topics.figures.filter((figure) => isUnclaimedStrength(figure, context)));
}

export function unclaimedStrengthFlags(context: FlagContext): AlignmentFlag[] {
  const { topics } = context;
  return unclaimedStrengthTopics(context).map((figure) => {
    const n = figure.signals;
    return {
      kind: 'unclaimed-strength',
      valueId: null,
      title: `Unclaimed strength: customers praise the ${quoted(figure.label)}`,
      explanation:
        `${grouped(n)} reviews and social posts in ${topicWindowText(context)} speak of the ${quoted(figure.label)}, ` +
        `${figure.positive} of them (${percent(figure.positive / n)}) positive, against ${percent(figure.baseline.positive)} of the ` +
        'other reviews and posts. No declared value covers it and ' +
        'none of the brand’s statements mentions it: a strength the brand does not claim.',
      rule:
        `A key phrase in at least ${context.minMentions} reviews and posts over the last ${ALIGNMENT_RULES.topicWeeks} weeks, ` +
        `≥ ${percent(ALIGNMENT_RULES.unclaimedMinPositiveShare)} positive and more positive than the others beyond the ` +
        `${percent(context.confidence)} interval, not covered by any value and absent from the brand’s statements.`,
      evidence: pickEvidence(topics.candidates(figure, 'positive')),
      severity: severityOf('unclaimed-strength', n / (n + context.minMentions)),
    };
  });
}
