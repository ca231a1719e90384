// The small trend chart beside each value in the digest: one bar per week of net sentiment, up
// from the zero line in green, down in red, weeks without mentions as a faint placeholder, the
// digest's week in full colour (earlier weeks lighter), and the expectation as a dashed line.
// The PNG is drawn by our own rasterizer: mail clients block scripts and SVG, and we want no
// native module in the Lambda bundle.
import type { ValueRow } from '#domain/digest-model';
import { encodePng } from './png';
import { createRaster, dashedHLine, fillRect, fillRoundedRect, type Raster } from './raster';
import { signed } from '#domain/alignment/wording';
import { netText } from './wording';

export interface TrendChartOptions {
  /** Size in CSS pixels, as the <img> shows it. */
  width?: number;
  height?: number;
  /** Device pixels per CSS pixel; 2 keeps the chart sharp on retina screens. */
  scale?: number;
}

export const TREND_CHART_SIZE = { width: 240, height: 64, scale: 2 } as const;

// Mid-tone colours that read on a white card and on the dark backgrounds of mail clients in dark
// mode (the PNG is transparent around the marks).
export const TREND_CHART_COLOURS = { up: '#2f9e66', down: '#d1493f', neutral: '#8f8f89', expected: '#5b7fd6' } as const;
const { up: UP, down: DOWN, neutral: NEUTRAL, expected: EXPECTED } = TREND_CHART_COLOURS;

const PAST_ALPHA = 0.45;
const CURRENT_ALPHA = 1;

export function renderTrendChartPng(row: ValueRow, options: TrendChartOptions = {}): Uint8Array {
  const raster = drawTrendChart(row, options);
  return encodePng(raster.width, raster.height, raster.pixels);
}

/**
 * A chart's canvas: a transparent raster of its size (the options', else `size`) at its scale, and
 * the plot inside it, 2 CSS pixels in from the sides and 4 from the top and bottom.
 */
export interface ChartCanvas {
  raster: Raster;
  /** Device pixels per CSS pixel. */
  s: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function chartCanvas(
  options: TrendChartOptions,
  size: { width: number; height: number; scale: number },
): ChartCanvas {
  const s = options.scale ?? size.scale;
  const raster = createRaster(
    Math.round((options.width ?? size.width) * s),
    Math.round((options.height ?? size.height) * s),
  );
  return { raster, s, left: 2 * s, right: raster.width - 2 * s, top: 4 * s, bottom: raster.height - 4 * s };
}

/** The scale a chart has instead of text: faint guides at `guides` across the plot, the zero line stronger. */
export function drawScale(canvas: ChartCanvas, yOf: (net: number) => number, guides: readonly number[]): void {
  const { raster, s, left, right } = canvas;
  for (const guide of guides)
    fillRect(raster, left, yOf(guide) - 0.5 * s, right, yOf(guide) + 0.5 * s, { hex: NEUTRAL, alpha: 0.16 });
  fillRect(raster, left, yOf(0) - 0.5 * s, right, yOf(0) + 0.5 * s, { hex: NEUTRAL, alpha: 0.7 });
}

/** The chart as pixels. */
function drawTrendChart(row: ValueRow, options: TrendChartOptions = {}): Raster {
  const canvas = chartCanvas(options, TREND_CHART_SIZE);
  const { raster, s, left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom } = canvas;
  const { low, high } = chartRange(row);
  const yOf = (net: number) =>
    plotTop + ((high - Math.max(low, Math.min(high, net))) / (high - low)) * (plotBottom - plotTop);
  const zeroY = yOf(0);

  // Faint guides at ±0.5 and ±1 give the bars a scale without any text in the image.
  drawScale(
    canvas,
    yOf,
    [-1, -0.5, 0.5, 1].filter((guide) => guide >= low && guide <= high),
  );

  const weeks = row.trend.length;
  const slot = (plotRight - plotLeft) / Math.max(1, weeks);
  const barWidth = Math.max(2 * s, Math.round(slot * 0.62));
  const radius = Math.min(2 * s, barWidth / 2);
  const minHeight = 2 * s;

  row.trend.forEach((point, index) => {
    const left = Math.round(plotLeft + slot * index + (slot - barWidth) / 2);
    const right = left + barWidth;
    const alpha = index === weeks - 1 ? CURRENT_ALPHA : PAST_ALPHA;
    if (point.net === null) {
      fillRoundedRect(raster, left, zeroY - 1.5 * s, right, zeroY + 1.5 * s, 1.5 * s, { hex: NEUTRAL, alpha: 0.35 });
      return;
    }
    const hex = point.net > 0 ? UP : point.net < 0 ? DOWN : NEUTRAL;
    // A tiny net still gets a visible stub in its direction.
    const end =
      point.net >= 0 ? Math.min(yOf(point.net), zeroY - minHeight) : Math.max(yOf(point.net), zeroY + minHeight);
    if (point.net === 0) fillRect(raster, left, zeroY - minHeight / 2, right, zeroY + minHeight / 2, { hex, alpha });
    else if (point.net > 0)
      fillRoundedRect(raster, left, end, right, zeroY, radius, { hex, alpha }, { top: true, bottom: false });
    else fillRoundedRect(raster, left, zeroY, right, end, radius, { hex, alpha }, { top: false, bottom: true });
  });

  if (row.expectedNet !== null) {
    dashedHLine(raster, plotLeft, plotRight, Math.round(yOf(row.expectedNet)), 1.5 * s, 4 * s, 3 * s, {
      hex: EXPECTED,
      alpha: 1,
    });
  }
  return raster;
}

/**
 * The net-sentiment range the chart spans: 0 to +1 when every week (and the expectation) is
 * positive, −1 to 0 when all are negative, −1 to +1 otherwise. Fixed ends keep a bar's height
 * honest (+0.50 is half way up, never "full"), and a side with no data takes no room.
 */
function chartRange(row: ValueRow): { low: number; high: number } {
  const values = row.trend.map((point) => point.net).filter((net): net is number => net !== null);
  if (row.expectedNet !== null) values.push(row.expectedNet);
  const low = values.some((value) => value < 0) ? -1 : 0;
  const high = values.some((value) => value > 0) || low === 0 ? 1 : 0;
  // Headroom so the tallest bar does not touch the edge.
  const pad = (high - low) * 0.06;
  return { low: low - pad, high: high + pad };
}

/** What the chart shows, in words, for the <img> alt text and screen readers. */
export function trendChartAlt(row: ValueRow): string {
  const weeks = row.trend;
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return `No weekly trend yet for ${row.label}.`;
  const withData = weeks.filter((point) => point.net !== null).length;
  const expectation = row.expectedNet === null ? '' : `; expectation ${signed(row.expectedNet)}`;
  return (
    `Net sentiment for ${row.label}, ${weeks.length} weeks ${first.week} to ${last.week}: ` +
    `${netText(first.net)} in the first week, ${netText(last.net)} this week` +
    `${withData < weeks.length ? ` (${weeks.length - withData} weeks without mentions)` : ''}${expectation}.`
  );
}
