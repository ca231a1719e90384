// Renders the written digest in real headless Chromium, at a phone's width and a desktop's, in the
// fonts the page asks for and in the widest fonts we install, and keeps the screenshots in a temp
// directory for people to look at (the path is printed).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDigestFiles, type DigestFiles } from '#adapters/digest/write-files';
import { hostileDigestModel } from '#test/fixtures/digest/hostile-model';
import { hostileComparison, sampleComparison, worstCaseComparison } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModel, sampleDigestModelWith, worstCaseDigestModel } from '#test/fixtures/digest/sample-model';
import { decodePng, luminanceSpread } from '#test/support/png-reader';
import type { ComparisonSection, DigestModel } from '#domain/digest-model';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 6400 };
const DESKTOP = { width: 1200, height: 4800 };

let profiles = 0;

async function chromium(workDir: string, args: string[]): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  // A fresh profile per run, so no cache or state from an earlier run changes what we see.
  const profile = join(workDir, `profile-${++profiles}`);
  await mkdir(profile);
  const { stdout } = await run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

async function screenshot(
  workDir: string,
  file: string,
  size: { width: number; height: number },
  name: string,
): Promise<string> {
  const path = join(workDir, name);
  await chromium(workDir, [
    `--window-size=${size.width},${size.height}`,
    `--screenshot=${path}`,
    pathToFileURL(file).href,
  ]);
  return path;
}

/**
 * The fonts every element is forced to in turn in the "whatever the font" runs: the widest sans
 * and the widest serif we install (the page asks for one of each). Measured in Chromium, DejaVu
 * Serif sets text about 13% wider than Liberation Sans (Arial's stand-in), DejaVu Sans about 9%
 * (regular weight; bold, more).
 */
const WIDE_FONTS = ['DejaVu Sans', 'DejaVu Serif'] as const;

/**
 * A test-only copy of the page with every element in `font`, as on a reader's machine whose only
 * font is that one. The copy sits beside the original so the charts still load.
 */
async function copyInFont(htmlFile: string, font: string): Promise<string> {
  const slug = font.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const copy = htmlFile.replace(/\.html$/, `.${slug}.html`);
  const style = `<style>*{font-family:"${font}" !important}</style>`;
  await writeFile(copy, (await readFile(htmlFile, 'utf8')).replace('</head>', `${style}</head>`));
  return copy;
}

interface LayoutReport {
  /** How far right any element reaches, in CSS pixels. */
  right: number;
  /** Each image's natural width, -1 when it did not load. */
  images: number[];
  /** Whether `font` is installed (measured, since Chromium falls back silently); null without a font. */
  fontInstalled: boolean | null;
  /** The text a reader sees, as the browser lays it out (hidden elements left out). */
  visibleText: string;
}

/**
 * Lays a copy of the page out at `width` CSS pixels, in `font` when given, and reports how far
 * right any element reaches and which images loaded. The probe script is added to a test-only
 * copy: the e-mail itself has no script. (Headless Chromium keeps its window at least 500px wide
 * for --dump-dom, so the probe narrows the document instead.) A font counts as installed when
 * text set in it measures the same whichever generic family follows it in the list.
 */
async function layoutProbe(
  workDir: string,
  htmlFile: string,
  width: number,
  font: string | null = null,
): Promise<LayoutReport> {
  const probe = `<script>
function installed(family) {
  var context = document.createElement('canvas').getContext('2d');
  var text = 'Wide fonts push a layout past the screen 0123456789';
  context.font = '16px "' + family + '", serif';
  var serif = context.measureText(text).width;
  context.font = '16px "' + family + '", monospace';
  return serif === context.measureText(text).width;
}
window.addEventListener('load', function () {
  document.documentElement.style.width = '${width}px';
  var right = 0;
  document.querySelectorAll('body *').forEach(function (element) { right = Math.max(right, element.getBoundingClientRect().right); });
  var images = Array.prototype.map.call(document.images, function (image) { return image.complete ? image.naturalWidth : -1; });
  var font = ${JSON.stringify(font)};
  var report = { right: Math.ceil(right), images: images, fontInstalled: font === null ? null : installed(font), visibleText: document.body.innerText };
  document.title = 'probe:' + encodeURIComponent(JSON.stringify(report));
});
</script>`;
  const source = font === null ? htmlFile : await copyInFont(htmlFile, font);
  const copy = source.replace(/\.html$/, '.probe.html');
  await writeFile(copy, (await readFile(source, 'utf8')).replace('</body>', `${probe}</body>`));
  const dom = await chromium(workDir, ['--window-size=800,800', '--dump-dom', pathToFileURL(copy).href]);
  const match = /<title>probe:([^<]*)<\/title>/.exec(dom);
  if (!match?.[1]) throw new Error(`the layout probe did not report; Chromium printed: ${dom.slice(0, 300)}`);
  const report = JSON.parse(decodeURIComponent(match[1])) as LayoutReport;
  if (report.fontInstalled === false) {
    throw new Error(
      `${font} is not installed, so the layout cannot be checked in it: install it (on Debian the package fonts-dejavu-core; .ci/run installs it)`,
    );
  }
  return report;
}

