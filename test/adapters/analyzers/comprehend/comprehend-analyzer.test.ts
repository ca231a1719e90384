// The Comprehend analyzer against a mocked client: its name, the exact requests it sends (batching,
// sentences, truncation) and what it makes of the answers; and the client the CLI and Lambdas use.
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
} from '@aws-sdk/client-comprehend';
import { describe, expect, it } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { createComprehendClient } from '#adapters/analyzers/comprehend/comprehend-client';
import { keyPhraseLists, keyPhrasesAnswer, sentimentLists, useMockedComprehend } from '#test/support/comprehend-fake';
import { MODEL, answerEverything, chunks, doc, phraseOf, scored, sentimentOf } from './analyzer-harness';

const { comprehend, client, analyzer } = useMockedComprehend();

describe('the Comprehend analyzer', () => {
  it('is named comprehend, at version 1 unless told otherwise', () => {
    expect(analyzer()).toMatchObject({ name: 'comprehend', version: '1' });
    expect(createComprehendAnalyzer({ client, version: '2' }).version).toBe('2');
  });

  it('calls nothing for an empty batch and reports no cost', async () => {
    const { results, cost } = await analyzer().analyze([]);

    expect(results).toEqual([]);
    expect(comprehend.calls()).toHaveLength(0);
    expect(cost.calls).toEqual({ DetectSentiment: 0, DetectKeyPhrases: 0, DetectDominantLanguage: 0 });
  });
});

describe('batching', () => {
  it('sends 60 documents in key-phrase batches of 25, 25 and 10, and their sentences inside the sentiment batches', async () => {
    answerEverything(comprehend);
    const documents = Array.from({ length: 60 }, (_, i) =>
      doc(`d${i}`, `Review ${i}: I love the oat milk.`, {
        sentences: i % 3 === 0 ? [`Sentence one of review ${i}.`, `Sentence two of review ${i} came late.`] : [],
      }),
    );

    const { results } = await analyzer().analyze(documents);

    // 60 documents + 20 documents x 2 sentences = 100 TextList entries: 4 calls of 25, in input order,
    // each document followed by its sentences.
    const entries = documents.flatMap((document) => [document.text, ...document.sentences]);
    expect(entries).toHaveLength(100);
    expect(sentimentLists(comprehend)).toEqual(chunks(entries, 25));
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectSentimentCommand, 4);
    expect(comprehend).toHaveReceivedCommandWith(BatchDetectSentimentCommand, {
      TextList: entries.slice(0, 25),
      LanguageCode: 'en',
    });
    // Key phrases only for whole documents: 60 = 25 + 25 + 10.
    const texts = documents.map((document) => document.text);
    expect(keyPhraseLists(comprehend)).toEqual([texts.slice(0, 25), texts.slice(25, 50), texts.slice(50)]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 0);

    expect(results.map((result) => result.status)).toEqual(Array(60).fill('scored'));
    const first = scored(results[0]);
    expect(first.sentiment.label).toBe('POSITIVE');
    expect(first.keyPhrases).toEqual([phraseOf(texts[0] ?? '')]);
    expect(first.sentences.map((sentence) => [sentence.text, sentence.sentiment.label])).toEqual([
      ['Sentence one of review 0.', 'NEUTRAL'],
      ['Sentence two of review 0 came late.', 'NEGATIVE'],
    ]);
    expect(scored(results[1]).sentences).toEqual([]);
  });

  it('sends a text once when a sentence is the whole document', async () => {
    answerEverything(comprehend);

    const { results, cost } = await analyzer().analyze([doc('a', 'I love it.', { sentences: ['I love it.'] })]);

    expect(sentimentLists(comprehend)).toEqual([['I love it.']]);
    expect(scored(results[0]).sentences).toEqual([{ text: 'I love it.', sentiment: sentimentOf('I love it.') }]);
    expect(cost.units.DetectSentiment).toBe(3);
  });

  it('maps scores to the domain and takes the label from Comprehend', async () => {
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [
        { Index: 0, Sentiment: 'MIXED', SentimentScore: { Positive: 0.4, Negative: 0.35, Neutral: 0.05, Mixed: 0.2 } },
      ],
      ErrorList: [],
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input) => keyPhrasesAnswer(input.TextList, MODEL));

    const { results } = await analyzer().analyze([doc('a', 'Good milk, bad box.')]);

    expect(scored(results[0]).sentiment).toEqual({
      label: 'MIXED',
      scores: { positive: 0.4, negative: 0.35, neutral: 0.05, mixed: 0.2 },
    });
  });
});

describe('truncation', () => {
  it('cuts a 12,000-byte text at a sentence boundary within 5,000 bytes, without splitting é or an emoji', async () => {
    answerEverything(comprehend);
    const sentence = 'Le café était très bon 😀 et le thé aussi. ';
    const text = sentence.repeat(Math.ceil(12_000 / Buffer.byteLength(sentence)));
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(12_000);

    const { results } = await analyzer().analyze([doc('long', text, { language: 'fr' })]);

    const sent = sentimentLists(comprehend)[0]?.[0] ?? '';
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(5_000);
    expect(Buffer.byteLength(sent)).toBeGreaterThan(5_000 - Buffer.byteLength(sentence));
    expect(text.startsWith(sent)).toBe(true);
    expect(sent.endsWith('aussi.')).toBe(true);
    expect(Buffer.from(sent, 'utf8').toString('utf8')).toBe(sent); // no lone surrogate
    expect(keyPhraseLists(comprehend)).toEqual([[sent]]);
    expect(scored(results[0])).toMatchObject({ truncated: true, analyzedChars: Array.from(sent).length });
  });

  it('reports an untouched text as not truncated, counting characters rather than UTF-16 units', async () => {
    answerEverything(comprehend);

    const { results } = await analyzer().analyze([doc('a', 'I love it 😀')]);

    expect(scored(results[0])).toMatchObject({ truncated: false, analyzedChars: 11 });
  });
});

describe('the client factory', () => {
  it('configures adaptive retries with 8 attempts, so the SDK absorbs throttling', async () => {
    const created = createComprehendClient('eu-west-1');

    expect(created.config.retryMode).toBe('adaptive');
    expect(await created.config.maxAttempts()).toBe(8);
    expect(await created.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await created.config.region()).toBe('eu-west-1');
  });
});
