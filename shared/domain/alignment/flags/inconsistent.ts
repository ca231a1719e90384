// Rule 3, inconsistent: customers experience the value differently by channel. Two channels, each
// with at least the per-channel minimum of mentions this week (max(5, ⌈minMentions / 2⌉)), whose
// nets differ by more than thresholds.divergence and whose intervals do not overlap.
import { pickEvidence } from '../evidence';
import { severityOf } from '../rules';
import type { AlignmentFlag, ChannelAlignment } from '../types';
import { channelNoun, grouped, netWithIntervalText, percent, quoted, signed } from '../wording';
import { quoteCandidates } from '../weekly-figures';
import { valuesWithEvidence, type FlagContext } from './context';

export function inconsistentFlags(context: FlagContext): AlignmentFlag[] {
  return valuesWithEvidence(context).flatMap(({ alignment, evidence }) => {
    const divergent = alignment.consistency.divergent;
    if (divergent === null) return [];
    const figure = (channel: string) => alignment.channels.find((each) => each.channel === channel) as ChannelAlignment;
    const high = figure(divergent.high);
    const low = figure(divergent.low);
    if (high.net === null || low.net === null || high.interval === null || low.interval === null) return [];
    const weeks = new Set([context.calendar.last]);
    const lowQuotes = pickEvidence(quoteCandidates(evidence, { weeks, channel: low.channel, labels: ['NEGATIVE'] }), 2);
    const highQuotes = pickEvidence(
      quoteCandidates(evidence, { weeks, channel: high.channel, labels: ['POSITIVE'] }),
      1,
    );
    return [
      {
        kind: 'inconsistent',
        valueId: alignment.id,
        title: `${quoted(alignment.label)} differs by channel: ${channelNoun(high.channel)} ${signed(high.net)}, ${channelNoun(low.channel)} ${signed(low.net)}`,
        explanation:
          `${channelNoun(high.channel)}: ${netWithIntervalText(high.net, high.interval, context.confidence)} from ${grouped(high.mentions)} mentions; ` +
          `${channelNoun(low.channel)}: ${netWithIntervalText(low.net, low.interval, context.confidence)} from ${grouped(low.mentions)}. ` +
          `They differ by ${divergent.difference.toFixed(2)} and their intervals do not overlap. ` +
          `Overall this week: net ${signed(alignment.net ?? 0)} against a promise of ${alignment.expectedText}.`,
        rule:
          `Two channels with at least ${context.perChannelMinimum} mentions each this week whose nets differ by more than ` +
          `${context.divergence.toFixed(2)} and whose ${percent(context.confidence)} intervals do not overlap.`,
        evidence: [...lowQuotes, ...highQuotes],
        severity: severityOf('inconsistent', (divergent.difference / 2) * (alignment.weight / context.maxWeight)),
      },
    ];
  });
}
