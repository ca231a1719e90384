// `congruence analyze`: the analyzer on sentences someone types or keeps in a file. The printing
// and the batching are tested on their own; the command itself as a user runs it, as a real process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analysisJson,
  analysisText,
  analyzeLines,
  type InputLine,
  type LineAnalysis,
  type ValueSentiment,
} from '#cli/analyze-command';
import type { Analyzer, AnalyzerDocument, DocumentAnalysis, Sentiment } from '#domain/analyzer';
import { createValueMatcher } from '#domain/value-matching';

const BIN = join(process.cwd(), 'bin/congruence.js');

const negative: Sentiment = {
  label: 'NEGATIVE',
  scores: { positive: 0.03, negative: 0.91, neutral: 0.05, mixed: 0.01 },
};
const positive: Sentiment = { label: 'POSITIVE', scores: { positive: 0.8, negative: 0.05, neutral: 0.15, mixed: 0 } };
const neutral: Sentiment = { label: 'NEUTRAL', scores: { positive: 0, negative: 0, neutral: 1, mixed: 0 } };

/** A line about two values, one of them in two sentences of which only one takes a side, and what it gives. */
const TWO_VALUES_LINE = 'Repair booked. The repair took weeks but the staff were lovely.';
const TWO_VALUES: ValueSentiment[] = [
  {
    valueId: 'free-repairs',
    matchedBy: [{ words: 'repair', term: 'repair' }],
    sentiment: negative,
    sentences: [
      { text: 'Repair booked.', sentiment: neutral },
      { text: 'The repair took weeks', sentiment: negative },
    ],
  },
  {
    valueId: 'staff',
    matchedBy: [{ words: 'staff', term: 'staff' }],
    sentiment: positive,
    sentences: [{ text: 'the staff were lovely.', sentiment: positive }],
  },
];

describe('the analyze output', () => {
  it('prints a line as its label, its four scores to two decimals and its text', () => {
    const analysis: LineAnalysis = {
      line: 1,
      text: 'Still waiting for my refund',
      status: 'analysed',
      sentiment: negative,
    };
    expect(analysisText(analysis)).toBe('NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  Still waiting for my refund\n');
  });

  it('lists the values a line mentions under it, their ids aligned, and each sentence of a value with several', () => {
    const analysis: LineAnalysis = {
      line: 2,
      text: TWO_VALUES_LINE,
      status: 'analysed',
      sentiment: neutral,
      values: TWO_VALUES,
    };
    expect(analysisText(analysis)).toBe(
      [
        'NEUTRAL   pos 0.00 neg 0.00 neu 1.00 mix 0.00  Repair booked. The repair took weeks but the staff were lovely.',
        '  free-repairs  NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  (2 sentences)',
        '      NEUTRAL   pos 0.00 neg 0.00 neu 1.00 mix 0.00  Repair booked.',
        '      NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  The repair took weeks',
        '  staff         POSITIVE  pos 0.80 neg 0.05 neu 0.15 mix 0.00  the staff were lovely.',
        '',
      ].join('\n'),
    );
  });

  it('says which words made a match by meaning, under the value it matched', () => {
    const analysis: LineAnalysis = {
      line: 3,
      text: 'The waiter forgot us.',
      status: 'analysed',
      sentiment: negative,
      values: [
        {
          valueId: 'staff',
          matchedBy: [{ words: 'waiter', term: 'staff', similarity: 0.63 }],
          sentiment: negative,
          sentences: [{ text: 'The waiter forgot us.', sentiment: negative }],
        },
      ],
    };
    expect(analysisText(analysis).split('\n')[2]).toBe('         matched by “waiter” ≈ staff (0.63)');
  });

  it('says which line was not analysed and why, in the place of its scores', () => {
    const analysis: LineAnalysis = {
      line: 4,
      text: 'Das Fahrrad ist kaputt',
      status: 'not-analysed',
      reason: 'language de is not supported by the local analyzer (English only)',
    };
    expect(analysisText(analysis)).toBe(
      'SKIPPED   line 4: language de is not supported by the local analyzer (English only)  Das Fahrrad ist kaputt\n',
    );
  });

  it('ends a skipped row at its reason when nothing of the line was left to show', () => {
    const analysis: LineAnalysis = { line: 5, text: '', status: 'not-analysed', reason: 'nothing to analyse' };
    expect(analysisText(analysis)).toBe('SKIPPED   line 5: nothing to analyse\n');
  });

  it('gives JSON with the label, the four scores under their names, the line number and the text', () => {
    const analysis: LineAnalysis = {
      line: 3,
      text: 'Still waiting for my refund',
      status: 'analysed',
      sentiment: negative,
    };
    expect(analysisJson(analysis)).toEqual({
      line: 3,
      text: 'Still waiting for my refund',
      label: 'NEGATIVE',
      scores: { positive: 0.03, negative: 0.91, neutral: 0.05, mixed: 0.01 },
    });
  });

  it('gives each value in JSON with its sentences and their sentiment, and a skipped line with its reason', () => {
    const withValues: LineAnalysis = {
      line: 1,
      text: 'The repair took weeks',
      status: 'analysed',
      sentiment: negative,
      values: [
        {
          valueId: 'free-repairs',
          matchedBy: [{ words: 'mechanic', term: 'repair', similarity: 0.62 }],
          sentiment: negative,
          sentences: [{ text: 'The repair took weeks', sentiment: negative }],
        },
      ],
    };
    expect(analysisJson(withValues).values).toEqual([
      {
        valueId: 'free-repairs',
        matchedBy: [{ words: 'mechanic', term: 'repair', similarity: 0.62 }],
        sentences: [{ text: 'The repair took weeks', label: 'NEGATIVE', scores: negative.scores }],
        label: 'NEGATIVE',
        scores: negative.scores,
      },
    ]);
    expect(
      analysisJson({
        line: 7,
        text: '¿Dónde está mi pedido?',
        status: 'not-analysed',
        reason: 'language es is not supported',
      }),
    ).toEqual({
      line: 7,
      text: '¿Dónde está mi pedido?',
      skipped: 'language es is not supported',
    });
  });
});

