// Every chart of one digest as the files the e-mail carries inline and local mode writes beside
// the HTML: a trend chart per value, then, when the brand has competitors, a comparison chart per
// compared value. The MIME message and the files both take them from here, so they always agree.
import type { DigestModel } from '#domain/digest-model';
import { renderComparisonChartPng } from './comparison-chart';
import { comparedValues } from './comparison-wording';
import { renderTrendChartPng, type TrendChartOptions } from './trend-chart';

export interface ChartAttachment {
  /** The chart's Content-ID, which the HTML refers to as cid:… */
  cid: string;
  filename: string;
  png: Uint8Array;
}

/** "trend-free-repairs.png", "compare-free-repairs.png": the value id made safe for a file name. */
export function chartFilename(kind: 'trend' | 'compare', valueId: string): string {
  const safe = valueId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${kind}-${safe || 'value'}.png`;
}

/**
 * The digest's charts: one trend chart per value in the order of the values table, then one
 * comparison chart per value "How you compare" shows, in its order. `scale` is device pixels per
 * CSS pixel (2 unless given).
 */
export function chartsFor(model: DigestModel, options: Pick<TrendChartOptions, 'scale'> = {}): ChartAttachment[] {
  const trends = model.values.map((row) => ({
    cid: row.chartId,
    filename: chartFilename('trend', row.id),
    png: renderTrendChartPng(row, options),
  }));
  const comparisons = model.comparison
    ? comparedValues(model.comparison).flatMap((value) =>
        value.chartId === null
          ? []
          : [
              {
                cid: value.chartId,
                filename: chartFilename('compare', value.valueId),
                png: renderComparisonChartPng(value, options),
              },
            ],
      )
    : [];
  return [...trends, ...comparisons];
}
