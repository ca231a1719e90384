// The local analyzer pool gives exactly what the single-threaded analyzer gives, on the hand-written
// evaluation documents and sentences, whether a batch goes to its threads or stays on the calling
// thread. How much faster it is is measured by `npm run bench`, not here.
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyzerDocument } from '#domain/analyzer';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import { createLocalAnalyzerPool, slicesOfEqualText } from '#adapters/analyzers/local/local-analyzer-pool';
import { documentText, loadEvalDocuments, loadEvalSentences } from '#test/fixtures/sentiment/eval-sets';

/** Documents with value sentences, sentences alone, a long text, an empty one and one in French. */
function sampleDocuments(): AnalyzerDocument[] {
  const documents = loadEvalDocuments().map((document) => ({
    id: `doc-${document.id}`,
    text: documentText(document),
    sentences: document.sentences.slice(0, 2).map((sentence) => sentence.text),
  }));
  const sentences = loadEvalSentences().map((sentence, index) => ({
    id: `sentence-${index}`,
    text: sentence.text,
    sentences: [],
  }));
  return [
    ...documents,
    ...sentences,
    {
      id: 'long',
      text: 'The repair was quick and the staff were lovely. '.repeat(600),
      sentences: ['The repair was quick.'],
    },
    { id: 'empty', text: '', sentences: [] },
    { id: 'french', text: 'Le vélo est arrivé en retard.', language: 'fr', sentences: [] },
  ];
}

describe('local analyzer pool', () => {
  const single = createLocalAnalyzer();
  const pool = createLocalAnalyzerPool({ threads: 2, minDocumentsPerThread: 1 });
  afterAll(() => pool.close());

  it('carries the local analyzer name and version, so scores stay comparable', () => {
    expect(pool.name).toBe(single.name);
    expect(pool.version).toBe(single.version);
  });

  it('gives results identical to the single-threaded analyzer, in input order, once its threads are ready', async () => {
    const documents = sampleDocuments();
    await pool.ready();
    const expected = await single.analyze(documents);
    const actual = await pool.analyze(documents);
    expect(actual.results.map((result) => result.id)).toEqual(documents.map((document) => document.id));
    expect(actual).toEqual(expected);
  });

  it('gives identical results for batches analysed at the same time', async () => {
    const documents = sampleDocuments();
    const halves = [documents.slice(0, 200), documents.slice(200)];
    const [first, second] = await Promise.all(halves.map((half) => pool.analyze(half)));
    expect([...(first?.results ?? []), ...(second?.results ?? [])]).toEqual((await single.analyze(documents)).results);
  });

  it('analyses on the calling thread, with the same results, before its threads are ready and for small batches', async () => {
    const fresh = createLocalAnalyzerPool({ threads: 2, minDocumentsPerThread: 50, threadsAfterDocuments: 0 });
    try {
      const documents = sampleDocuments().slice(0, 120);
      // Threads are only started by this call, so it cannot use them yet.
      expect(await fresh.analyze(documents)).toEqual(await single.analyze(documents));
      await fresh.ready();
      const small = documents.slice(0, 60);
      expect(await fresh.analyze(small)).toEqual(await single.analyze(small));
    } finally {
      await fresh.close();
    }
  });

  it('starts its threads again when used after being closed', async () => {
    const reopened = createLocalAnalyzerPool({ threads: 1, minDocumentsPerThread: 1 });
    const documents = sampleDocuments().slice(0, 20);
    await reopened.ready();
    await reopened.close();
    await reopened.ready();
    expect(await reopened.analyze(documents)).toEqual(await single.analyze(documents));
    await reopened.close();
  });
});

describe('slices of equal text', () => {
  const items = ['aaaa', 'b', 'cc', 'dddddd', 'e', 'ff', 'g'].map((text) => ({ text }));

  it('keeps every item once, in order', () => {
    expect(slicesOfEqualText(items, 3).flat()).toEqual(items);
  });

  it('makes at most the slices asked for, none empty', () => {
    for (const count of [1, 2, 3, 7, 10]) {
      const slices = slicesOfEqualText(items, count);
      expect(slices.length).toBeLessThanOrEqual(count);
      expect(slices.every((slice) => slice.length > 0)).toBe(true);
    }
  });

  it('balances the slices by text length', () => {
    const even = Array.from({ length: 100 }, () => ({ text: 'x'.repeat(10) }));
    expect(slicesOfEqualText(even, 2).map((slice) => slice.length)).toEqual([50, 50]);
  });
});
