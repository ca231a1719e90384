// "How you compare" in words: which values the section shows and for whom, and the numbers, standings
// and shares the HTML and plain-text digests both print, so both say the same thing the same way.
import type {
  BrandVoiceFigure,
  ComparisonFindingRow,
  ComparisonSection,
  CompetitorValueFigure,
  EntityValueFigure,
  Interval,
} from '#domain/digest-model';
import type { Channel } from '#domain/profile';
import { ALIGNMENT_RULES } from '#domain/alignment/rules';
import { percent, signed } from '#domain/alignment/wording';
import { intervalText, netText } from './wording';

/** One entity's row on a compared value: the brand's, or a competitor's with its standing. */
export interface ComparedEntity {
  id: string;
  name: string;
  /** 0 for the brand, then 1, 2… for the competitors as declared: the entity's colour on every chart. */
  position: number;
  figure: EntityValueFigure;
  /** The competitor's figure with its standing against the brand; null for the brand. */
  competitor: CompetitorValueFigure | null;
}

/** A declared value as the section compares it: the brand first, then each competitor. */
export interface ComparedValue {
  valueId: string;
  label: string;
  /** Content-ID of the value's comparison chart; null when the model names none. */
  chartId: string | null;
  entities: ComparedEntity[];
  /** Weeks with fewer mentions than this are left out of an entity's line (ComparisonSection.chartMinMentions). */
  chartMinMentions: number;
}

/** How many findings show their quotes; the rest show their title and explanation. */
export const FULL_FINDINGS = 3;
/** How many quotes a finding shows (two from each side, at most). */
export const QUOTES_PER_FINDING = 4;

export const COMPARISON_TITLE = 'How you compare';

export const COMPARISON_NO_FINDINGS =
  'No competitor is ahead of you or behind you on a value beyond the margin of error this week, and your share of voice is not falling.';

const hasMentions = (figure: EntityValueFigure) =>
  figure.mentions > 0 || figure.trend.some((point) => point.mentions > 0);

/**
 * The declared values in the brand's order, each with the brand and every competitor that has
 * figures on it; a value no entity was mentioned on, in any week of the trend, is left out.
 */
export function comparedValues(section: ComparisonSection): ComparedValue[] {
  return section.brand.values
    .map((figure) => ({
      valueId: figure.valueId,
      label: figure.label,
      chartId: section.chartIds[figure.valueId] ?? null,
      chartMinMentions: section.chartMinMentions,
      entities: [
        { id: section.brand.id, name: section.brand.name, position: 0, figure, competitor: null },
        ...section.competitors.flatMap((competitor, index) => {
          const theirs = competitor.values.find((each) => each.valueId === figure.valueId);
          return theirs
            ? [{ id: competitor.id, name: competitor.name, position: index + 1, figure: theirs, competitor: theirs }]
            : [];
        }),
      ],
    }))
    .filter((value) => value.entities.some((entity) => hasMentions(entity.figure)));
}

/** "Cobalt Cycles", "Cobalt Cycles and Alderway Bikes", "A, B and C". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The section's subtitle: who is compared with whom, on what. */
export function comparisonSubtitle(section: ComparisonSection): string {
  return `${section.brand.name} against ${namesText(section.competitors.map((competitor) => competitor.name))} on your declared values, and share of voice`;
}

/** "+0.62 (+0.41 to +0.78)": a net with its interval; an em dash without mentions. */
export function netWithInterval(net: number | null, interval: Interval | null): string {
  const range = intervalText(interval);
  return net === null ? netText(null) : range ? `${netText(net)} (${range})` : netText(net);
}

/**
 * The competitor's standing against the brand this week: "ahead by +0.62", "behind by 0.30",
 * "level", "not enough evidence (6 of 10 mentions)", with "above you 3 weeks running" after it
 * from the second week in a row.
 */
export function standingText(competitor: CompetitorValueFigure, brand: EntityValueFigure, minMentions: number): string {
  const difference = competitor.difference;
  const standing = (() => {
    switch (competitor.standing) {
      case 'ahead':
        return difference === null ? 'ahead' : `ahead by ${signed(difference)}`;
      case 'behind':
        return difference === null ? 'behind' : `behind by ${Math.abs(difference).toFixed(2)}`;
      case 'level':
        return 'level';
      case 'not-enough-evidence':
        if (competitor.mentions < minMentions)
          return `not enough evidence (${competitor.mentions} of ${minMentions} mentions)`;
        if (brand.mentions < minMentions)
          return `not enough evidence (yours: ${brand.mentions} of ${minMentions} mentions)`;
        return 'not enough evidence';
    }
  })();
  return competitor.weeksAbove >= 2 ? `${standing} · above you ${competitor.weeksAbove} weeks running` : standing;
}

