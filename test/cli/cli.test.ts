// The `congruence` command as a user runs it: a real process, its output and its exit code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/congruence.js');

function congruence(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-cli-'));
  for (const file of ['rss2-html-and-gaps.xml', 'rss1-social.rdf', 'atom-newsroom.atom']) {
    copyFileSync(join(process.cwd(), 'test/fixtures/feeds', file), join(dir, file));
  }
  writeFileSync(
    join(dir, 'brand.yaml'),
    `brand: { name: Fernhill Bikes, aliases: [Fernhill], handles: ["@fernhillbikes"] }
values:
  - { id: free-repairs, label: Free repairs, promise: Repaired free for life, aspects: [repair], expected: { minNetSentiment: 0.3 } }
sources:
  - { id: reviews, kind: rss, path: rss2-html-and-gaps.xml, channel: review }
  - { id: social, kind: rss, path: rss1-social.rdf, channel: social }
  - { id: newsroom, kind: rss, path: atom-newsroom.atom, channel: stance }
digest: { recipients: [brand-team@example.com], sender: congruence@example.com }
`,
  );
  return dir;
}

describe('congruence validate', () => {
  it('says a valid profile is valid and exits 0', () => {
    const { code, stdout } = congruence(['validate', 'test/fixtures/config/valid-minimal.yaml']);
    expect(code).toBe(0);
    expect(stdout).toBe('test/fixtures/config/valid-minimal.yaml: valid (brand "Fernhill Bikes", 1 value, 1 source)\n');
  });

  it('prints a misspelt key and a wrong type as file:line:col  path  message, with a suggestion, and exits 2', () => {
    const { code, stderr } = congruence(['validate', 'test/fixtures/config/misspelt-key-and-wrong-type.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        'test/fixtures/config/misspelt-key-and-wrong-type.yaml:7:5  values[0].aspcts  unknown key "aspcts"; did you mean "aspects"?',
        'test/fixtures/config/misspelt-key-and-wrong-type.yaml:9:13  values[0].weight  expected a number, got "three" (text)',
        '2 problems in test/fixtures/config/misspelt-key-and-wrong-type.yaml',
        '',
      ].join('\n'),
    );
  });

  it('reports problems as JSON with --json', () => {
    const { code, stdout } = congruence([
      'validate',
      '--json',
      'test/fixtures/config/misspelt-key-and-wrong-type.yaml',
    ]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as {
      valid: boolean;
      problems: Array<{ line: number; col: number; path: string }>;
    };
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem) => [problem.line, problem.col, problem.path])).toEqual([
      [7, 5, 'values[0].aspcts'],
      [9, 13, 'values[0].weight'],
    ]);
  });

  it('validates the file given with --config when no file argument is given', () => {
    expect(congruence(['validate', '--config', 'test/fixtures/config/valid.json']).code).toBe(0);
  });
});

