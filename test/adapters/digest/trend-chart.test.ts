import { describe, expect, it } from 'vitest';
import type { ValueRow } from '#domain/digest-model';
import { chartsFor } from '#adapters/digest/charts';
import { renderTrendChartPng, TREND_CHART_COLOURS, trendChartAlt } from '#adapters/digest/trend-chart';
import { sampleDigestModel } from '#test/fixtures/digest/sample-model';
import { decodePng, type DecodedPng } from '#test/support/png-reader';

function row(id: string): ValueRow {
  const found = sampleDigestModel().values.find((value) => value.id === id);
  if (!found) throw new Error(`no value ${id} in the sample`);
  return found;
}

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((start) => parseInt(colour.slice(start, start + 2), 16)) as [number, number, number];
}

function pixel(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!, image.rgba[i + 3]!];
}

function isColour(value: [number, number, number, number], colour: string, minAlpha: number, maxAlpha = 255): boolean {
  const [r, g, b] = hex(colour);
  return (
    Math.abs(value[0] - r) <= 2 &&
    Math.abs(value[1] - g) <= 2 &&
    Math.abs(value[2] - b) <= 2 &&
    value[3] >= minAlpha &&
    value[3] <= maxAlpha
  );
}

/** Pixels of `colour` in the column through the middle of week `index`'s bar. */
function columnCount(
  image: DecodedPng,
  weeks: number,
  index: number,
  colour: string,
  minAlpha: number,
  maxAlpha = 255,
): number {
  const plotLeft = 4;
  const slot = (image.width - 8) / weeks;
  const x = Math.round(plotLeft + slot * (index + 0.5));
  let count = 0;
  for (let y = 0; y < image.height; y++) if (isColour(pixel(image, x, y), colour, minAlpha, maxAlpha)) count++;
  return count;
}

/** Rows where the expectation's dashed line is drawn, with how often the dash starts and stops. */
function dashedRows(image: DecodedPng): Array<{ y: number; runs: number }> {
  const rows: Array<{ y: number; runs: number }> = [];
  for (let y = 0; y < image.height; y++) {
    let runs = 0;
    let inside = false;
    let hits = 0;
    for (let x = 0; x < image.width; x++) {
      const on = isColour(pixel(image, x, y), TREND_CHART_COLOURS.expected, 250);
      if (on) hits++;
      if (on && !inside) runs++;
      inside = on;
    }
    if (hits > image.width / 3) rows.push({ y, runs });
  }
  return rows;
}

describe('the trend chart', () => {
  it('is a 240×64 chart drawn at twice the resolution for retina screens', () => {
    const image = decodePng(renderTrendChartPng(row('free-repairs')));
    expect([image.width, image.height]).toEqual([480, 128]);
    const small = decodePng(renderTrendChartPng(row('free-repairs'), { width: 120, height: 40, scale: 1 }));
    expect([small.width, small.height]).toEqual([120, 40]);
  });

  it('draws positive weeks in green, negative weeks in red, and the digest’s week at full strength', () => {
    const image = decodePng(renderTrendChartPng(row('free-repairs')));
    // W39 (+0.46): a lighter green bar; W47 (−0.85): a solid red bar.
    expect(columnCount(image, 9, 0, TREND_CHART_COLOURS.up, 100, 130)).toBeGreaterThan(20);
    expect(columnCount(image, 9, 0, TREND_CHART_COLOURS.down, 1)).toBe(0);
    expect(columnCount(image, 9, 8, TREND_CHART_COLOURS.down, 255)).toBeGreaterThan(40);
    expect(columnCount(image, 9, 8, TREND_CHART_COLOURS.up, 1)).toBe(0);
  });

  it('draws a week without mentions as a faint placeholder, not as a bar', () => {
    const sustainability = row('sustainability');
    expect(sustainability.trend[1]?.net).toBeNull();
    const image = decodePng(renderTrendChartPng(sustainability));
    expect(columnCount(image, 9, 1, TREND_CHART_COLOURS.up, 1)).toBe(0);
    expect(columnCount(image, 9, 1, TREND_CHART_COLOURS.down, 1)).toBe(0);
    const faint = columnCount(image, 9, 1, TREND_CHART_COLOURS.neutral, 60, 254);
    expect(faint).toBeGreaterThan(2);
    expect(faint).toBeLessThan(12);
  });

  it('draws the expectation as a dashed line above the zero line when it is positive', () => {
    const image = decodePng(renderTrendChartPng(row('honest-pricing')));
    const rows = dashedRows(image);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((line) => line.runs >= 20)).toBe(true);
    // +0.20 lies below the top of this week's +0.50 bar.
    const barTop = Array.from({ length: image.height }, (_, y) => y).find((y) =>
      isColour(pixel(image, Math.round(4 + ((image.width - 8) / 9) * 8.5), y), TREND_CHART_COLOURS.up, 250),
    );
    expect(barTop).toBeDefined();
    expect(rows[0]!.y).toBeGreaterThan(barTop!);
    // The zero line shows between two bars, below the dashes.
    const between = Math.round(4 + (image.width - 8) / 9);
    const zeroRows = Array.from({ length: image.height }, (_, y) => y).filter((y) =>
      isColour(pixel(image, between, y), TREND_CHART_COLOURS.neutral, 150),
    );
    expect(zeroRows.length).toBeGreaterThan(0);
    expect(Math.min(...zeroRows)).toBeGreaterThan(rows[rows.length - 1]!.y);
  });

  it('leaves the expectation out when the profile sets none', () => {
    const image = decodePng(renderTrendChartPng({ ...row('honest-pricing'), expectedNet: null }));
    expect(dashedRows(image)).toEqual([]);
  });

  it('is transparent around the marks so it sits on light and dark backgrounds', () => {
    const image = decodePng(renderTrendChartPng(row('honest-pricing')));
    expect(pixel(image, 0, 0)[3]).toBe(0);
    expect(pixel(image, image.width - 1, image.height - 1)[3]).toBe(0);
  });

  it('gives the same bytes for the same row', () => {
    const a = Buffer.from(renderTrendChartPng(row('expert-help')));
    const b = Buffer.from(renderTrendChartPng(row('expert-help')));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(Buffer.from(renderTrendChartPng(row('ready-to-ride'))))).toBe(false);
  });

  it('draws something sensible for a value with no weeks yet', () => {
    const image = decodePng(renderTrendChartPng({ ...row('honest-pricing'), trend: [] }));
    expect(image.width).toBe(480);
  });

  it('describes the chart in words for the alt text', () => {
    expect(trendChartAlt(row('sustainability'))).toBe(
      'Net sentiment for Made to last, made responsibly, 9 weeks 2026-W39 to 2026-W47: +0.50 in the first week, −0.67 this week (2 weeks without mentions); expectation +0.10.',
    );
  });

  it('makes one chart per value, named by its Content-ID', () => {
    const model = sampleDigestModel();
    const charts = chartsFor(model);
    expect(charts.map((chart) => chart.cid)).toEqual(model.values.map((value) => value.chartId));
    expect(new Set(charts.map((chart) => chart.filename)).size).toBe(model.values.length);
    expect(charts[0]?.filename).toBe('trend-free-repairs.png');
  });
});
