// Bad brand profiles, as `congruence validate` and every command that loads a profile meet them: each
// fault gives the exact `file:line:col  path  message` line(s) a user sees, and nothing in the file is
// ever executed or expanded without limit. The last case runs the real CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '#adapters/config/errors';
import { checkProfileFile, MAX_CONFIG_BYTES, validateProfileText } from '#adapters/config/load-profile';

/** A valid profile; each case changes one thing in it. Line numbers below refer to this text. */
const VALID = `brand:
  name: Fernhill Bikes
values:
  - id: free-repairs
    label: Free repairs for life
    promise: Every bike is repaired free of charge for as long as you own it.
    aspects: [repair]
    expected: { minNetSentiment: 0.3 }
sources:
  - id: reviews
    kind: rss
    url: https://reviews.example/feed.xml
    channel: review
digest:
  recipients: [brand-team@example.com]
  sender: congruence@example.com
`;

/** VALID with one exact piece of text replaced; fails loudly if the piece is not there. */
function withChange(search: string, replacement: string): string {
  if (!VALID.includes(search)) throw new Error(`test setup: "${search}" is not in the valid profile`);
  return VALID.replace(search, replacement);
}

/** What `congruence validate` prints for this text, one line per problem; and the profile, if any. */
function validate(text: string): { lines: string[]; valid: boolean } {
  const { profile, diagnostics } = validateProfileText(text, 'brand.yaml');
  return { lines: diagnostics.map(formatDiagnostic), valid: profile !== undefined };
}

/** VALID followed by a comment line that brings the file to exactly `bytes` bytes (VALID is ASCII). */
function paddedTo(bytes: number): string {
  return `${VALID}# ${'x'.repeat(bytes - VALID.length - '# \n'.length)}\n`;
}

const tempDirs: string[] = [];
function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-reliability-config-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the valid profile the cases start from', () => {
  it('config: the untouched profile is valid, so every problem below comes from its one change', () => {
    expect(validate(VALID)).toEqual({ lines: [], valid: true });
  });
});

describe('config: keys', () => {
  it('config: an unknown key is reported with its line and column and the keys allowed there', () => {
    expect(validate(`${VALID}colour: green\n`)).toEqual({
      valid: false,
      lines: [
        'brand.yaml:17:1  colour  unknown key "colour"; allowed here: brand, values, sources, digest, thresholds, retention, privacy, network, alerts',
      ],
    });
  });

  it('config: a misspelt key is reported with its line, column and a suggestion', () => {
    expect(
      validate(withChange('  name: Fernhill Bikes\n', '  name: Fernhill Bikes\n  aliasses: [Fernhill]\n')),
    ).toEqual({
      valid: false,
      lines: ['brand.yaml:3:3  brand.aliasses  unknown key "aliasses"; did you mean "aliases"?'],
    });
  });

  it('config: a value of the wrong type is reported at the value, saying what was expected and what was given', () => {
    expect(validate(withChange('    aspects: [repair]\n', '    aspects: [repair]\n    weight: heavy\n'))).toEqual({
      valid: false,
      lines: ['brand.yaml:8:13  values[0].weight  expected a number, got "heavy" (text)'],
    });
  });
});

describe('config: values', () => {
  it('config: a duplicate value id is reported at the second one, naming where the first is', () => {
    const duplicate = [
      '  - id: free-repairs',
      '    label: Repairs again',
      '    promise: Repairs, once more.',
      '    aspects: [fix]',
      '    expected: { minNetSentiment: 0.1 }',
      'sources:',
    ].join('\n');
    expect(validate(withChange('sources:', duplicate))).toEqual({
      valid: false,
      lines: [
        'brand.yaml:9:9  values[1].id  duplicate value id "free-repairs" (first used at values[0]); ids must be unique',
      ],
    });
  });

  it('config: an empty values list is refused with what to declare', () => {
    const noValues = VALID.replace(/values:\n[\s\S]*?sources:/, 'values: []\nsources:');
    expect(validate(noValues)).toEqual({
      valid: false,
      lines: ['brand.yaml:3:9  values  declare at least one brand value'],
    });
  });
});

