// The local analyzer against the analyzer contract: labels on clear cases, negation, contrast,
// emoji, MIXED, key phrases, language and size limits, and well-formed scores.
import { describe, expect, it } from 'vitest';
import {
  DocumentAnalysisSchema,
  type AnalyzerDocument,
  type DocumentAnalysis,
  type SentimentLabel,
} from '#domain/analyzer';
import { createLocalAnalyzer, MAX_ANALYZED_CHARS } from '#adapters/analyzers/local/local-analyzer';
import { loadEvalDocuments, documentText } from '#test/fixtures/sentiment/eval-sets';

type Scored = Extract<DocumentAnalysis, { status: 'scored' }>;

const analyzer = createLocalAnalyzer();

async function analyzeOne(text: string, extra: Partial<AnalyzerDocument> = {}): Promise<DocumentAnalysis> {
  const { results } = await analyzer.analyze([{ id: 'doc', text, sentences: [], ...extra }]);
  expect(results).toHaveLength(1);
  return results[0] as DocumentAnalysis;
}

async function scored(text: string, extra: Partial<AnalyzerDocument> = {}): Promise<Scored> {
  const result = await analyzeOne(text, extra);
  if (result.status !== 'scored') throw new Error(`expected a scored result, got: ${result.reason}`);
  return result;
}

async function labelOfText(text: string): Promise<SentimentLabel> {
  return (await scored(text)).sentiment.label;
}

