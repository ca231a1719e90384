import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatDiagnostic } from '#adapters/config/errors';
import { checkProfileFile, loadProfile, MAX_CONFIG_BYTES, validateProfileText } from '#adapters/config/load-profile';

const fixture = (name: string) => `test/fixtures/config/${name}`;
const lines = (name: string) => checkProfileFile(fixture(name)).diagnostics.map(formatDiagnostic);

describe('loading a brand profile', () => {
  it('loads a minimal YAML profile and fills in the defaults', () => {
    const { profile } = loadProfile(fixture('valid-minimal.yaml'));
    expect(profile.brand.id).toBe('fernhill-bikes');
    expect(profile.brand.language).toBe('en');
    expect(profile.values[0]?.weight).toBe(1);
    expect(profile.sources[0]?.schedule).toBe('every 6 hours');
    expect(profile.digest).toMatchObject({ weekday: 'monday', hour: 8, timezone: 'UTC' });
    expect(profile.thresholds).toEqual({ minMentions: 20, confidence: 0.9, divergence: 0.2 });
    expect(profile.retention).toEqual({ signalTextDays: 400 });
    expect(profile.alerts).toEqual({
      sensitivity: 'balanced',
      windowHours: 24,
      dailyCap: 5,
      resolvedNotice: false,
      digestSummary: false,
      channels: [],
    });
  });

  it('reads alert channels by the environment variables that hold their addresses, never an address', () => {
    const base = readFileSync(fixture('valid-minimal.yaml'), 'utf8');
    const good = validateProfileText(
      `${base}alerts:\n  channels:\n    - { kind: slack, urlEnv: CONGRUENCE_SLACK_WEBHOOK }\n    - { kind: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET }\n`,
      'brand.yaml',
    );
    expect(good.diagnostics).toEqual([]);
    const bad = validateProfileText(
      `${base}alerts:\n  channels:\n    - { kind: slack, urlEnv: "https://hooks.slack.com/services/T/B/x" }\n    - { kind: webhook, urlEnv: HOOK_URL }\n`,
      'brand.yaml',
    );
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /alerts\.channels\[0\]\.urlEnv {2}name an environment variable .*the address itself stays out of the file/,
      ),
      expect.stringMatching(/alerts\.channels\[1\]\.secretEnv {2}/),
    ]);
  });

  it('takes only an https digestLink, and says so', () => {
    const base = readFileSync(fixture('valid-minimal.yaml'), 'utf8');
    const good = validateProfileText(
      `${base}alerts:\n  digestSummary: true\n  digestLink: https://intranet.example/digests\n`,
      'brand.yaml',
    );
    expect(good.diagnostics).toEqual([]);
    const bad = validateProfileText(`${base}alerts:\n  digestLink: http://intranet.example/digests\n`, 'brand.yaml');
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/alerts\.digestLink {2}give an https address, e\.g\. https:\/\/intranet\.example/),
    ]);
  });

  it('reads the alerts settings, and names the fix for a sensitivity or a window it does not know', () => {
    const base = readFileSync(fixture('valid-minimal.yaml'), 'utf8');
    const good = validateProfileText(`${base}alerts:\n  sensitivity: fewer\n  windowHours: 6\n`, 'brand.yaml');
    expect(good.diagnostics).toEqual([]);
    const bad = validateProfileText(`${base}alerts:\n  sensitivity: high\n  windowHours: 500\n`, 'brand.yaml');
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^brand\.yaml:\d+:16 {2}alerts\.sensitivity {2}.*"fewer".*"balanced".*"more"/),
      expect.stringMatching(/^brand\.yaml:\d+:16 {2}alerts\.windowHours {2}look at 168 hours \(a week\) at most/),
    ]);
  });

  it('reads a competitor by its name alone or with its aliases, handles and domains, and checks them', () => {
    const base = readFileSync(fixture('valid-minimal.yaml'), 'utf8');
    const withCompetitors = (competitors: string) =>
      base.replace(/^brand:\n/m, `brand:\n  competitors:\n${competitors}`);
    const good = validateProfileText(
      withCompetitors(
        '    - Alderway Bikes\n    - { name: Cobalt Cycles, aliases: [Cobalt], handles: ["@cobaltcycles"], domains: [cobalt.example] }\n',
      ),
      'brand.yaml',
    );
    expect(good.diagnostics).toEqual([]);
    expect(good.profile?.brand.competitors).toEqual([
      { name: 'Alderway Bikes', aliases: [], handles: [], domains: [] },
      { name: 'Cobalt Cycles', aliases: ['Cobalt'], handles: ['@cobaltcycles'], domains: ['cobalt.example'] },
    ]);
    const bad = validateProfileText(
      withCompetitors('    - { name: Cobalt Cycles, handles: ["cobalt cycles!"] }\n'),
      'brand.yaml',
    );
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/brand\.competitors\[0\]\.handles\[0\] {2}use a social handle such as "@fernhillbikes"/),
    ]);
  });

  it('reads a source’s time zone and a CSV source’s date format, and reads a source without a time zone in UTC', () => {
    const { profile } = loadProfile(fixture('csv-dates.yaml'));
    expect(
      profile.sources.map((source) => [
        source.id,
        source.timezone,
        'dateFormat' in source ? source.dateFormat : undefined,
      ]),
    ).toEqual([
      ['reviews', 'UTC', undefined],
      ['shop-posts', 'Europe/London', 'D/M/YYYY H:mm'],
    ]);
  });

  it('reports an unknown source time zone and a date format it cannot read, each with its file, line, path and fix', () => {
    expect(lines('csv-date-format-problems.yaml')).toEqual([
      'test/fixtures/config/csv-date-format-problems.yaml:14:15  sources[0].timezone  unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"',
      'test/fixtures/config/csv-date-format-problems.yaml:20:17  sources[1].dateFormat  "dd/mm/yyyy HH:mm": "dd" is not a date token (did you mean "DD"?); ' +
        'write the format with YYYY, YY, MMM, MM, M, DD, D, HH, H, hh, h, mm, ss, A and the separators / - . : , space and T, e.g. "DD/MM/YYYY HH:mm"',
      'test/fixtures/config/csv-date-format-problems.yaml:26:17  sources[2].dateFormat  dateFormat is set but columns.date is not: ' +
        'name the date column in columns.date, or remove dateFormat',
    ]);
  });

  it('refuses a text retention too short for the digest’s history, saying the minimum and why', () => {
    const text = `${readFileSync(fixture('valid-minimal.yaml'), 'utf8')}retention:\n  signalTextDays: 30\n`;
    const result = validateProfileText(text, 'brand.yaml');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^brand\.yaml:\d+:19 {2}retention\.signalTextDays {2}keep text at least 98 days: the digest compares 12 weeks of history/,
      ),
    ]);
  });

  it('accepts the same profile written as JSON', () => {
    const fromJson = loadProfile(fixture('valid.json')).profile;
    const fromYaml = loadProfile(fixture('valid-minimal.yaml')).profile;
    expect(fromJson.brand).toEqual(fromYaml.brand);
    expect(fromJson.thresholds).toEqual(fromYaml.thresholds);
  });

  it('reports a misspelt key with a suggestion and a wrong type, each with line and column', () => {
    expect(lines('misspelt-key-and-wrong-type.yaml')).toEqual([
      'test/fixtures/config/misspelt-key-and-wrong-type.yaml:7:5  values[0].aspcts  unknown key "aspcts"; did you mean "aspects"?',
      'test/fixtures/config/misspelt-key-and-wrong-type.yaml:9:13  values[0].weight  expected a number, got "three" (text)',
    ]);
  });

  it('reports every problem of a file at once, in line order', () => {
    const found = lines('many-problems.yaml').map((line) => line.split('  ').slice(0, 2).join('  '));
    expect(found).toEqual([
      'test/fixtures/config/many-problems.yaml:3:3  brand.langauge',
      'test/fixtures/config/many-problems.yaml:9:15  values[0].expected',
      'test/fixtures/config/many-problems.yaml:10:9  values[1].id',
      'test/fixtures/config/many-problems.yaml:14:35  values[1].expected.minPositiveShare',
      'test/fixtures/config/many-problems.yaml:18:10  sources[0].url',
      'test/fixtures/config/many-problems.yaml:19:14  sources[0].channel',
      'test/fixtures/config/many-problems.yaml:20:15  sources[0].schedule',
      'test/fixtures/config/many-problems.yaml:24:11  sources[1].path',
      'test/fixtures/config/many-problems.yaml:24:11  sources[1].path',
      'test/fixtures/config/many-problems.yaml:27:11  sources[2].kind',
      'test/fixtures/config/many-problems.yaml:30:16  digest.recipients[0]',
      'test/fixtures/config/many-problems.yaml:32:13  digest.timezone',
      'test/fixtures/config/many-problems.yaml:34:15  thresholds.confidence',
    ]);
  });

  it('says how to fix each problem', () => {
    const messages = lines('many-problems.yaml').join('\n');
    expect(messages).toContain('duplicate value id "repairs" (first used at values[0]); ids must be unique');
    expect(messages).toContain('set minNetSentiment (-1..1) or minPositiveShare (0..1), or both');
    expect(messages).toContain('must be at most 1 (got 1.5)');
    expect(messages).toContain(
      '"reviews" (text) is not allowed; use one of "news", "review", "social", "stance" (did you mean "review"?)',
    );
    expect(messages).toContain('must be an http:// or https:// URL');
    expect(messages).toContain(
      '"appstore-review" (text) is not a source kind; use one of "rss", "jsonfeed", "csv", "appstore-reviews", "reddit", "mastodon", "hackernews" (did you mean "appstore-reviews"?)',
    );
    expect(messages).toContain('give either url or path, not both');
    expect(messages).toContain('unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"');
    expect(messages).toContain('must be less than 1 (got 1.5)');
  });

  it('points at the key in a JSON file too', () => {
    expect(lines('invalid.json')).toEqual([
      'test/fixtures/config/invalid.json:2:40  brand.handels  unknown key "handels"; did you mean "handles"?',
      'test/fixtures/config/invalid.json:3:13  values  declare at least one brand value',
    ]);
  });

  it('lists the allowed keys when an unknown key resembles none of them', () => {
    const { diagnostics } = validateProfileText('brand:\n  name: X\n  colour: green\n', 'brand.yaml');
    expect(diagnostics.find((each) => each.path === 'brand.colour')?.message).toBe(
      'unknown key "colour"; allowed here: id, name, aliases, handles, domains, competitors, language',
    );
  });

  it('reports a missing required key once, not also when a misspelling of it was reported', () => {
    const messages = lines('misspelt-key-and-wrong-type.yaml').join('\n');
    expect(messages).not.toContain('missing required key "aspects"');
  });

  it('explains a missing required key with what it is for', () => {
    const { diagnostics } = validateProfileText('brand: {}\n', 'brand.yaml');
    expect(diagnostics.map((each) => `${each.path}: ${each.message}`)).toContain(
      'brand.name: missing required key "name": the brand’s name as customers write it.',
    );
  });

  it('reports YAML syntax errors with their position', () => {
    expect(lines('yaml-syntax-error.yaml')[0]).toMatch(
      /^test\/fixtures\/config\/yaml-syntax-error\.yaml:\d+:\d+ {2}\(root\) {2}YAML: /,
    );
  });

  it('refuses a file whose aliases would expand without limit', () => {
    expect(lines('alias-bomb.yaml')).toEqual([
      'test/fixtures/config/alias-bomb.yaml:1:1  (root)  YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('does not execute or construct custom YAML tags', () => {
    const diagnostics = lines('custom-tag.yaml');
    expect(diagnostics).toContain(
      'test/fixtures/config/custom-tag.yaml:2:9  (root)  YAML: Unresolved tag: tag:yaml.org,2002:js/function',
    );
  });

  it('refuses a file larger than the size limit before parsing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congruence-config-'));
    const big = join(dir, 'brand.yaml');
    writeFileSync(big, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    expect(checkProfileFile(big).diagnostics[0]?.message).toMatch(
      /^file is \d+ bytes; a brand profile may be at most 1048576 bytes$/,
    );
  });

  it('reports a source file that does not exist, relative to the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congruence-config-'));
    const file = join(dir, 'brand.yaml');
    writeFileSync(
      file,
      readFileSync(fixture('valid-minimal.yaml'), 'utf8').replace(
        'url: https://reviews.example/feed.xml',
        'path: feeds/missing.xml',
      ),
    );
    expect(checkProfileFile(file).diagnostics.map((each) => each.message)).toEqual([
      `file not found: ${join(dir, 'feeds/missing.xml')} (paths are relative to the config file)`,
    ]);
  });

  it('throws a ConfigError that lists every problem', () => {
    expect(() => loadProfile(fixture('misspelt-key-and-wrong-type.yaml'))).toThrow(ConfigError);
    expect(() => loadProfile(fixture('misspelt-key-and-wrong-type.yaml'))).toThrow(/2 problems\n.*aspcts.*\n.*weight/);
  });

  it('says so when the file does not exist', () => {
    expect(lines('no-such-file.yaml')).toEqual([
      'test/fixtures/config/no-such-file.yaml:1:1  (root)  file not found; check the path of the brand profile (--config for the CLI, -c config=... for cdk)',
    ]);
  });
});
