import { describe, expect, it } from 'vitest';
import { chartsFor } from '#adapters/digest/charts';
import {
  COMPARISON_CHART_COLOURS,
  comparisonChartAlt,
  entityColour,
  renderComparisonChartPng,
} from '#adapters/digest/comparison-chart';
import { type ComparedValue, comparedValues } from '#adapters/digest/comparison-wording';
import { TREND_CHART_COLOURS } from '#adapters/digest/trend-chart';
import { sampleComparison, silenceValue } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { decodePng, type DecodedPng } from '#test/support/png-reader';

function compared(valueId: string): ComparedValue {
  const found = comparedValues(sampleComparison()).find((value) => value.valueId === valueId);
  if (!found) throw new Error(`no compared value ${valueId} in the sample`);
  return found;
}

function isColour(image: DecodedPng, x: number, y: number, colour: string): boolean {
  const i = (y * image.width + x) * 4;
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(colour.slice(start, start + 2), 16)) as [number, number, number];
  return (
    Math.abs(image.rgba[i]! - r) <= 2 &&
    Math.abs(image.rgba[i + 1]! - g) <= 2 &&
    Math.abs(image.rgba[i + 2]! - b) <= 2 &&
    image.rgba[i + 3]! >= 250
  );
}

/** Pixels of `colour` at full strength with x in [x0, x1). */
function countColour(image: DecodedPng, colour: string, x0 = 0, x1 = image.width): number {
  let count = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(image.width, Math.round(x1)); x++)
      if (isColour(image, x, y, colour)) count++;
  return count;
}

/** The x of week `index` of nine at 2×, as the chart places it (2 CSS pixels of margin each side). */
function weekX(image: DecodedPng, index: number): number {
  const slot = (image.width - 8) / 9;
  return 4 + slot * (index + 0.5);
}

/** The y of net sentiment `net` at 2×: −1 to +1 with 4% headroom, 4 CSS pixels of margin top and bottom. */
function netY(image: DecodedPng, net: number): number {
  return 8 + ((1.04 - net) / 2.08) * (image.height - 16);
}

