import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigestFiles, type DigestFiles } from '#adapters/digest/write-files';
import { sampleComparison } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModel, sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { byName, inspectHtml } from '#test/support/html-inspect';
import { hasPngSignature } from '#test/support/png-reader';

describe('the digest written to files', () => {
  let outDir: string;
  let files: DigestFiles;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'congruence-digest-files-'));
    files = await writeDigestFiles(sampleDigestModel(), join(outDir, 'out'), {
      from: 'congruence@fernhillbikes.example',
      to: ['brand-team@fernhillbikes.example'],
    });
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('names the files after the brand and the week', () => {
    expect(basename(files.html)).toBe('fernhill-bikes-2026-W47.html');
    expect(basename(files.text)).toBe('fernhill-bikes-2026-W47.txt');
    expect(basename(files.eml)).toBe('fernhill-bikes-2026-W47.eml');
    expect(files.charts.map((path) => basename(path))).toEqual([
      'fernhill-bikes-2026-W47-trend-free-repairs.png',
      'fernhill-bikes-2026-W47-trend-sustainability.png',
      'fernhill-bikes-2026-W47-trend-expert-help.png',
      'fernhill-bikes-2026-W47-trend-honest-pricing.png',
      'fernhill-bikes-2026-W47-trend-ready-to-ride.png',
    ]);
  });

  it('points the browser copy’s images at the chart files beside it', async () => {
    const page = inspectHtml(await readFile(files.html, 'utf8'));
    const sources = byName(page, 'img').map((image) => image.attribs.src ?? '');
    expect(sources).toEqual(files.charts.map((path) => basename(path)));
    for (const source of sources) expect(hasPngSignature(await readFile(join(dirname(files.html), source)))).toBe(true);
  });

  it('keeps cid: images in the .eml, with the charts inside it', async () => {
    const mail = await simpleParser(await readFile(files.eml), { keepCidLinks: true });
    expect(mail.html).toContain('src="cid:trend-free-repairs.2026-W47@congruence"');
    expect(mail.attachments).toHaveLength(5);
    expect(Buffer.from(mail.attachments[0]!.content).equals(await readFile(files.charts[0]!))).toBe(true);
  });

  it('writes the plain-text part as the .txt', async () => {
    const text = await readFile(files.text, 'utf8');
    expect(text.startsWith('Fernhill Bikes · weekly alignment digest\n')).toBe(true);
  });
});

describe('the digest with competitors written to files', () => {
  let outDir: string;
  let files: DigestFiles;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'congruence-digest-files-'));
    files = await writeDigestFiles(
      sampleDigestModelWith((m) => (m.comparison = sampleComparison())),
      outDir,
      {
        from: 'congruence@fernhillbikes.example',
        to: ['brand-team@fernhillbikes.example'],
      },
    );
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the comparison charts after the trend charts', () => {
    expect(files.charts.map((path) => basename(path)).slice(5)).toEqual([
      'fernhill-bikes-2026-W47-compare-free-repairs.png',
      'fernhill-bikes-2026-W47-compare-sustainability.png',
      'fernhill-bikes-2026-W47-compare-expert-help.png',
      'fernhill-bikes-2026-W47-compare-honest-pricing.png',
      'fernhill-bikes-2026-W47-compare-ready-to-ride.png',
    ]);
  });

  it('points every image of the browser copy at its chart file, and the .eml at its inline part', async () => {
    const page = inspectHtml(await readFile(files.html, 'utf8'));
    const sources = byName(page, 'img').map((image) => image.attribs.src ?? '');
    expect(sources).toEqual(files.charts.map((path) => basename(path)));
    for (const source of sources) expect(hasPngSignature(await readFile(join(dirname(files.html), source)))).toBe(true);
    const mail = await simpleParser(await readFile(files.eml), { keepCidLinks: true });
    expect(mail.html).toContain('src="cid:compare-free-repairs"');
    expect(mail.attachments).toHaveLength(10);
    expect(Buffer.from(mail.attachments[5]!.content).equals(await readFile(files.charts[5]!))).toBe(true);
  });
});
