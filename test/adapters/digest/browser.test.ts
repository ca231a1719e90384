// Renders the written digest in real headless Chromium, at a phone's width and a desktop's, and
// keeps the screenshots in a temp directory for people to look at (the path is printed).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDigestFiles, type DigestFiles } from '../../../shared/adapters/digest/write-files';
import { hostileDigestModel } from '../../fixtures/digest/hostile-model';
import { sampleDigestModel } from '../../fixtures/digest/sample-model';
import { decodePng, luminanceSpread } from './png-reader';

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

async function screenshot(workDir: string, file: string, size: { width: number; height: number }, name: string): Promise<string> {
  const path = join(workDir, name);
  await chromium(workDir, [`--window-size=${size.width},${size.height}`, `--screenshot=${path}`, pathToFileURL(file).href]);
  return path;
}

/**
 * Lays a copy of the page out at `width` CSS pixels and reports how far right any element
 * reaches and which images loaded. The probe script is added to a test-only copy: the e-mail
 * itself has no script. (Headless Chromium keeps its window at least 500px wide for --dump-dom,
 * so the probe narrows the document instead.)
 */
async function layoutProbe(workDir: string, htmlFile: string, width: number): Promise<{ right: number; images: number[] }> {
  const probe = `<script>
window.addEventListener('load', function () {
  document.documentElement.style.width = '${width}px';
  var right = 0;
  document.querySelectorAll('body *').forEach(function (element) { right = Math.max(right, element.getBoundingClientRect().right); });
  var images = Array.prototype.map.call(document.images, function (image) { return image.complete ? image.naturalWidth : -1; });
  document.title = 'probe:' + JSON.stringify({ right: Math.ceil(right), images: images });
});
</script>`;
  const copy = htmlFile.replace(/\.html$/, '.probe.html');
  await writeFile(copy, (await readFile(htmlFile, 'utf8')).replace('</body>', `${probe}</body>`));
  const dom = await chromium(workDir, ['--window-size=800,800', '--dump-dom', pathToFileURL(copy).href]);
  const match = /<title>probe:([^<]*)<\/title>/.exec(dom);
  if (!match?.[1]) throw new Error(`the layout probe did not report; Chromium printed: ${dom.slice(0, 300)}`);
  return JSON.parse(match[1].replace(/&quot;/g, '"')) as { right: number; images: number[] };
}

describe('the HTML digest in headless Chromium', () => {
  let workDir: string;
  let sample: DigestFiles;
  let hostile: DigestFiles;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'congruence-digest-screenshots-'));
    const from = 'congruence@fernhillbikes.example';
    const to = ['brand-team@fernhillbikes.example'];
    sample = await writeDigestFiles(sampleDigestModel(), join(workDir, 'sample'), { from, to });
    hostile = await writeDigestFiles(hostileDigestModel(), join(workDir, 'hostile'), { from, to });
  });

  it('renders a non-blank page as wide as a phone and as a desktop', async () => {
    const phone = await screenshot(workDir, sample.html, PHONE, 'phone-390.png');
    const desktop = await screenshot(workDir, sample.html, DESKTOP, 'desktop-1200.png');
    console.log(`digest screenshots:\n  phone   ${phone}\n  desktop ${desktop}`);
    for (const [path, size] of [[phone, PHONE], [desktop, DESKTOP]] as const) {
      const image = decodePng(await readFile(path));
      expect(image.width).toBe(size.width);
      expect(luminanceSpread(image)).toBeGreaterThan(10);
    }
  }, 120_000);

  it('loads every chart from the files beside the page', async () => {
    const { images } = await layoutProbe(workDir, sample.html, 1200);
    expect(images).toEqual([480, 480, 480, 480, 480]);
  }, 60_000);

  it('has nothing wider than a 390px phone screen, even with 300-character words in the feed text', async () => {
    expect((await layoutProbe(workDir, sample.html, PHONE.width)).right).toBeLessThanOrEqual(PHONE.width);
    expect((await layoutProbe(workDir, hostile.html, PHONE.width)).right).toBeLessThanOrEqual(PHONE.width);
    const hostileShot = decodePng(await readFile(await screenshot(workDir, hostile.html, PHONE, 'hostile-phone-390.png')));
    expect(hostileShot.width).toBe(PHONE.width);
  }, 120_000);
});
