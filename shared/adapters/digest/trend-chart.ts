// The small trend chart beside each value in the digest: one bar per week of net sentiment, up
// from the zero line in green, down in red, weeks without mentions as a faint placeholder, the
// digest's week in full colour (earlier weeks lighter), and the expectation as a dashed line.
// The PNG is drawn by our own rasterizer: mail clients block scripts and SVG, and we want no
// native module in the Lambda bundle.
import type { DigestModel, ValueRow } from '#domain/digest-model';
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

/** The chart as pixels. */
function drawTrendChart(row: ValueRow, options: TrendChartOptions = {}): Raster {
  const width = options.width ?? TREND_CHART_SIZE.width;
  const height = options.height ?? TREND_CHART_SIZE.height;
  const s = options.scale ?? TREND_CHART_SIZE.scale;
  const raster = createRaster(Math.round(width * s), Math.round(height * s));

  const plotLeft = 2 * s;
  const plotRight = raster.width - 2 * s;
  const plotTop = 4 * s;
  const plotBottom = raster.height - 4 * s;
  const { low, high } = chartRange(row);
  const yOf = (net: number) =>
    plotTop + ((high - Math.max(low, Math.min(high, net))) / (high - low)) * (plotBottom - plotTop);
  const zeroY = yOf(0);

  // Faint guides at ±0.5 and ±1 give the bars a scale without any text in the image.
  for (const guide of [-1, -0.5, 0.5, 1]) {
    if (guide >= low && guide <= high)
      fillRect(raster, plotLeft, yOf(guide) - 0.5 * s, plotRight, yOf(guide) + 0.5 * s, { hex: NEUTRAL, alpha: 0.16 });
  }
  fillRect(raster, plotLeft, zeroY - 0.5 * s, plotRight, zeroY + 0.5 * s, { hex: NEUTRAL, alpha: 0.7 });

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

export interface ChartAttachment {
  /** The value's chartId: the Content-ID the HTML refers to as cid:… */
  cid: string;
  filename: string;
  png: Uint8Array;
}

/** One trend chart per value, in the order of the values table. */
export function chartsFor(model: DigestModel, options: TrendChartOptions = {}): ChartAttachment[] {
  return model.values.map((row) => ({
    cid: row.chartId,
    filename: chartFilename(row),
    png: renderTrendChartPng(row, options),
  }));
}

/** "trend-free-repairs.png": the value id made safe for a file name. */
export function chartFilename(row: ValueRow): string {
  const safe = row.id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `trend-${safe || 'value'}.png`;
}
