// Local mode's mailer: the digest written to files instead of sent. <brand>-<week>.html opens in a
// browser (its charts are sibling PNG files, since browsers cannot resolve cid: links), .txt is
// the plain-text part, and .eml is the exact message the e-mail would be, cid: images included.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DigestModel } from '#domain/digest-model';
import { composeDigestMime, type DigestMimeOptions } from './compose-mime';
import { renderDigestHtml } from './render-html';
import { renderDigestIndexHtml } from './render-index';
import { renderDigestText } from './render-text';
import { chartsFor } from './charts';
import { brandSlug, weekSlug } from './wording';

export interface DigestFiles {
  html: string;
  text: string;
  eml: string;
  /** The chart PNGs the .html file shows: one trend chart per value, then the comparison charts. */
  charts: string[];
}

/** "fernhill-bikes-2026-W47": the stem of every file of one digest. */
export function digestFileStem(model: DigestModel): string {
  return `${brandSlug(model.brandName)}-${weekSlug(model.week)}`;
}

export async function writeDigestFiles(
  model: DigestModel,
  outDir: string,
  options: Omit<DigestMimeOptions, 'charts'>,
): Promise<DigestFiles> {
  const stem = digestFileStem(model);
  const charts = chartsFor(model);
  // Each chart's file beside the HTML, by the Content-ID the e-mail refers to it by.
  const chartFiles = new Map(charts.map((chart) => [chart.cid, `${stem}-${chart.filename}`]));
  const chartFile = (cid: string) => chartFiles.get(cid) ?? '';

  await mkdir(outDir, { recursive: true });
  const chartPaths = await Promise.all(
    charts.map(async (chart) => {
      const path = join(outDir, chartFile(chart.cid));
      await writeFile(path, chart.png);
      return path;
    }),
  );

  const html = join(outDir, `${stem}.html`);
  const text = join(outDir, `${stem}.txt`);
  const eml = join(outDir, `${stem}.eml`);
  await writeFile(
    html,
    renderDigestHtml(model, {
      imageSrc: (row) => chartFile(row.chartId),
      comparisonImageSrc: (value) => chartFile(value.chartId),
    }),
    'utf8',
  );
  await writeFile(text, renderDigestText(model), 'utf8');
  await writeFile(eml, await composeDigestMime(model, { ...options, charts }));
  return { html, text, eml, charts: chartPaths };
}

/**
 * Writes the page linking the digests of a range of weeks, <brand>-<first>-to-<last>.html, beside
 * their files (oldest week first), and returns its path.
 */
export async function writeDigestIndex(
  brandName: string,
  digests: ReadonlyArray<{ model: DigestModel; files: DigestFiles }>,
  outDir: string,
): Promise<string> {
  const first = digests[0]?.model.week ?? 'none';
  const last = digests[digests.length - 1]?.model.week ?? 'none';
  const path = join(outDir, `${brandSlug(brandName)}-${weekSlug(first)}-to-${weekSlug(last)}.html`);
  const entries = digests.map(({ model, files }) => ({
    model,
    htmlFile: basename(files.html),
    textFile: basename(files.text),
  }));
  await mkdir(outDir, { recursive: true });
  await writeFile(path, renderDigestIndexHtml(brandName, entries), 'utf8');
  return path;
}