describe('the comparison chart', () => {
  const image = decodePng(renderComparisonChartPng(compared('free-repairs')));
  const cobalt = entityColour(1).hex;
  const alderway = entityColour(2).hex;

  it('is a 240×96 chart drawn at twice the resolution, transparent around the marks', () => {
    expect([image.width, image.height]).toEqual([480, 192]);
    const small = decodePng(renderComparisonChartPng(compared('free-repairs'), { width: 120, height: 48, scale: 1 }));
    expect([small.width, small.height]).toEqual([120, 48]);
    expect(image.rgba[3]).toBe(0);
    expect(image.rgba[image.rgba.length - 1]).toBe(0);
  });

  it('draws the brand and each competitor in a colour of its own', () => {
    expect(countColour(image, COMPARISON_CHART_COLOURS.brand.hex)).toBeGreaterThan(500);
    expect(countColour(image, cobalt)).toBeGreaterThan(300);
    expect(countColour(image, alderway)).toBeGreaterThan(100);
    const colours = [COMPARISON_CHART_COLOURS.brand, ...COMPARISON_CHART_COLOURS.competitors].map((each) => each.hex);
    expect(new Set(colours).size).toBe(colours.length);
    for (const taken of [TREND_CHART_COLOURS.up, TREND_CHART_COLOURS.down]) expect(colours).not.toContain(taken);
  });

  it('gives every competitor past the palette a colour again, the brand’s never', () => {
    const { competitors, brand } = COMPARISON_CHART_COLOURS;
    expect(entityColour(0)).toBe(brand);
    expect(entityColour(competitors.length + 1)).toBe(competitors[0]);
    expect(entityColour(competitors.length + 1)).not.toBe(brand);
  });

  it('breaks a company’s line at a week without mentions', () => {
    // Alderway Bikes on free repairs: mentioned in W44 and W45, not in W46, then again this week.
    const alderwayWeeks = compared('free-repairs').entities[2]!.figure.trend;
    expect(alderwayWeeks[7]!.net).toBeNull();
    expect(countColour(image, alderway, weekX(image, 5) + 6, weekX(image, 6) - 6)).toBeGreaterThan(10);
    expect(countColour(image, alderway, weekX(image, 6) + 6, weekX(image, 8) - 6)).toBe(0);
  });

  it('leaves out of a line the weeks with fewer mentions than the chart’s minimum, but still marks this week', () => {
    const value = compared('free-repairs');
    const strict = decodePng(renderComparisonChartPng({ ...value, chartMinMentions: 1_000 }));
    const beforeThisWeek = weekX(strict, 7) + 6;
    expect(countColour(image, COMPARISON_CHART_COLOURS.brand.hex, 0, beforeThisWeek)).toBeGreaterThan(100);
    expect(countColour(strict, COMPARISON_CHART_COLOURS.brand.hex, 0, beforeThisWeek)).toBe(0);
    expect(countColour(strict, cobalt, 0, beforeThisWeek)).toBe(0);
    expect(
      countColour(strict, COMPARISON_CHART_COLOURS.brand.hex, weekX(strict, 8) - 4, weekX(strict, 8) + 4),
    ).toBeGreaterThan(10);
  });

  it('marks this week with each company’s dot and its interval as a whisker', () => {
    // The brand's dot is in the middle of this week's, at −0.85, its whisker from −0.95 to −0.66.
    const x = Math.round(weekX(image, 8));
    const column = Array.from({ length: image.height }, (_, y) => y).filter((y) =>
      isColour(image, x, y, COMPARISON_CHART_COLOURS.brand.hex),
    );
    expect(Math.min(...column)).toBeLessThanOrEqual(Math.round(netY(image, -0.66)) + 1);
    expect(Math.max(...column)).toBeGreaterThanOrEqual(Math.round(netY(image, -0.95)) - 1);
    // Cobalt Cycles' dot stands to the left of the brand's, at +0.62.
    expect(isColour(image, x - 14, Math.round(netY(image, 0.62)), cobalt)).toBe(true);
    // Alderway Bikes' to the right, at +0.10.
    expect(isColour(image, x + 14, Math.round(netY(image, 0.1)), alderway)).toBe(true);
  });

  it('draws the zero line and faint guides at ±0.5', () => {
    const between = Math.round(weekX(image, 0) - 20);
    const alphaAt = (y: number) => image.rgba[(y * image.width + between) * 4 + 3]!;
    expect(alphaAt(Math.round(netY(image, 0)))).toBeGreaterThan(150);
    expect(alphaAt(Math.round(netY(image, 0.5)))).toBeGreaterThan(20);
    expect(alphaAt(Math.round(netY(image, 0.5)))).toBeLessThan(80);
    expect(alphaAt(Math.round(netY(image, -0.5)))).toBeGreaterThan(20);
    expect(alphaAt(Math.round(netY(image, 0.25)))).toBe(0);
  });

  it('gives the same bytes for the same value', () => {
    const a = Buffer.from(renderComparisonChartPng(compared('expert-help')));
    expect(a.equals(Buffer.from(renderComparisonChartPng(compared('expert-help'))))).toBe(true);
    expect(a.equals(Buffer.from(renderComparisonChartPng(compared('honest-pricing'))))).toBe(false);
  });

  it('describes the chart in words, each company with its colour, for the alt text', () => {
    expect(comparisonChartAlt(compared('free-repairs'))).toBe(
      'Net sentiment on Free repairs for life per week, 9 weeks 2026-W39 to 2026-W47, one line each; this week: Fernhill Bikes (blue) −0.85 (−0.95 to −0.66), Cobalt Cycles (amber) +0.62 (+0.41 to +0.78), Alderway Bikes (violet) +0.10 (−0.35 to +0.52).',
    );
  });
});

describe('the digest’s charts', () => {
  it('are the trend charts alone when the brand has no competitors', () => {
    const model = sampleDigestModelWith(() => {});
    expect(model.comparison).toBeNull();
    expect(chartsFor(model).map((chart) => chart.cid)).toEqual(model.values.map((row) => row.chartId));
  });

  it('add a comparison chart per compared value after the trend charts, named by its Content-ID', () => {
    const model = sampleDigestModelWith((m) => (m.comparison = sampleComparison()));
    const charts = chartsFor(model);
    expect(charts.map((chart) => chart.cid)).toEqual([
      ...model.values.map((row) => row.chartId),
      'compare-free-repairs',
      'compare-sustainability',
      'compare-expert-help',
      'compare-honest-pricing',
      'compare-ready-to-ride',
    ]);
    expect(charts[5]?.filename).toBe('compare-free-repairs.png');
    expect(decodePng(charts[5]!.png).height).toBe(192);
  });

  it('leave out a value nobody was mentioned on in any week', () => {
    const model = sampleDigestModelWith((m) => {
      m.comparison = sampleComparison();
      silenceValue(m.comparison, 'ready-to-ride');
    });
    expect(chartsFor(model).map((chart) => chart.cid)).not.toContain('compare-ready-to-ride');
    expect(chartsFor(model).map((chart) => chart.cid)).toContain('compare-honest-pricing');
  });
});