describe('config: sources', () => {
  it.each([
    ['ftp:', 'ftp://reviews.example/feed.xml'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', '"javascript:alert(document.cookie)"'],
  ])('config: a source url with the %s scheme is refused: only http(s) may be fetched', (_scheme, url) => {
    expect(validate(withChange('https://reviews.example/feed.xml', url))).toEqual({
      valid: false,
      lines: ['brand.yaml:12:10  sources[0].url  must be an http:// or https:// URL'],
    });
  });

  it('config: an unknown source kind lists the kinds there are and suggests the closest', () => {
    expect(validate(withChange('kind: rss', 'kind: rrs'))).toEqual({
      valid: false,
      lines: [
        'brand.yaml:11:11  sources[0].kind  "rrs" (text) is not a source kind; use one of "rss", "jsonfeed", "csv", "appstore-reviews", "reddit", "mastodon", "hackernews" (did you mean "rss"?)',
      ],
    });
  });
});

describe('config: source dates', () => {
  /** VALID's source as a CSV export, with `extra` lines (indented as keys of the source) after its columns. */
  function withCsvSource(extra: string): string {
    return withChange(
      '    kind: rss\n    url: https://reviews.example/feed.xml\n',
      `    kind: csv\n    url: https://reviews.example/export.csv\n    columns: { text: Review, date: Submitted }\n${extra}`,
    );
  }

  it('config: a CSV source with a time zone and a spreadsheet-style date format is valid', () => {
    expect(validate(withCsvSource('    timezone: America/New_York\n    dateFormat: M/D/YYYY h:mm A\n'))).toEqual({
      lines: [],
      valid: true,
    });
  });

  it('config: a source time zone that does not exist is refused with an example of a valid one', () => {
    expect(validate(withChange('    channel: review\n', '    channel: review\n    timezone: Europe/Londn\n'))).toEqual({
      valid: false,
      lines: [
        'brand.yaml:14:15  sources[0].timezone  unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"',
      ],
    });
  });

  it('config: a date format with a token outside the table names the token, the one meant and the table', () => {
    expect(validate(withCsvSource('    dateFormat: DD/MM/yyyy\n'))).toEqual({
      valid: false,
      lines: [
        'brand.yaml:14:17  sources[0].dateFormat  "DD/MM/yyyy": "yyyy" is not a date token (did you mean "YYYY"?); write the format with ' +
          'YYYY, YY, MMM, MM, M, DD, D, HH, H, hh, h, mm, ss, A and the separators / - . : , space and T, e.g. "DD/MM/YYYY HH:mm"',
      ],
    });
  });

  it('config: a date format that reads minutes where the month should be says so', () => {
    expect(validate(withCsvSource('    dateFormat: DD/mm/YYYY\n'))).toEqual({
      valid: false,
      lines: [
        'brand.yaml:14:17  sources[0].dateFormat  "DD/mm/YYYY" has no month; add M, MM or MMM (mm is minutes), e.g. "DD/MM/YYYY HH:mm"',
      ],
    });
  });

  it('config: a date format on a source of another kind is an unknown key there', () => {
    expect(
      validate(withChange('    channel: review\n', '    channel: review\n    dateFormat: DD/MM/YYYY\n')).lines,
    ).toEqual([
      expect.stringMatching(
        /^brand\.yaml:14:5 {2}sources\[0\]\.dateFormat {2}unknown key "dateFormat"; allowed here: .*timezone/,
      ),
    ]);
  });
});

describe('config: digest', () => {
  it('config: an unsupported time zone is refused with an example of a valid one', () => {
    expect(validate(`${VALID}  timezone: Europe/Atlantis\n`)).toEqual({
      valid: false,
      lines: [
        'brand.yaml:17:13  digest.timezone  unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"',
      ],
    });
  });
});

describe('config: hostile YAML', () => {
  it('config: a !!js/function tag is refused and never run, its text left inert', () => {
    const marker = '__congruenceTagRan';
    const text = withChange(
      'name: Fernhill Bikes',
      `name: !!js/function "function () { globalThis.${marker} = true; return 'x' }"`,
    );

    const result = validateProfileText(text, 'brand.yaml');

    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'brand.yaml:2:9  (root)  YAML: Unresolved tag: tag:yaml.org,2002:js/function',
    ]);
    expect(result.profile).toBeUndefined();
    expect(marker in globalThis).toBe(false);
  });

  it('config: a !<tag:yaml.org,2002:js/undefined> tag is refused, not turned into undefined', () => {
    expect(
      validate(withChange('name: Fernhill Bikes', 'name: !<tag:yaml.org,2002:js/undefined> Fernhill Bikes')),
    ).toEqual({
      valid: false,
      lines: ['brand.yaml:2:9  (root)  YAML: Unresolved tag: tag:yaml.org,2002:js/undefined'],
    });
  });

  it('config: a YAML alias bomb (billion laughs, 10^9 nodes) is refused within a second with a clear message', () => {
    const levels = ['lol0: &lol0 "lol"'];
    for (let level = 1; level <= 9; level++) {
      levels.push(
        `lol${level}: &lol${level} [${Array(10)
          .fill(`*lol${level - 1}`)
          .join(', ')}]`,
      );
    }
    const started = performance.now();

    const result = validate(`${levels.join('\n')}\n`);

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual({
      valid: false,
      lines: ['brand.yaml:1:1  (root)  YAML: Excessive alias count indicates a resource exhaustion attack'],
    });
  });
});

