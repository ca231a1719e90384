// One contract, two analyzers: what scoring relies on holds for the local analyzer and for the
// Amazon Comprehend analyzer alike. Comprehend is answered at the SDK boundary by a small fake
// service (aws-sdk-client-mock) that labels texts by a few obvious words, so these tests pin the
// plumbing (ids, order, sentences, skips, cost), not Comprehend's judgement.
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { Analyzer, AnalyzerDocument } from '#domain/analyzer';
import { answerComprehend, useMockedComprehend } from '#test/support/comprehend-fake';

const { comprehend } = useMockedComprehend();

function fakeLabel(text: string): 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' {
  if (/\b(great|brilliant|lovely|love)\b/i.test(text)) return 'POSITIVE';
  if (/\b(terrible|useless|awful|slow)\b/i.test(text)) return 'NEGATIVE';
  return 'NEUTRAL';
}

/** Labels by a few obvious words; key phrases are the "the <word>" phrases of a text. */
const FAKE_SERVICE = {
  label: fakeLabel,
  keyPhrases: (text: string) => (text.match(/\bthe \w+/gi) ?? []).map((phrase) => ({ Text: phrase, Score: 0.99 })),
};

const analyzers: Array<[string, () => Analyzer]> = [
  ['the local analyzer', () => createLocalAnalyzer()],
  [
    'the Amazon Comprehend analyzer',
    () =>
      createComprehendAnalyzer({
        client: new ComprehendClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
        sleep: async () => undefined,
      }),
  ],
];

const documents: AnalyzerDocument[] = [
  {
    id: 'pos',
    text: 'The mechanic was brilliant. I love this shop.',
    language: 'en',
    sentences: ['The mechanic was brilliant.'],
  },
  { id: 'neg', text: 'The delivery was terrible and slow.', language: 'en', sentences: [] },
  {
    id: 'both',
    text: 'Delivery was slow but the staff were lovely.',
    language: 'en',
    sentences: ['Delivery was slow', 'the staff were lovely.'],
  },
  { id: 'dutch', text: 'De fiets is geweldig.', language: 'nl', sentences: [] },
];

describe.each(analyzers)('the analyzer contract: %s', (_name, make) => {
  beforeEach(() => answerComprehend(comprehend, FAKE_SERVICE));

  it('has a name and a version, which together key its scores', () => {
    const analyzer = make();
    expect(analyzer.name).toMatch(/^[a-z]+$/);
    expect(analyzer.version.length).toBeGreaterThan(0);
  });

  it('answers every document exactly once, matched by id', async () => {
    const { results } = await make().analyze(documents);
    expect(results.map((result) => result.id).sort()).toEqual(['both', 'dutch', 'neg', 'pos']);
  });

  it('labels clearly positive and clearly negative documents as such', async () => {
    const { results } = await make().analyze(documents);
    const labelOf = (id: string) => {
      const result = results.find((each) => each.id === id);
      return result?.status === 'scored' ? result.sentiment.label : result?.status;
    };
    expect(labelOf('pos')).toBe('POSITIVE');
    expect(labelOf('neg')).toBe('NEGATIVE');
  });

  it('gives every value sentence its own sentiment, in input order', async () => {
    const { results } = await make().analyze(documents);
    const both = results.find((result) => result.id === 'both');
    expect(both?.status).toBe('scored');
    if (both?.status !== 'scored') return;
    expect(both.sentences.map((sentence) => sentence.text)).toEqual(['Delivery was slow', 'the staff were lovely.']);
    expect(both.sentences.map((sentence) => sentence.sentiment.label)).toEqual(['NEGATIVE', 'POSITIVE']);
    const none = results.find((result) => result.id === 'neg');
    expect(none?.status === 'scored' && none.sentences).toEqual([]);
  });

  it('gives scores between 0 and 1 that sum to 1, the language used, and key phrases as text', async () => {
    const { results } = await make().analyze(documents);
    for (const result of results) {
      if (result.status !== 'scored') continue;
      const { positive, negative, neutral, mixed } = result.sentiment.scores;
      for (const value of [positive, negative, neutral, mixed]) expect(value).toBeGreaterThanOrEqual(0);
      expect(positive + negative + neutral + mixed).toBeCloseTo(1, 2);
      expect(result.language).toBe('en');
      expect(result.keyPhrases.every((phrase) => typeof phrase === 'string' && phrase.length > 0)).toBe(true);
      expect(result.analyzedChars).toBeGreaterThan(0);
      expect(result.truncated).toBe(false);
    }
  });

  it('skips a language it cannot analyse, saying which, for good', async () => {
    const { results } = await make().analyze(documents);
    const dutch = results.find((result) => result.id === 'dutch');
    expect(dutch).toMatchObject({ status: 'skipped' });
    expect(dutch?.status === 'skipped' && dutch.reason).toContain('nl');
    expect(dutch?.status === 'skipped' && dutch.retryable).not.toBe(true);
  });

  it('answers an empty batch with nothing and costs nothing', async () => {
    comprehend.reset();
    const { results, cost } = await make().analyze([]);
    expect(results).toEqual([]);
    expect([...Object.values(cost.calls), ...Object.values(cost.units)].every((count) => count === 0)).toBe(true);
    expect(comprehend.calls()).toHaveLength(0);
  });
});
