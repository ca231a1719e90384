// The small chart beside each value in "How you compare": one line per entity through its net
// sentiment week by week (the brand's strong and on top, the competitors' thinner in muted
// colours; a week without mentions breaks the line), and for the digest's week a dot per entity
// with its interval as a vertical whisker, side by side so they do not hide each other. The scale is
// always −1 to +1, with the zero line and faint guides at ±0.5. No text: the HTML names each
// colour in its table, and the alt text says what the chart shows.
import { encodePng } from './png';
import { fillCircle, type Raster, strokePolyline } from './raster';
import { type ComparedEntity, type ComparedValue, netWithInterval } from './comparison-wording';
import { chartCanvas, drawScale, type TrendChartOptions } from './trend-chart';

export const COMPARISON_CHART_SIZE = { width: 240, height: 96, scale: 2 } as const;

/**
 * Mid-tones that read on a white card and on a mail client's dark background (the PNG is
 * transparent around the marks), none of them the trend charts' green or red, which mean good and
 * bad. The names are for the alt text.
 */
export const COMPARISON_CHART_COLOURS = {
  brand: { hex: '#2f6fd0', name: 'blue' },
  competitors: [
    { hex: '#cc8a3e', name: 'amber' },
    { hex: '#9b7fc6', name: 'violet' },
    { hex: '#4a9f98', name: 'teal' },
    { hex: '#c47a93', name: 'rose' },
    { hex: '#8d9a4d', name: 'olive' },
  ],
} as const;

/** The colour of the entity at `position` (0 the brand, then the competitors), the same on every chart. */
export function entityColour(position: number): { hex: string; name: string } {
  const { brand, competitors } = COMPARISON_CHART_COLOURS;
  if (position <= 0) return brand;
  return competitors[(position - 1) % competitors.length] ?? brand;
}

export function renderComparisonChartPng(value: ComparedValue, options: TrendChartOptions = {}): Uint8Array {
  const raster = drawComparisonChart(value, options);
  return encodePng(raster.width, raster.height, raster.pixels);
}

function drawComparisonChart(value: ComparedValue, options: TrendChartOptions): Raster {
  const canvas = chartCanvas(options, COMPARISON_CHART_SIZE);
  const { raster, s, left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom } = canvas;
  // −1 to +1 with a little headroom, so a whisker reaching ±1 is not cut by the edge.
  const reach = 1.04;
  const yOf = (net: number) =>
    plotTop + ((reach - Math.max(-1, Math.min(1, net))) / (2 * reach)) * (plotBottom - plotTop);
  drawScale(canvas, yOf, [-0.5, 0.5]);

  const weeks = Math.max(0, ...value.entities.map((entity) => entity.figure.trend.length));
  if (weeks === 0) return raster;
  const slot = (plotRight - plotLeft) / weeks;
  const xOf = (week: number) => plotLeft + slot * (week + 0.5);
  // This week's dots stand side by side around the week's centre, the brand in the middle.
  const count = value.entities.length;
  const gap = count > 1 ? Math.min(7 * s, (slot * 0.8) / (count - 1)) : 0;
  const thisWeekX = (index: number) => xOf(weeks - 1) + (index - (count - 1) / 2) * gap;
  const dodge = dodgeOrder(count);

  // Competitors first, the last declared at the bottom; the brand on top.
  const drawOrder = value.entities.map((entity, index) => ({ entity, slotIndex: dodge[index] ?? index })).reverse();
  for (const { entity, slotIndex } of drawOrder) {
    const brand = entity.position === 0;
    const paint = { hex: entityColour(entity.position).hex, alpha: 1 };
    const thickness = (brand ? 2.5 : 1.5) * s;
    for (const run of runsOf(entity, value.chartMinMentions)) {
      const points = run.map(
        ({ week, net }) => [week === weeks - 1 ? thisWeekX(slotIndex) : xOf(week), yOf(net)] as const,
      );
      // A lone week, not this one, is a dot as wide as the line would be.
      if (points.length === 1 && run[0]?.week !== weeks - 1) strokePolyline(raster, points, thickness * 1.6, paint);
      else if (points.length > 1) strokePolyline(raster, points, thickness, paint);
    }
  }
  for (const { entity, slotIndex } of drawOrder) {
    const last = entity.figure.trend[weeks - 1];
    if (!last || last.net === null) continue;
    const brand = entity.position === 0;
    const paint = { hex: entityColour(entity.position).hex, alpha: 1 };
    const x = thisWeekX(slotIndex);
    if (last.interval) {
      strokePolyline(
        raster,
        [
          [x, yOf(last.interval.low)],
          [x, yOf(last.interval.high)],
        ],
        (brand ? 1.75 : 1.25) * s,
        paint,
      );
    }
    fillCircle(raster, x, yOf(last.net), (brand ? 3.5 : 3) * s, paint);
  }
  return raster;
}

/**
 * Where each entity's dot goes among this week's: the brand (first) in the middle, the competitors
 * around it, so the brand's dot is where its line would end.
 */
function dodgeOrder(count: number): number[] {
  const middle = Math.floor((count - 1) / 2);
  const others = Array.from({ length: count }, (_, index) => index).filter((index) => index !== middle);
  return [middle, ...others];
}

/**
 * The entity's weeks with a net, in runs of consecutive weeks: a week without mentions, or with
 * fewer than `minMentions`, breaks the line.
 */
function runsOf(entity: ComparedEntity, minMentions: number): Array<Array<{ week: number; net: number }>> {
  const runs: Array<Array<{ week: number; net: number }>> = [];
  let run: Array<{ week: number; net: number }> = [];
  entity.figure.trend.forEach((point, week) => {
    if (point.net === null || point.mentions < minMentions) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ week, net: point.net });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** What the chart shows, in words, for the <img> alt text and screen readers. */
export function comparisonChartAlt(value: ComparedValue): string {
  const trend = value.entities[0]?.figure.trend ?? [];
  const first = trend[0]?.week;
  const last = trend[trend.length - 1]?.week;
  const span = first && last ? `, ${trend.length} weeks ${first} to ${last}` : '';
  const entities = value.entities.map(
    (entity) =>
      `${entity.name} (${entityColour(entity.position).name}) ${netWithInterval(entity.figure.net, entity.figure.interval)}`,
  );
  return `Net sentiment on ${value.label} per week${span}, one line each; this week: ${entities.join(', ')}.`;
}
