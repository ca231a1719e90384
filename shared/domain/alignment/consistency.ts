// Does one value feel the same on every channel? Channels with enough mentions this week are
// compared pairwise; two of them disagree when their nets differ by more than thresholds.divergence
// and their intervals do not overlap.
import { netInterval, netOfTally } from './statistics';
import type { ChannelAlignment, Consistency } from './types';
import type { ValueEvidence } from './weekly-figures';

/** This week's figures for every channel that counts for the value. */
export function channelFigures(evidence: ValueEvidence, week: number, z: number): ChannelAlignment[] {
  return evidence.channels.map((channel) => {
    const tally = evidence.weekly[week]?.get(channel) ?? { n: 0, positive: 0, negative: 0 };
    return { channel, mentions: tally.n, net: netOfTally(tally), interval: netInterval(tally, z) };
  });
}

export function consistencyOf(
  channels: readonly ChannelAlignment[],
  perChannelMinimum: number,
  divergence: number,
): Consistency {
  const compared = channels.filter(
    (figure) => figure.mentions >= perChannelMinimum && figure.net !== null && figure.interval !== null,
  );
  const nets = compared.map((figure) => figure.net as number);
  const spread = compared.length >= 2 ? Math.max(...nets) - Math.min(...nets) : null;
  let divergent: Consistency['divergent'] = null;
  for (const high of compared) {
    for (const low of compared) {
      if (high.net === null || low.net === null || high.interval === null || low.interval === null) continue;
      const difference = high.net - low.net;
      const separated = low.interval.high < high.interval.low;
      if (difference > divergence && separated && (divergent === null || difference > divergent.difference)) {
        divergent = { high: high.channel, low: low.channel, difference };
      }
    }
  }
  return { comparedChannels: compared.map((figure) => figure.channel), spread, divergent };
}