const FINDING_LABELS: Record<ComparisonFindingRow['kind'], string> = {
  'competitor-ahead': 'Competitor ahead',
  'losing-share-of-voice': 'Losing share of voice',
  'brand-leads': 'You lead',
};

export function findingLabel(kind: ComparisonFindingRow['kind']): string {
  return FINDING_LABELS[kind];
}

/** One entity's voice on a channel this week. */
export interface VoiceCell {
  name: string;
  position: number;
  signals: number;
  share: number | null;
}

/** A customer channel's voice this week: every entity's, and the brand's with its shares and trend. */
export interface VoiceRow {
  channel: Channel;
  cells: VoiceCell[];
  brand: BrandVoiceFigure;
}

/** The channels on which someone (the brand or a competitor) was named this week, in the model's order. */
export function voiceRows(section: ComparisonSection): VoiceRow[] {
  return section.brand.shareOfVoice
    .map((brand) => ({
      channel: brand.channel,
      brand,
      cells: [
        { name: section.brand.name, position: 0, signals: brand.signals, share: brand.share },
        ...section.competitors.map((competitor, index) => {
          const theirs = competitor.shareOfVoice.find((each) => each.channel === brand.channel);
          return {
            name: competitor.name,
            position: index + 1,
            signals: theirs?.signals ?? 0,
            share: theirs?.share ?? null,
          };
        }),
      ],
    }))
    .filter((row) => row.cells.some((cell) => cell.signals > 0));
}

export function shareText(share: number | null): string {
  return share === null ? '—' : percent(share);
}

/** "your share 39% (90% CI 30% to 49%); 52% of the negative voice, 31% of the positive". */
export function brandVoiceText(figure: BrandVoiceFigure, confidence: number): string {
  const interval = figure.shareInterval
    ? ` (${percent(confidence)} CI ${percent(figure.shareInterval.low)} to ${percent(figure.shareInterval.high)})`
    : '';
  return `your share ${shareText(figure.share)}${interval}; ${shareText(figure.negativeShare)} of the negative voice, ${shareText(figure.positiveShare)} of the positive`;
}

export type VoiceDirection = BrandVoiceFigure['change']['direction'];

/**
 * "falling: 33% over the last 3 weeks, down from 48% before; by week 50, 47, … 33%": the direction
 * in words, not only a colour, and the weekly shares it comes from (weeks without signals as "–").
 */
export function voiceChangeText(figure: Pick<BrandVoiceFigure, 'change' | 'trend'>): string {
  const byWeek = `by week ${figure.trend.map((week) => (week.share === null ? '–' : Math.round(week.share * 100))).join(', ')}%`;
  return `${voiceChangeWords(figure.change)}; ${byWeek}`;
}

function voiceChangeWords(change: BrandVoiceFigure['change']): string {
  const { recentShare: recent, earlierShare: earlier } = change;
  if (change.direction === 'not-enough-evidence' || recent === null || earlier === null)
    return 'too few signals yet to tell a trend';
  const linker = { falling: ', down from', rising: ', up from', steady: ' against' }[change.direction];
  return `${change.direction}: ${percent(recent)} over the last ${ALIGNMENT_RULES.trendRecentWeeks} weeks${linker} ${percent(earlier)} before`;
}

/**
 * What each entity's signals cost in Amazon Comprehend this week, and the competitors' part as
 * what benchmarking costs: "Amazon Comprehend this week: Fernhill Bikes 1,184 units, Cobalt
 * Cycles 412, Alderway Bikes 163 (estimated, not billed). Benchmarking the competitors is their
 * 575 units."
 */
export function comparisonUnitsText(section: ComparisonSection, estimated: boolean): string {
  const units = (count: number) => count.toLocaleString('en-GB');
  const competitors = section.competitors.reduce((sum, competitor) => sum + competitor.comprehendUnits, 0);
  const each = [
    `${section.brand.name} ${units(section.brand.comprehendUnits)} units`,
    ...section.competitors.map((competitor) => `${competitor.name} ${units(competitor.comprehendUnits)}`),
  ];
  return (
    `Amazon Comprehend this week: ${namesText(each)}${estimated ? ' (estimated, not billed)' : ''}. ` +
    `The competitors' ${units(competitors)} ${competitors === 1 ? 'unit is' : 'units are'} what benchmarking costs.`
  );
}

/** The findings shown with their quotes, and the rest. */
export function splitFindings(section: ComparisonSection): {
  full: ComparisonFindingRow[];
  other: ComparisonFindingRow[];
} {
  return { full: section.findings.slice(0, FULL_FINDINGS), other: section.findings.slice(FULL_FINDINGS) };
}

/** The weeks the trends span, "2026-W39 to 2026-W47", or null without any. */
export function weeksText(value: ComparedValue): string | null {
  const trend = value.entities[0]?.figure.trend ?? [];
  const first = trend[0]?.week;
  const last = trend[trend.length - 1]?.week;
  return first && last ? `${first} to ${last}` : null;
}