describe('the HTML digest in headless Chromium', () => {
  let workDir: string;
  let sample: DigestFiles;
  let hostile: DigestFiles;
  let worstCase: DigestFiles;
  // The same three with competitors: "How you compare" with its charts and tables.
  let compared: DigestFiles;
  let hostileCompared: DigestFiles;
  let worstCaseCompared: DigestFiles;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'congruence-digest-screenshots-'));
    const from = 'congruence@fernhillbikes.example';
    const to = ['brand-team@fernhillbikes.example'];
    sample = await writeDigestFiles(sampleDigestModel(), join(workDir, 'sample'), { from, to });
    hostile = await writeDigestFiles(hostileDigestModel(), join(workDir, 'hostile'), { from, to });
    worstCase = await writeDigestFiles(worstCaseDigestModel(), join(workDir, 'worst-case'), { from, to });
    const withComparison = (model: DigestModel, comparison: ComparisonSection) => {
      model.comparison = comparison;
      return model;
    };
    compared = await writeDigestFiles(
      sampleDigestModelWith((m) => (m.comparison = sampleComparison())),
      join(workDir, 'compared'),
      { from, to },
    );
    hostileCompared = await writeDigestFiles(
      withComparison(hostileDigestModel(), hostileComparison()),
      join(workDir, 'hostile-compared'),
      { from, to },
    );
    worstCaseCompared = await writeDigestFiles(
      withComparison(worstCaseDigestModel(), worstCaseComparison()),
      join(workDir, 'worst-case-compared'),
      { from, to },
    );
  });

  it('renders a non-blank page as wide as a phone and as a desktop', async () => {
    const phone = await screenshot(workDir, sample.html, PHONE, 'phone-390.png');
    const desktop = await screenshot(workDir, sample.html, DESKTOP, 'desktop-1200.png');
    const hostilePhone = await screenshot(workDir, hostile.html, PHONE, 'hostile-phone-390.png');
    const worstPhone = await screenshot(
      workDir,
      await copyInFont(worstCase.html, WIDE_FONTS[0]),
      PHONE,
      'worst-case-phone-390.png',
    );
    const comparedPhone = await screenshot(workDir, compared.html, PHONE, 'compared-phone-390.png');
    const comparedDesktop = await screenshot(workDir, compared.html, DESKTOP, 'compared-desktop-1200.png');
    console.log(
      `digest screenshots:\n  phone   ${phone}\n  desktop ${desktop}\n  hostile text, phone ${hostilePhone}\n  worst case in ${WIDE_FONTS[0]}, phone ${worstPhone}\n  with competitors, phone ${comparedPhone}\n  with competitors, desktop ${comparedDesktop}`,
    );
    for (const [path, size] of [
      [phone, PHONE],
      [desktop, DESKTOP],
      [hostilePhone, PHONE],
      [worstPhone, PHONE],
      [comparedPhone, PHONE],
      [comparedDesktop, DESKTOP],
    ] as const) {
      const image = decodePng(await readFile(path));
      expect(image.width).toBe(size.width);
      expect(luminanceSpread(image)).toBeGreaterThan(10);
    }
  }, 120_000);

  it('shows the reader the undeclared themes and which words matched a quote by meaning', async () => {
    const { visibleText } = await layoutProbe(workDir, sample.html, 1200);
    const model = sampleDigestModel();
    expect(visibleText).toMatch(/what customers talk about that you did not declare/i);
    for (const theme of [...model.undeclared.negative, ...model.undeclared.positive])
      expect(visibleText).toContain(theme.label);
    expect(visibleText).toContain('Matched by meaning: “technician” ≈ mechanic (0.67)');
  }, 60_000);

  it('loads every chart from the files beside the page', async () => {
    const { images } = await layoutProbe(workDir, sample.html, 1200);
    expect(images).toEqual([480, 480, 480, 480, 480]);
  }, 60_000);

  it('shows "How you compare" with every comparison chart loaded when the brand has competitors', async () => {
    const { images, visibleText } = await layoutProbe(workDir, compared.html, 1200);
    expect(images).toEqual(Array.from({ length: 10 }, () => 480));
    expect(visibleText).toMatch(/how you compare/i);
    expect(visibleText).toContain('Cobalt Cycles: “Took my Quill back');
    expect(visibleText).toContain('ahead by +1.47 · above you 3 weeks running');
  }, 60_000);

  // The page's font stacks resolve to whatever the machine has (Liberation Sans for Arial on our
  // CI, DejaVu Sans on a bare Debian), so the layout is also checked in the widest fonts we know.
  for (const { fonts, font } of [
    { fonts: 'in the fonts the page asks for', font: null },
    ...WIDE_FONTS.map((wide) => ({ fonts: `with every element in ${wide}`, font: wide })),
  ]) {
    it(`has nothing wider than a 390px phone screen ${fonts}, for the sample, hostile text and the worst case, with and without competitors`, async () => {
      for (const [name, files] of [
        ['sample', sample],
        ['hostile', hostile],
        ['worst case', worstCase],
        ['compared', compared],
        ['hostile compared', hostileCompared],
        ['worst case compared', worstCaseCompared],
      ] as const) {
        const { right } = await layoutProbe(workDir, files.html, PHONE.width, font);
        expect(right, `the ${name} digest reaches ${right}px`).toBeLessThanOrEqual(PHONE.width);
      }
    }, 120_000);
  }
});
