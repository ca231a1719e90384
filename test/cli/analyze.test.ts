// `congruence analyze` as a user runs it: a real process reading sentences from its arguments, a
// file or standard input.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/congruence.js');

// --- the command as a user runs it -----------------------------------------------------------

function congruence(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const LINES = [
  'Still waiting for my refund, 3 weeks now',
  '',
  'The repair took three weeks but the staff were lovely.',
  'ok',
];

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-analyze-'));
  writeFileSync(join(dir, 'lines.txt'), `${LINES.join('\n')}\n`);
  writeFileSync(
    join(dir, 'brand.yaml'),
    `brand: { name: Fernhill Bikes }
values:
  - { id: free-repairs, label: Free repairs, promise: Repaired free for life, aspects: [repair], expected: { minNetSentiment: 0.3 } }
  - { id: expert-help, label: Expert help, promise: People who know bikes, aspects: [staff], expected: { minNetSentiment: 0.3 } }
sources:
  - { id: reviews, kind: rss, url: "https://reviews.example/feed", channel: review }
digest: { recipients: [brand-team@example.com], sender: congruence@example.com }
`,
  );
  return dir;
}

const ROW = /^(POSITIVE|NEGATIVE|NEUTRAL|MIXED) +pos \d\.\d\d neg \d\.\d\d neu \d\.\d\d mix \d\.\d\d {2}(.+)$/;

function rowTexts(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ROW.exec(line)?.[2] ?? `(not a row) ${line}`);
}

describe('congruence analyze', { timeout: 90_000 }, () => {
  it('prints one row per non-blank line of a file and exits 0', () => {
    const dir = workspace();
    const { code, stdout, stderr } = congruence(['analyze', 'lines.txt'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(rowTexts(stdout)).toEqual(LINES.filter((line) => line !== ''));
  });

  it('reads standard input when given no file, or -', () => {
    for (const args of [['analyze'], ['analyze', '-']]) {
      const { code, stdout, stderr } = congruence(args, {
        input: 'please help, my bag is lost\nthanks for nothing @skylark\n',
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(rowTexts(stdout)).toEqual(['please help, my bag is lost', 'thanks for nothing @skylark']);
    }
  });

  it('prints one JSON object per line with --json, numbered as in the file', () => {
    const dir = workspace();
    const { code, stdout } = congruence(['analyze', '--json', 'lines.txt'], { cwd: dir });
    expect(code).toBe(0);
    const objects = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects.map((object) => [object.line, object.text])).toEqual([
      [1, LINES[0]],
      [3, LINES[2]],
      [4, LINES[3]],
    ]);
    for (const object of objects) {
      expect(Object.keys(object).sort()).toEqual(['label', 'line', 'scores', 'text']);
      expect(object.label).toMatch(/^(POSITIVE|NEGATIVE|NEUTRAL|MIXED)$/);
      expect(Object.keys(object.scores as object).sort()).toEqual(['mixed', 'negative', 'neutral', 'positive']);
    }
  });

  it('shows the values each line mentions, and their sentences, with a brand profile', () => {
    const dir = workspace();
    const json = congruence(['analyze', '-c', 'brand.yaml', '--json', 'lines.txt'], { cwd: dir });
    expect(json.code).toBe(0);
    const objects = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { values: Array<{ valueId: string; sentences: Array<{ text: string }> }> });
    expect(
      objects.map((object) =>
        object.values.map((value) => [value.valueId, value.sentences.map((sentence) => sentence.text)]),
      ),
    ).toEqual([
      [],
      [
        ['free-repairs', ['The repair took three weeks']],
        ['expert-help', ['the staff were lovely.']],
      ],
      [],
    ]);

    const text = congruence(['analyze', '--config', 'brand.yaml', 'lines.txt'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /\n {2}free-repairs {2}[A-Z]+ +pos \d\.\d\d neg \d\.\d\d neu \d\.\d\d mix \d\.\d\d {2}The repair took three weeks\n/,
    );
    expect(text.stdout).toMatch(/\n {2}expert-help {3}[A-Z]+ +pos .* {2}the staff were lovely\.\n/);
  });

  it('reports every line it could not analyse with its number and reason, and exits 1', () => {
    const { code, stdout, stderr } = congruence(['analyze', '--language', 'de'], {
      input: 'Das Fahrrad ist kaputt\n\nWo bleibt meine Erstattung?\n',
    });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'SKIPPED   line 1: language de is not supported by the local analyzer (English only)  Das Fahrrad ist kaputt',
        'SKIPPED   line 3: language de is not supported by the local analyzer (English only)  Wo bleibt meine Erstattung?',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe(
      'congruence analyze: 2 of 2 lines were not analysed (lines 1, 3); each is marked SKIPPED with its reason.\n',
    );
  });

  it('exits 3 with a message on an unknown option, an unknown analyzer, a bad language code, a missing file or a folder', () => {
    const dir = workspace();
    const unknownOption = congruence(['analyze', '--colour', 'lines.txt'], { cwd: dir });
    expect(unknownOption.code).toBe(3);
    expect(unknownOption.stderr).toContain("unknown option '--colour'");

    const unknownAnalyzer = congruence(['analyze', '-a', 'wink', 'lines.txt'], { cwd: dir });
    expect(unknownAnalyzer.code).toBe(3);
    expect(unknownAnalyzer.stderr).toContain('Allowed choices are local, comprehend');

    const badLanguage = congruence(['analyze', '--language', 'german', 'lines.txt'], { cwd: dir });
    expect(badLanguage.code).toBe(3);
    expect(badLanguage.stderr).toBe(
      'congruence analyze: --language german: use an ISO 639-1 language code such as "en" or "pt-BR"\n',
    );

    const missing = congruence(['analyze', 'no-such-file.txt'], { cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(
      'congruence analyze: file not found: no-such-file.txt; check the path, or give - to read standard input\n',
    );
    expect(missing.stdout).toBe('');

    const folder = congruence(['analyze', '.'], { cwd: dir });
    expect(folder.code).toBe(3);
    expect(folder.stderr).toBe(
      'congruence analyze: cannot read .: it is a folder, not a file (EISDIR); check the path, or give - to read standard input\n',
    );
  });

  it('exits 2 and lists the problems when the brand profile is invalid', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.yaml'), 'brand: { name: Fernhill Bikes }\nvalues: []\n');
    const { code, stderr, stdout } = congruence(['analyze', '-c', 'broken.yaml', 'lines.txt'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^broken\.yaml: \d+ problems?\n/);
    expect(stdout).toBe('');
  });

  it('stops analysing, quietly and with code 0, as soon as whoever reads its output stops reading', async () => {
    // 300,000 lines take the local analyzer half a minute or more; a command that notices the
    // reader has gone (`| head -1`) ends within seconds of its first rows.
    const dir = mkdtempSync(join(tmpdir(), 'congruence-analyze-'));
    writeFileSync(
      join(dir, 'many.txt'),
      `${Array.from({ length: 300_000 }, (_, index) => `Order ${index} arrived late again`).join('\n')}\n`,
    );
    const child = spawn(process.execPath, [BIN, 'analyze', 'many.txt'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(deadline);
    expect(code, 'still analysing 15 s after its reader had gone').toBe(0);
    expect(stderr).toBe('');
  });
});