describe('local analyzer', () => {
  it('is named "local" and versioned by the analyzer, its sentiment model and the wink-nlp version', () => {
    expect(analyzer.name).toBe('local');
    expect(analyzer.version).toMatch(/^\d+\.\d+\.\d+\+model-\d+\.\d+\.\d+\+wink-2\.4$/);
  });

  it('labels clearly positive, negative and neutral documents', async () => {
    expect(await labelOfText('The staff were wonderful and the repair was excellent.')).toBe('POSITIVE');
    expect(await labelOfText('The app is terrible and the support was awful.')).toBe('NEGATIVE');
    expect(await labelOfText('The company announced a new store in Leeds.')).toBe('NEUTRAL');
  });

  // "Never disappointed" is still read as negative: a known limit (models/sentiment/README.md).
  it('follows negation', async () => {
    expect(await labelOfText('The service was good.')).toBe('POSITIVE');
    expect(await labelOfText('The service was not good.')).toBe('NEGATIVE');
    expect(await labelOfText('The staff were helpful.')).toBe('POSITIVE');
    expect(await labelOfText('The staff were not helpful at all.')).toBe('NEGATIVE');
  });

  it('scores each value sentence on its own: slow delivery negative, lovely staff positive', async () => {
    const result = await scored('Delivery was slow but the staff were lovely.', {
      sentences: ['Delivery was slow', 'the staff were lovely'],
    });
    expect(result.sentences.map((sentence) => sentence.text)).toEqual(['Delivery was slow', 'the staff were lovely']);
    expect(result.sentences.map((sentence) => sentence.sentiment.label)).toEqual(['NEGATIVE', 'POSITIVE']);
  });

  it('reads the sentiment of emoji', async () => {
    expect(await labelOfText('The bike arrived today 👎')).toBe('NEGATIVE');
    expect(await labelOfText('The bike arrived today 😢')).toBe('NEGATIVE');
    expect(await labelOfText('The bike arrived today ❤️')).toBe('POSITIVE');
    expect(await labelOfText('The bike arrived today 👍')).toBe('POSITIVE');
  });

  it('calls a document MIXED when one sentence is clearly positive and another clearly negative', async () => {
    expect(await labelOfText('The frame is superb. The delivery was a disaster.')).toBe('MIXED');
    expect(await labelOfText('Great bike!\nAwful delivery')).toBe('MIXED');
  });

  it('does not call a document MIXED for one faint opposite word', async () => {
    expect(await labelOfText('Brilliant bike, superb brakes and a wonderful saddle. The bell is a bit quiet.')).toBe(
      'POSITIVE',
    );
  });

  it('gives a neutral sentence NEUTRAL even inside a polar document', async () => {
    const result = await scored('The bike is superb. The shop is on Mill Road.', {
      sentences: ['The shop is on Mill Road.'],
    });
    expect(result.sentiment.label).toBe('POSITIVE');
    expect(result.sentences[0]?.sentiment.label).toBe('NEUTRAL');
  });

  it('finds noun phrases as key phrases, lower-cased, deduplicated and at most ten', async () => {
    const result = await scored(
      'The support chat was slow again. My battery charger broke, so I asked the Support Chat for help. ' +
        'The group rides are great and the ride app is easy to use.',
    );
    expect(result.keyPhrases).toEqual(
      expect.arrayContaining(['support chat', 'battery charger', 'group rides', 'ride app']),
    );
    expect(new Set(result.keyPhrases).size).toBe(result.keyPhrases.length);
    expect(result.keyPhrases.every((phrase) => phrase === phrase.toLowerCase())).toBe(true);

    const many = Array.from({ length: 30 }, (_, index) => `The shop number ${index} sells a red saddle${index}.`).join(
      ' ',
    );
    expect((await scored(many)).keyPhrases.length).toBeLessThanOrEqual(10);
  });

  it('keeps the spelling of key phrases as written', async () => {
    expect((await scored('The frame is recycled aluminium.')).keyPhrases).toContain('aluminium');
  });

  it('skips a document in another language with a reason, and treats an unknown language as English', async () => {
    expect(await analyzeOne('Das Fahrrad ist großartig.', { language: 'de' })).toEqual({
      id: 'doc',
      status: 'skipped',
      reason: 'language de is not supported by the local analyzer (English only)',
    });
    expect((await scored('Great bike.')).language).toBe('en');
    expect((await scored('Great bike.', { language: 'en' })).sentiment.label).toBe('POSITIVE');
    expect((await scored('Great bike.', { language: 'en-GB' })).status).toBe('scored');
  });

  it('analyses at most 20,000 characters, cut at the end of a sentence', async () => {
    const sentence = 'The mechanic fixed my brakes and the bike rides well. ';
    const long = sentence.repeat(Math.ceil(30_000 / sentence.length));
    const result = await scored(long);
    expect(result.truncated).toBe(true);
    expect(result.analyzedChars).toBeLessThanOrEqual(MAX_ANALYZED_CHARS);
    expect(result.analyzedChars).toBeGreaterThan(MAX_ANALYZED_CHARS - sentence.length);
    expect(long.slice(0, result.analyzedChars).endsWith('well.')).toBe(true);

    const short = await scored('Lovely bike.');
    expect(short).toMatchObject({ truncated: false, analyzedChars: 'Lovely bike.'.length });
  });

  it('gives finite scores to texts containing "constructor" and other built-in property names', async () => {
    const result = await scored(
      'The frame constructor is based in Taiwan. constructor toString __proto__ hasOwnProperty',
      {
        sentences: ['constructor', 'The frame constructor did a great job.', '__proto__'],
      },
    );
    const all = [result.sentiment, ...result.sentences.map((sentence) => sentence.sentiment)];
    for (const sentiment of all) {
      for (const value of Object.values(sentiment.scores)) expect(Number.isFinite(value)).toBe(true);
    }
    expect(result.sentences[1]?.sentiment.label).toBe('POSITIVE');
  });

  it('returns four scores within 0..1 that sum to 1, and results that satisfy the contract schema', async () => {
    const documents = loadEvalDocuments().map((document) => ({
      id: document.id,
      text: documentText(document),
      sentences: document.sentences.map((sentence) => sentence.text),
    }));
    const { results } = await analyzer.analyze([...documents, { id: 'empty', text: '', sentences: [''] }]);
    for (const result of results) {
      const parsed = DocumentAnalysisSchema.parse(result);
      if (parsed.status !== 'scored') throw new Error(`${parsed.id} was skipped`);
      for (const sentiment of [parsed.sentiment, ...parsed.sentences.map((sentence) => sentence.sentiment)]) {
        const values = Object.values(sentiment.scores);
        expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
        expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
      }
    }
  });

  it('returns one result per document, matched by id, with sentences in input order', async () => {
    const documents: AnalyzerDocument[] = [
      { id: 'b-2', text: 'Awful service.', sentences: ['Awful service.'] },
      { id: 'a-1', text: 'Superb bike. Rude staff.', sentences: ['Rude staff.', 'Superb bike.'] },
      { id: 'c-3', text: 'Das ist gut.', language: 'de', sentences: [] },
    ];
    const { results, cost } = await analyzer.analyze(documents);
    const byId = new Map(results.map((result) => [result.id, result]));
    expect([...byId.keys()].sort()).toEqual(['a-1', 'b-2', 'c-3']);
    expect(byId.get('b-2')).toMatchObject({ status: 'scored', sentiment: { label: 'NEGATIVE' } });
    expect(byId.get('c-3')).toMatchObject({ status: 'skipped' });
    const mixed = byId.get('a-1');
    if (mixed?.status !== 'scored') throw new Error('a-1 was not scored');
    expect(mixed.sentences.map((sentence) => [sentence.text, sentence.sentiment.label])).toEqual([
      ['Rude staff.', 'NEGATIVE'],
      ['Superb bike.', 'POSITIVE'],
    ]);
    expect(cost).toEqual({ calls: {}, units: {} });
  });

  it('gives the same answer every time', async () => {
    const documents = loadEvalDocuments().map((document) => ({
      id: document.id,
      text: documentText(document),
      sentences: [],
    }));
    expect((await analyzer.analyze(documents)).results).toEqual((await analyzer.analyze(documents)).results);
  });
});