describe('config: files that are not a profile', () => {
  it('config: a file over MAX_CONFIG_BYTES is refused before it is read, with its size and the limit', () => {
    const file = tempFile('brand.yaml', paddedTo(MAX_CONFIG_BYTES + 1));
    expect(statSync(file).size).toBe(MAX_CONFIG_BYTES + 1);

    const { loaded, diagnostics } = checkProfileFile(file);

    expect(loaded).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:1:1  (root)  file is 1048577 bytes; a brand profile may be at most 1048576 bytes`,
    ]);
  });

  it('config: a file of exactly MAX_CONFIG_BYTES is still read (the limit is inclusive)', () => {
    const file = tempFile('brand.yaml', paddedTo(MAX_CONFIG_BYTES));
    expect(statSync(file).size).toBe(MAX_CONFIG_BYTES);

    const { loaded, diagnostics } = checkProfileFile(file);

    expect(diagnostics).toEqual([]);
    expect(loaded?.profile.brand.name).toBe('Fernhill Bikes');
  });

  it('config: a file that is not YAML at all (an HTML page saved as brand.yaml) says a mapping was expected and shows its start', () => {
    const file = tempFile(
      'brand.yaml',
      '<!DOCTYPE html>\n<html>\n  <head><title>Fernhill Bikes</title></head>\n  <body><p>Page not found</p></body>\n</html>\n',
    );

    expect(checkProfileFile(file).diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:1:1  (root)  expected an object, got "<!DOCTYPE html> <html> <head><title>Fernhill Bikes</title..." (text)`,
    ]);
  });

  it('config: a truncated JSON profile is a YAML syntax error at the point it stops', () => {
    expect(validate('{ "brand": { "name": "Fernhill Bikes" },\n  "values": [')).toEqual({
      valid: false,
      lines: [
        'brand.yaml:2:14  (root)  YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        'brand.yaml:2:14  (root)  YAML: Flow map must end with a }',
      ],
    });
  });
});

describe('config: through the CLI', () => {
  it('config: `congruence validate` on a file with three faults prints one line each and a count, and exits with 2', () => {
    const file = 'test/reliability/fixtures/config/three-faults.yaml';

    const cli = spawnSync(process.execPath, ['bin/congruence.js', 'validate', '--config', file], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });

    expect(cli.status).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.split('\n')).toEqual([
      `${file}:4:3  brand.aliasses  unknown key "aliasses"; did you mean "aliases"?`,
      `${file}:14:10  sources[0].url  must be an http:// or https:// URL`,
      `${file}:19:13  digest.timezone  unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"`,
      `3 problems in ${file}`,
      '',
    ]);
  });
});

describe('config: what a diagnostic prints', () => {
  it('config: control characters in a value (an ANSI escape) are shown escaped, never sent to the terminal', () => {
    const text = `${readFileSync('test/fixtures/config/valid-minimal.yaml', 'utf8')}thresholds:\n  confidence: "\u001b[31mRed\u001b[0m"\n`;
    const lines = validateProfileText(text, 'brand.yaml').diagnostics.map(formatDiagnostic).join('\n');
    expect(lines).toContain('"\\u001b[31mRed\\u001b[0m" (text)');
    expect(lines).not.toContain('\u001b');
  });
});
