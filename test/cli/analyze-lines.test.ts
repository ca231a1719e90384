// analyzeLines: the lines someone types or keeps in a file, batched through the analyzer and the value
// matcher, each answered in order.
import { describe, expect, it } from 'vitest';
import { analyzeLines, type InputLine, type LineAnalysis } from '#cli/analyze-command';
import type { Analyzer, AnalyzerDocument, DocumentAnalysis, Sentiment } from '#domain/analyzer';
import { createValueMatcher } from '#domain/value-matching';
import { negative, positive, neutral, TWO_VALUES_LINE, TWO_VALUES } from './analyze-fixtures';

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