/** An analyzer that answers from a script, and remembers the batches it was sent. */
function scriptedAnalyzer(
  answer: (document: AnalyzerDocument) => DocumentAnalysis | undefined,
): Analyzer & { batches: AnalyzerDocument[][] } {
  const batches: AnalyzerDocument[][] = [];
  return {
    name: 'scripted',
    version: '1',
    batches,
    analyze: async (documents) => {
      batches.push(documents);
      const results = documents.map(answer).filter((result): result is DocumentAnalysis => result !== undefined);
      return { results, cost: { calls: {}, units: {} } };
    },
  };
}

function scored(
  document: AnalyzerDocument,
  sentiment: Sentiment = neutral,
  sentences: Sentiment[] = [],
): DocumentAnalysis {
  return {
    id: document.id,
    status: 'scored',
    language: 'en',
    sentiment,
    keyPhrases: [],
    sentences: document.sentences.map((text, index) => ({ text, sentiment: sentences[index] ?? sentiment })),
    analyzedChars: document.text.length,
    truncated: false,
  };
}

async function* linesOf(texts: readonly string[]): AsyncGenerator<InputLine> {
  for (const [index, text] of texts.entries()) yield { line: index + 1, text };
}

async function collect(analyses: AsyncIterable<LineAnalysis>): Promise<LineAnalysis[]> {
  const all: LineAnalysis[] = [];
  for await (const analysis of analyses) all.push(analysis);
  return all;
}

describe('analyzing lines', () => {
  it('sends at most a batch of lines per call and skips blank lines, keeping the others’ line numbers', async () => {
    const analyzer = scriptedAnalyzer((document) => scored(document));
    const texts = ['one', '', 'two', '   ', 'three', 'four', 'five'];
    const analyses = await collect(analyzeLines(linesOf(texts), { analyzer, batchSize: 2 }));
    expect(analyzer.batches.map((batch) => batch.map((document) => document.text))).toEqual([
      ['one', 'two'],
      ['three', 'four'],
      ['five'],
    ]);
    expect(analyses.map((analysis) => [analysis.line, analysis.text])).toEqual([
      [1, 'one'],
      [3, 'two'],
      [5, 'three'],
      [6, 'four'],
      [7, 'five'],
    ]);
  });

  it('yields the first batch’s results before reading the rest of the input', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<InputLine> {
      for (let line = 1; line <= 1_000; line++) {
        read = line;
        yield { line, text: `text ${line}` };
      }
    }
    const analyses = analyzeLines(counted(), {
      analyzer: scriptedAnalyzer((document) => scored(document)),
      batchSize: 10,
    });
    const first = await analyses.next();
    expect(first.value).toMatchObject({ line: 1, status: 'analysed' });
    expect(read).toBeLessThanOrEqual(11);
    await analyses.return(undefined);
  });

  it('reports a line the analyzer skipped, one it gave no result for, and one with nothing visible, each with why', async () => {
    const analyzer = scriptedAnalyzer((document) => {
      if (document.text === 'Das Fahrrad ist kaputt') {
        return {
          id: document.id,
          status: 'skipped',
          reason: 'language de is not supported by Amazon Comprehend sentiment',
        };
      }
      if (document.text === 'throttled')
        return { id: document.id, status: 'skipped', reason: 'throttled by Amazon Comprehend', retryable: true };
      if (document.text === 'lost') return undefined;
      return scored(document);
    });
    const analyses = await collect(
      analyzeLines(linesOf(['Das Fahrrad ist kaputt', 'throttled', 'lost', '\u200b\u200b', 'fine.']), { analyzer }),
    );
    expect(analyses.map((analysis) => (analysis.status === 'analysed' ? 'analysed' : analysis.reason))).toEqual([
      'language de is not supported by Amazon Comprehend sentiment',
      'throttled by Amazon Comprehend; a passing failure: run again later',
      'the analyzer gave no result for this line; run again, and report it if it keeps happening',
      'nothing to analyse: the line holds only invisible or control characters',
      'analysed',
    ]);
    expect(analyzer.batches.flat().map((document) => document.text)).not.toContain('');
  });

  it('passes the language given on to the analyzer with every line', async () => {
    const analyzer = scriptedAnalyzer((document) => scored(document));
    await collect(analyzeLines(linesOf(['Das Fahrrad ist kaputt']), { analyzer, language: 'de' }));
    expect(analyzer.batches[0]?.[0]?.language).toBe('de');
  });

  it('gives each value the sentences that mention it, and the mean of those that take a side as its sentiment', async () => {
    const matchValues = createValueMatcher([
      { id: 'free-repairs', aspects: ['repair'] },
      { id: 'staff', aspects: ['staff'] },
    ]);
    const analyzer = scriptedAnalyzer((document) => scored(document, neutral, [neutral, negative, positive]));
    const [analysis] = await collect(analyzeLines(linesOf([TWO_VALUES_LINE]), { analyzer, matchValues }));
    expect(analyzer.batches[0]?.[0]?.sentences).toEqual([
      'Repair booked.',
      'The repair took weeks',
      'the staff were lovely.',
    ]);
    expect(analysis?.status === 'analysed' ? analysis.values : undefined).toEqual(TWO_VALUES);
  });
});

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
