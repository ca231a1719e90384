// The digest's "How you compare" section: the alignment report's comparison (domain/alignment/
// comparison.ts) as the digest model shows it, with its quotes linked to their signals.
import type { CompetitorComparison, EntityFigure } from '#domain/alignment/comparison';
import { perChannelMinimum } from '#domain/alignment/rules';
import type { FlagEvidence } from '#domain/alignment/types';
import type { ComparisonSection, EntityValueFigure, Evidence, TrendPoint } from '#domain/digest-model';
import type { Signal } from '#domain/signal';

/** The Content-ID of a value's comparison chart. */
export function comparisonChartId(valueId: string): string {
  return `compare-${valueId}`;
}

export function comparisonSection(
  comparison: CompetitorComparison | null,
  evidenceOf: (item: FlagEvidence, signals: Map<string, Signal>) => Evidence,
  signals: Map<string, Signal>,
  minMentions: number,
): ComparisonSection | null {
  if (comparison === null) return null;
  const [brand, ...competitors] = comparison.entities;
  if (brand === undefined) return null;
  const figureOf = (valueId: string, label: string, week: EntityFigure, trend: TrendPoint[]): EntityValueFigure => ({
    valueId,
    label,
    mentions: week.mentions,
    net: week.net,
    interval: week.interval,
    trend,
  });
  return {
    brand: {
      id: brand.id,
      name: brand.name,
      values: comparison.values.map((value) =>
        figureOf(value.valueId, value.label, value.brand.week, value.brand.trend),
      ),
      shareOfVoice: comparison.shareOfVoice.map((voice) => {
        const own = voice.entities[0];
        return {
          channel: voice.channel,
          signals: own?.signals ?? 0,
          negative: own?.negative ?? 0,
          positive: own?.positive ?? 0,
          share: voice.brandShare,
          shareInterval: voice.brandShareInterval,
          negativeShare: voice.negativeShare,
          positiveShare: voice.positiveShare,
          trend: voice.trend,
          change: {
            recentShare: voice.change.recent.share,
            earlierShare: voice.change.earlier.share,
            difference: voice.change.difference,
            interval: voice.change.interval,
            direction: voice.change.direction,
          },
        };
      }),
      comprehendUnits: comparison.comprehendUnits[brand.id] ?? 0,
    },
    competitors: competitors.map((competitor) => ({
      id: competitor.id,
      name: competitor.name,
      values: comparison.values.flatMap((value) => {
        const figures = value.competitors.find((each) => each.competitorId === competitor.id);
        if (figures === undefined) return [];
        return [
          {
            ...figureOf(value.valueId, value.label, figures.week, figures.trend),
            difference: figures.difference,
            differenceInterval: figures.differenceInterval,
            standing: figures.standing,
            weeksAbove: figures.weeksAbove,
          },
        ];
      }),
      shareOfVoice: comparison.shareOfVoice.map((voice) => {
        const theirs = voice.entities.find((each) => each.entityId === competitor.id);
        return {
          channel: voice.channel,
          signals: theirs?.signals ?? 0,
          negative: theirs?.negative ?? 0,
          positive: theirs?.positive ?? 0,
          share: theirs?.share ?? null,
        };
      }),
      comprehendUnits: comparison.comprehendUnits[competitor.id] ?? 0,
    })),
    findings: comparison.findings.map((finding) => ({
      kind: finding.kind,
      valueId: finding.valueId,
      channel: finding.channel,
      title: finding.title,
      explanation: finding.explanation,
      evidence: finding.evidence.map((item) => ({ ...evidenceOf(item, signals), about: item.entityName })),
    })),
    chartMinMentions: perChannelMinimum(minMentions),
    chartIds: Object.fromEntries(comparison.values.map((value) => [value.valueId, comparisonChartId(value.valueId)])),
    rule: comparison.rule,
  };
}
