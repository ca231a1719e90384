// `congruence suggest-terms` as marketing ops run it: a real process on the Fernhill example,
// stored once by `congruence run`, its report, its JSON and its errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuggestTermsReport } from '#app/suggest-terms';
import { runToExit } from '../support/process';

const BIN = join(process.cwd(), 'bin/congruence.js');
const CONFIG = 'examples/fernhill/brand.yaml';
const DEADLINE_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'congruence-suggest-'));
const dataDir = join(dir, 'data');

const congruence = (args: string[]) => runToExit([BIN, ...args], { deadlineMs: DEADLINE_MS });

beforeAll(async () => {
  const run = await congruence(['run', '-c', CONFIG, '-d', dataDir, '-o', join(dir, 'out')]);
  expect(run.code).toBe(0);
}, DEADLINE_MS);

describe('congruence suggest-terms', () => {
  it(
    'prints how to use it, a table of suggestions per value with examples, and the themes no value covers',
    async () => {
      const { code, stdout, stderr } = await congruence(['suggest-terms', '-c', CONFIG, '-d', dataDir]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^Words customers use for Fernhill Bikes: \d+ reviews and social posts of 2026-W\d\d to 2026-W47 \(8 weeks\), scored by local@/,
      );
      expect(stdout).toContain(
        'Nothing was written to brand.yaml. Paste the words whose examples are about the value into that value’s `aspects`',
      );
      for (const label of [
        'Free repairs for life (free-repairs)',
        'Expert help, in store and online (expert-help)',
        'Delivered ready to ride (ready-to-ride)',
      ]) {
        expect(stdout).toContain(`\n${label}: `);
      }
      expect(stdout).toMatch(
        /\n {2}term +signals {2}would add {2}negative {4}tie\n {2}\S.* +\d+ +\d+ +\d+% +×\d+\.\d\n {6}“[^”]+”\n {6}“[^”]+”\n/,
      );
      expect(stdout).toMatch(
        /\nThemes no value covers, from the \d+ signals that mention no value:\n {2}theme +signals {2}negative\n/,
      );
    },
    DEADLINE_MS,
  );

  it(
    'prints the report as JSON with --json, with at most --limit suggestions per value',
    async () => {
      const { code, stdout } = await congruence([
        'suggest-terms',
        '-c',
        CONFIG,
        '-d',
        dataDir,
        '--json',
        '--limit',
        '2',
        '--weeks',
        '4',
      ]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as SuggestTermsReport;
      expect(report.weeks).toEqual({ first: '2026-W44', last: '2026-W47', count: 4 });
      expect(report.values.map((value) => value.valueId)).toEqual([
        'free-repairs',
        'sustainability',
        'expert-help',
        'honest-pricing',
        'ready-to-ride',
      ]);
      for (const value of report.values) expect(value.suggestions.length).toBeLessThanOrEqual(2);
      expect(report.values.some((value) => value.suggestions.length > 0)).toBe(true);
      expect(report.unmatchedThemes.length).toBeLessThanOrEqual(2);
    },
    DEADLINE_MS,
  );

  it(
    'says to run congruence first when nothing is stored, and exits 4',
    async () => {
      const { code, stdout, stderr } = await congruence(['suggest-terms', '-c', CONFIG, '-d', join(dir, 'empty')]);
      expect(code).toBe(4);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^congruence: no signals are stored for Fernhill Bikes yet.*run `congruence run`/);
    },
    DEADLINE_MS,
  );

  it(
    'refuses a --weeks that is not a whole number of 1 or more, and exits 3',
    async () => {
      const { code, stderr } = await congruence(['suggest-terms', '-c', CONFIG, '-d', dataDir, '--weeks', '0']);
      expect(code).toBe(3);
      expect(stderr).toContain('expected a whole number from 1 to 520, got "0"');
    },
    DEADLINE_MS,
  );
});
