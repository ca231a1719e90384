// Rule 1, say-do gap: the brand promises the value (every declared value is a promise) but this
// week's customers contradict it: the delivered figure is below the promise beyond its interval
// (upper bound < expectation), with at least minMentions customer mentions.
import type { Channel } from '#domain/profile';
import type { SentimentLabel } from '#domain/analyzer';
import { pickEvidence } from '../evidence';
import { ALIGNMENT_RULES, severityOf } from '../rules';
import type { AlignmentFlag, ValueAlignment } from '../types';
import {
  channelNoun,
  channelPlace,
  confidenceIntervalText,
  netWithIntervalText,
  grouped,
  percent,
  plural,
  quoted,
  signed,
} from '../wording';
import { quoteCandidates } from '../weekly-figures';
import { valuesWithEvidence, type FlagContext } from './context';

/** The channel where the value does worst, among channels with enough mentions to say so. */
function worstChannel(alignment: ValueAlignment, perChannelMinimum: number): Channel | null {
  const eligible = alignment.channels.filter((figure) => figure.net !== null && figure.mentions >= perChannelMinimum);
  eligible.sort((a, b) => (a.net as number) - (b.net as number) || b.mentions - a.mentions);
  return eligible[0]?.channel ?? null;
}

export function channelBreakdown(alignment: ValueAlignment): string {
  return alignment.channels
    .filter((figure) => figure.mentions > 0 && figure.net !== null)
    .map((figure) => `${channelNoun(figure.channel)} ${signed(figure.net as number)} from ${grouped(figure.mentions)}`)
    .join(', ');
}

export function emphasisText(alignment: ValueAlignment): string {
  const { week, trailing } = alignment.stanceEmphasis;
  const weeks = ALIGNMENT_RULES.emphasisWeeks;
  if (trailing.statements === 0) return `The brand made no statements in the last ${weeks} weeks.`;
  if (trailing.mentioning === 0)
    return `None of the brand’s ${plural(trailing.statements, 'statement')} of the last ${weeks} weeks mentions it.`;
  return `The brand’s statements mention it: ${week.mentioning} of ${week.statements} this week, ${trailing.mentioning} of ${trailing.statements} over the last ${weeks} weeks.`;
}

/** "net −0.80 (90% CI …) vs promise net ≥ +0.30", plus the positive share when the profile sets one. */
export function promiseComparison(alignment: ValueAlignment, confidence: number): string {
  const parts: string[] = [];
  if (alignment.expectedNet !== null && alignment.net !== null && alignment.interval !== null) {
    parts.push(
      `${netWithIntervalText(alignment.net, alignment.interval, confidence)} against a promise of net ≥ ${signed(alignment.expectedNet)}`,
    );
  }
  if (
    alignment.expectedPositiveShare !== null &&
    alignment.positiveShare !== null &&
    alignment.positiveShareInterval !== null
  ) {
    parts.push(
      `positive share ${percent(alignment.positiveShare)} (${confidenceIntervalText(alignment.positiveShareInterval, confidence, percent)}) ` +
        `against a promise of ≥ ${percent(alignment.expectedPositiveShare)}` +
        (alignment.expectedNet === null && alignment.gap !== null
          ? `, a gap of ${signed(alignment.gap * 100, 0)} points of positive share`
          : ''),
    );
  }
  return parts.join('; ');
}

export function sayDoGapFlags(context: FlagContext): AlignmentFlag[] {
  return valuesWithEvidence(context).flatMap(({ alignment, evidence }) => {
    if (alignment.status !== 'contradicted') return [];
    const worst = worstChannel(alignment, context.perChannelMinimum);
    const weeks = new Set([context.calendar.last]);
    // A promise can be missed by indifference too (all neutral against a positive promise): then
    // the evidence is the mentions that were not positive.
    const labels: SentimentLabel[] = alignment.negative > 0 ? ['NEGATIVE'] : ['NEGATIVE', 'NEUTRAL', 'MIXED'];
    const candidates = quoteCandidates(evidence, { weeks, labels });
    return [
      {
        kind: 'say-do-gap',
        valueId: alignment.id,
        title: `${quoted(alignment.label)} contradicted ${worst === null ? 'across channels' : channelPlace(worst)}`,
        explanation:
          `${plural(alignment.mentions, 'customer mention')} this week (${channelBreakdown(alignment)}): ` +
          `${promiseComparison(alignment, context.confidence)}. ${emphasisText(alignment)}`,
        rule:
          `Delivered sentiment below the promise beyond its ${percent(context.confidence)} interval, ` +
          `with at least ${context.minMentions} customer mentions in the week.`,
        evidence: pickEvidence(
          // the channel named in the title first
          candidates.map((candidate) => ({
            ...candidate,
            strength: candidate.strength + (candidate.channel === worst ? 1 : 0),
          })),
        ),
        severity: severityOf('say-do-gap', (1 - (alignment.indexScore ?? 1)) * (alignment.weight / context.maxWeight)),
      },
    ];
  });
}