describe('congruence ingest', () => {
  it('stores the signals, prints a line per source, and finds nothing new on a second run', () => {
    const dir = workspace();
    const first = congruence(['ingest', '--config', 'brand.yaml', '--data-dir', 'data'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Ingesting 3 sources for Fernhill Bikes \(data in data\)\n/);
    expect(first.stdout).toMatch(
      / {2}reviews {12}new {8}7 items, 6 new \(1 with personal data redacted\); 1 duplicates, 1 undated \(dated at fetch time\) {2}\(\d+\.\d s\)\n/,
    );
    expect(first.stdout).toContain('Stored 10 new signals from 3 sources: 3 with new items, 0 unchanged, 0 failed.\n');

    const second = congruence(['ingest', '--config', 'brand.yaml', '--data-dir', 'data'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('  reviews            unchanged  nothing new since the last run\n');
    expect(second.stdout).toContain('Stored 0 new signals from 3 sources: 0 with new items, 3 unchanged, 0 failed.\n');
  });

  it('prints the run report as JSON with --json', () => {
    const dir = workspace();
    const { code, stdout } = congruence(['ingest', '-c', 'brand.yaml', '-d', 'data', '--json'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      totals: { newSignals: number };
      sources: Array<{ sourceId: string; new: number }>;
    };
    expect(report.totals.newSignals).toBe(10);
    expect(report.sources.map((source) => [source.sourceId, source.new])).toEqual([
      ['reviews', 6],
      ['social', 2],
      ['newsroom', 2],
    ]);
  });

  it('exits 1 when a source fails, after storing the others', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.xml'), '<html><body>Not a feed</body></html>');
    const config = join(dir, 'brand.yaml');
    const withBroken = readFileSync(config, 'utf8').replace(
      'digest:',
      '  - { id: broken, kind: rss, path: broken.xml, channel: news }\ndigest:',
    );
    writeFileSync(config, withBroken);
    const { code, stdout } = congruence(['ingest', '-c', 'brand.yaml', '-d', 'data'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '  broken             failed     source `broken`: got an HTML page instead of a feed; check the url; fix the source and run again\n',
    );
    expect(stdout).toContain('Stored 10 new signals from 4 sources: 3 with new items, 0 unchanged, 1 failed.\n');
  });

  it('prints what it could not make of a CSV export’s dates under the source’s line, and in --json', () => {
    const dir = workspace();
    for (const [from, to] of [
      ['customer-posts-unreadable-dates.csv', 'posts.csv'],
      ['customer-posts-ambiguous.csv', 'survey.csv'],
    ] as const) {
      copyFileSync(join(process.cwd(), 'test/fixtures/connectors/csv', from), join(dir, to));
    }
    const config = join(dir, 'brand.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'digest:',
        '  - { id: posts, kind: csv, path: posts.csv, channel: review, timezone: Europe/London, columns: { id: id, date: posted, text: text } }\n' +
          '  - { id: survey, kind: csv, path: survey.csv, channel: review, columns: { id: id, date: posted, text: text } }\ndigest:',
      ),
    );

    const { code, stdout } = congruence(
      ['ingest', '-c', 'brand.yaml', '-d', 'data', '--source', 'posts', '--source', 'survey'],
      dir,
    );

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /\n {2}posts {14}new {8}6 items, 6 new[^;\n]*; 3 undated \(dated at fetch time\), 2 dates unreadable {2}\(\d+\.\d s\)\n {4}warning: source `posts`: 2 dates in column "posted" could not be read \(the first: "yesterday" on line 3\)[^\n]*\n/,
    );
    expect(stdout).toMatch(
      /\n {2}survey {13}new {8}2 items, 2 new[^\n]*\n {4}warning: source `survey`: every date in column "posted" reads both month-first and day-first [^\n]*set dateFormat: "M\/D\/YYYY H:mm"\n/,
    );

    const json = congruence(['ingest', '-c', 'brand.yaml', '-d', 'other-data', '--json'], dir);
    const report = JSON.parse(json.stdout) as {
      sources: Array<{ sourceId: string; unreadableDates: number; warnings: Array<{ code: string }> }>;
    };
    expect(
      report.sources.map((source) => [
        source.sourceId,
        source.unreadableDates,
        source.warnings.map((warning) => warning.code),
      ]),
    ).toEqual([
      ['reviews', 0, []],
      ['social', 0, []],
      ['newsroom', 0, []],
      ['posts', 2, ['unreadable-dates']],
      ['survey', 0, ['ambiguous-dates']],
    ]);
  });

  it('exits 2 with the problems listed when the config is invalid', () => {
    const { code, stderr } = congruence([
      'ingest',
      '-c',
      'test/fixtures/config/misspelt-key-and-wrong-type.yaml',
      '-d',
      mkdtempSync(join(tmpdir(), 'cg-')),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('values[0].aspcts  unknown key "aspcts"; did you mean "aspects"?');
  });

  it('exits 3 for an unknown source or command', () => {
    const dir = workspace();
    const unknownSource = congruence(['ingest', '-c', 'brand.yaml', '-d', 'data', '--source', 'nope'], dir);
    expect(unknownSource.code).toBe(3);
    expect(unknownSource.stderr).toBe(
      'congruence: no source "nope" in brand.yaml; sources: reviews, social, newsroom\n',
    );
    expect(congruence(['frobnicate']).code).toBe(3);
  });
});

describe('congruence score', () => {
  it('scores every ingested signal once, and none on a second run', () => {
    const dir = workspace();
    expect(congruence(['ingest', '-c', 'brand.yaml', '-d', 'data'], dir).code).toBe(0);
    const first = congruence(['score', '-c', 'brand.yaml', '-d', 'data'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Scored 10 signals with local@\S+ \(\d+ value sentences\); 0 already scored, not sent again\.\n/,
    );
    expect(first.stdout).toMatch(/ {2}value mentions: free-repairs \d+\n/);
    expect(first.stdout).toMatch(/ {2}Amazon Comprehend would bill about \d+ units for these signals\.\n/);

    const second = congruence(['score', '-c', 'brand.yaml', '-d', 'data', '--json'], dir);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ signals: 10, scored: 0, alreadyScored: 10 });
  });

  it('refuses an analyzer it does not know', () => {
    const { code, stderr } = congruence(['score', '--analyzer', 'magic']);
    expect(code).toBe(3);
    expect(stderr).toContain("argument 'magic' is invalid. Allowed choices are local, comprehend.");
  });
});

describe('congruence run', () => {
  it('ingests, scores and writes the digest in one go, and ingests and scores nothing twice', () => {
    const dir = workspace();
    const first = congruence(['run', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W46'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Stored 10 new signals from 3 sources');
    expect(first.stdout).toMatch(/Scored 10 signals with local@/);
    expect(first.stdout).toMatch(/Digest for Fernhill Bikes, 2026-W46 \(9–15 November 2026\): Brand Alignment Index/);
    expect(first.stdout).toContain(
      '  open out/fernhill-bikes-2026-W46.html  (also out/fernhill-bikes-2026-W46.txt and out/fernhill-bikes-2026-W46.eml)\n',
    );
    for (const extension of ['html', 'txt', 'eml'])
      expect(existsSync(join(dir, 'out', `fernhill-bikes-2026-W46.${extension}`))).toBe(true);

    const second = congruence(['run', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W46', '--json'], dir);
    const report = JSON.parse(second.stdout) as { digest: { files: { html: string } } };
    expect(report).toMatchObject({ ingest: { totals: { unchanged: 3 } }, score: { scored: 0, alreadyScored: 10 } });
    expect(report.digest.files.html).toBe(join(dir, 'out', 'fernhill-bikes-2026-W46.html'));
  });
});

describe('congruence alert', () => {
  it('refuses --replay without its days, and --from without --replay, with the fix (exit 3)', () => {
    const dir = workspace();
    const noDays = congruence(['alert', '-c', 'brand.yaml', '-d', 'data', '--replay'], dir);
    expect(noDays.code).toBe(3);
    expect(noDays.stderr).toContain('--replay needs --from and --to, the first and last day replayed');
    const noReplay = congruence(['alert', '-c', 'brand.yaml', '-d', 'data', '--from', '2026-11-01'], dir);
    expect(noReplay.code).toBe(3);
    expect(noReplay.stderr).toContain('--from and --to go with --replay');
  });

  it('prints what fires as JSON, and exits 1 when a channel cannot be reached, saying why', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'surge.xml'), surgeFeed());
    // a Slack channel whose address is not exported
    writeFileSync(
      join(dir, 'brand.yaml'),
      readFileSync(join(dir, 'brand.yaml'), 'utf8')
        .replace(
          '  - { id: social, kind: rss, path: rss1-social.rdf, channel: social }',
          '  - { id: social, kind: rss, path: surge.xml, channel: social }',
        )
        .concat(
          'thresholds: { minMentions: 10 }\nalerts:\n  channels:\n    - { kind: slack, urlEnv: CONGRUENCE_TEST_UNSET_SLACK }\n',
        ),
    );
    congruence(['ingest', '-c', 'brand.yaml', '-d', 'data'], dir);
    congruence(['score', '-c', 'brand.yaml', '-d', 'data'], dir);
    const at = ['--at', '2026-11-18T12:30:00Z'];
    const dry = congruence(['alert', '-c', 'brand.yaml', '-d', 'data', ...at, '--dry-run', '--json'], dir);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      at: '2026-11-18T12:30:00.000Z',
      sensitivity: 'balanced',
      alerts: [{ kind: 'negative-surge', subject: 'free-repairs#social', negative: 14 }],
    });
    const sent = congruence(['alert', '-c', 'brand.yaml', '-d', 'data', ...at], dir);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toContain(
      'NOT sent to slack:CONGRUENCE_TEST_UNSET_SLACK: CONGRUENCE_TEST_UNSET_SLACK is not set: export the slack address in it; the next run sends it.',
    );
  });
});

/** A social feed: 12 pleased posts on the same day of each of four weeks, then 14 angry ones in the 24 hours to Wednesday 18 November, noon. */
function surgeFeed(): string {
  const HOUR = 3_600_000;
  const windowStart = Date.parse('2026-11-17T12:00:00Z');
  const items: string[] = [];
  const item = (at: number, text: string) =>
    items.push(
      `<item><guid>post-${items.length}</guid><title>${text.slice(0, 20)}</title><link>https://social.example/p/${items.length}</link>` +
        `<pubDate>${new Date(at).toUTCString()}</pubDate><description>${text} (${items.length})</description></item>`,
    );
  for (const weeks of [1, 2, 3, 4])
    for (let index = 0; index < 12; index++)
      item(
        windowStart - weeks * 7 * 24 * HOUR + (index * 2 + 0.5) * HOUR,
        'Fernhill fixed my repair for free again, brilliant service, love it.',
      );
  for (let index = 0; index < 14; index++)
    item(
      windowStart + (index + 0.5) * HOUR,
      'Fernhill charged me 80 pounds for a repair they promised free for life. Disgraceful, awful.',
    );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>social</title><link>https://social.example</link><description>posts</description>${items.join('')}</channel></rss>`;
}

describe('congruence digest', () => {
  it('writes the digest of the week asked for to the folder asked for', () => {
    const dir = workspace();
    congruence(['run', '-c', 'brand.yaml', '-d', 'data', '-o', 'first'], dir);
    const { code, stdout } = congruence(
      ['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W45', '--out', 'digests'],
      dir,
    );
    expect(code).toBe(0);
    // The fixtures' data starts on the Tuesday of 2026-W45.
    expect(stdout).toContain('Digest for Fernhill Bikes, 2026-W45 (2–8 November 2026, partial: 6 of 7 days)');
    expect(stdout).toContain(
      'note: 2026-W45 is partial: the data covers 6 of 7 days (the sources’ data starts or stops inside it)',
    );
    expect(existsSync(join(dir, 'digests', 'fernhill-bikes-2026-W45.eml'))).toBe(true);
  });

  it('says, for a week without signals, which weeks have them and which --week to pass', () => {
    const dir = workspace();
    congruence(['run', '-c', 'brand.yaml', '-d', 'data', '-o', 'first'], dir);
    const { code, stdout } = congruence(['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W30'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Digest for Fernhill Bikes, 2026-W30 (20–26 July 2026, no data for this week)');
    expect(stdout).toMatch(
      /note: 2026-W30 has no signals\. Weeks with signals: 2026-W45 \(\d+, partial: 6 of 7 days\), 2026-W46 \(\d+\)/,
    );
    expect(stdout).toContain(
      'Add --week 2026-W46 for the last complete week with signals, or --from 2026-W45 --to 2026-W4',
    );
  });

  it('writes the digest of every week of a --from/--to range and a page linking them', () => {
    const dir = workspace();
    congruence(['run', '-c', 'brand.yaml', '-d', 'data', '-o', 'first'], dir);
    const { code, stdout } = congruence(
      ['digest', '-c', 'brand.yaml', '-d', 'data', '--from', '2026-W44', '--to', '2026-W46', '-o', 'backfill'],
      dir,
    );
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Writing 3 weekly digests for Fernhill Bikes, 2026-W44 to 2026-W46');
    expect(lines[1]).toMatch(
      /^ {2}2026-W44 {2}index n\/a {2}no data for this week +0 signals {2}backfill\/fernhill-bikes-2026-W44\.html$/,
    );
    expect(lines[2]).toMatch(/^ {2}2026-W45 .* partial: 6 of 7 days .* backfill\/fernhill-bikes-2026-W45\.html$/);
    expect(lines[3]).toMatch(/^ {2}2026-W46 .* backfill\/fernhill-bikes-2026-W46\.html$/);
    expect(lines.at(-1)).toBe("  open backfill/fernhill-bikes-2026-W44-to-2026-W46.html  (links every week's digest)");
    const index = readFileSync(join(dir, 'backfill', 'fernhill-bikes-2026-W44-to-2026-W46.html'), 'utf8');
    for (const week of ['2026-W44', '2026-W45', '2026-W46']) {
      expect(index).toContain(`href="fernhill-bikes-${week}.html"`);
      expect(existsSync(join(dir, 'backfill', `fernhill-bikes-${week}.eml`))).toBe(true);
    }
  });

  it.each([
    [
      ['--from', '2026-W44'],
      'a range of weeks needs both ends: give --from and --to, e.g. --from 2015-W07 --to 2015-W12',
    ],
    [['--from', '2026-W46', '--to', '2026-W44'], '--from 2026-W46 is after --to 2026-W44; swap them'],
    [
      ['--week', '2026-W45', '--from', '2026-W44', '--to', '2026-W46'],
      '--week reports one week and --from/--to a range of weeks: give one or the other',
    ],
    [
      ['--from', '2026-W44', '--to', '2026-W46', '--send'],
      '--send e-mails one week’s digest; leave it out with --from and --to (the files are still written)',
    ],
    [['--week', '2026-W60'], '--week 2026-W60 does not exist: 2026 has no week 60'],
  ])('refuses %j with a reason and exit code 3', (args, message) => {
    const dir = workspace();
    const { code, stderr } = congruence(['digest', '-c', 'brand.yaml', '-d', 'data', ...args], dir);
    expect(code).toBe(3);
    expect(stderr).toBe(`congruence: ${message}\n`);
  });

  it('refuses a week that is not an ISO week', () => {
    const dir = workspace();
    const { code, stderr } = congruence(['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-47'], dir);
    expect(code).toBe(3);
    expect(stderr).toBe('congruence: --week 2026-47 is not an ISO week; write it like 2026-W47\n');
  });
});

describe('congruence rebuild-rollups', () => {
  it('recuts the weeks after digest.timezone changes: the digest rebuilds them once, and the command does on demand', () => {
    const dir = workspace();
    congruence(['run', '-c', 'brand.yaml', '-d', 'data', '-o', 'first'], dir);
    const first = readFileSync(join(dir, 'first', 'fernhill-bikes-2026-W46.txt'), 'utf8');
    const config = readFileSync(join(dir, 'brand.yaml'), 'utf8');
    writeFileSync(join(dir, 'brand.yaml'), config.replace('digest: {', 'digest: { timezone: America/Los_Angeles,'));
    const recut = congruence(['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W46', '-o', 'after'], dir);
    expect(recut.code).toBe(0);
    expect(recut.stderr).toMatch(
      /^congruence: the weekly rollups were cut in the time zone UTC, and digest\.timezone is now America\/Los_Angeles; rebuilding them from the stored scores first\.\n {2}Rebuilt \d+ weekly rollups of \d+ weeks \(America\/Los_Angeles\) for local@[^ ]+, from \d+ scored signals and \d+ value mentions\.\n$/,
    );
    expect(readFileSync(join(dir, 'after', 'fernhill-bikes-2026-W46.txt'), 'utf8')).not.toBe(first);
    // rebuilt once: the next digest has nothing to rebuild
    const again = congruence(['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W46', '-o', 'again'], dir);
    expect([again.code, again.stderr]).toEqual([0, '']);

    // rebuilt back in UTC by the command, the digest is the first one again, apart from when it was generated
    writeFileSync(join(dir, 'brand.yaml'), config);
    const rebuilt = congruence(['rebuild-rollups', '-c', 'brand.yaml', '-d', 'data'], dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(
      /^Rebuilt \d+ weekly rollups of \d+ weeks \(UTC\) for local@[^ ]+, from \d+ scored signals and \d+ value mentions\.\n$/,
    );
    expect(congruence(['digest', '-c', 'brand.yaml', '-d', 'data', '--week', '2026-W46', '-o', 'back'], dir).code).toBe(
      0,
    );
    const withoutGenerated = (text: string) => text.replace(/Generated [^\n]*/g, '');
    expect(withoutGenerated(readFileSync(join(dir, 'back', 'fernhill-bikes-2026-W46.txt'), 'utf8'))).toBe(
      withoutGenerated(first),
    );
  });
});
