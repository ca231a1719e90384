// Amazon Comprehend's input limits as the score use case meets them: a language it does not support is
// skipped without a call, and an oversized document is cut within 5,000 UTF-8 bytes.
import { BatchDetectDominantLanguageCommand, BatchDetectSentimentCommand } from '@aws-sdk/client-comprehend';
import { describe, expect, it } from 'vitest';
import type { Signal } from '#domain/signal';
import { answerComprehend } from '#test/support/comprehend-fake';
import { FIRST_RUN, KEY, MODEL, SECOND_RUN, reviewText, useComprehendFaults } from './comprehend-harness';

const { comprehend, mockedAnalyzer, sentimentLists, keyPhraseLists, storedScores, storeReviews, run } =
  useComprehendFaults();

describe('Comprehend input limits', () => {
  it('comprehend: an unsupported language is skipped without a call, its reason stored, and not retried next run', async () => {
    const signals = await storeReviews(3, reviewText, (n) =>
      n === 1 ? { text: 'Ik hou van mijn fiets, de reparatie was gratis.', language: 'nl' } : {},
    );
    const [english0, dutch, english2] = signals as [Signal, Signal, Signal];
    answerComprehend(comprehend, MODEL);
    const reason = 'language nl is not supported by Amazon Comprehend sentiment';

    const first = await run(mockedAnalyzer(), FIRST_RUN);

    expect(comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input)).toEqual([
      { TextList: [english0.text, english2.text], LanguageCode: 'en' },
    ]);
    expect(keyPhraseLists()).toEqual([[english0.text, english2.text]]);
    expect(comprehend).toHaveReceivedCommandTimes(BatchDetectDominantLanguageCommand, 0);
    expect(first).toMatchObject({ signals: 3, scored: 2, failed: 0, skipped: { [reason]: 1 } });
    const stored = await storedScores();
    expect(stored.find((each) => each.signalId === dutch.id)).toEqual({
      status: 'skipped',
      signalId: dutch.id,
      analyzer: KEY,
      sourceId: 'shop-reviews',
      channel: 'review',
      publishedAt: dutch.publishedAt,
      scoredAt: FIRST_RUN.toISOString(),
      reason,
    });

    comprehend.resetHistory();
    expect(await run(mockedAnalyzer(), SECOND_RUN)).toMatchObject({ scored: 0, alreadyScored: 3, skipped: {} });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('comprehend: an oversized document is cut at a sentence boundary within 5,000 UTF-8 bytes and its score says truncated', async () => {
    const opening = 'The repair was free and quick. ';
    // 56 characters, 65 UTF-8 bytes: a curly apostrophe (3), é twice, è and û (2 each), an emoji (4).
    const filler = 'Fernhill’s café serves crème brûlée 😀 every single day. ';
    const text = opening + filler.repeat(200);
    expect(Buffer.byteLength(filler)).toBe(65);
    const [signal] = await storeReviews(1, () => text);
    answerComprehend(comprehend, MODEL);

    const report = await run(mockedAnalyzer(), FIRST_RUN);

    // Whole sentences only: the opening and as many fillers as fit in 4,999 bytes, trailing space dropped.
    const fillers = Math.floor((4_999 - Buffer.byteLength(opening)) / Buffer.byteLength(filler));
    const sent = (opening + filler.repeat(fillers)).trimEnd();
    expect(fillers).toBe(76);
    expect(Buffer.byteLength(sent)).toBe(4_970);
    // The document (cut) and its value sentence travel in one sentiment call; key phrases get the cut document.
    expect(sentimentLists()).toEqual([[sent, 'The repair was free and quick.']]);
    expect(keyPhraseLists()).toEqual([[sent]]);
    expect(report).toMatchObject({ scored: 1, failed: 0 });
    // Billed on what was sent: 4,286 characters = 43 units per API, plus 3 for the value sentence.
    expect(report.cost.units).toEqual({ DetectSentiment: 46, DetectKeyPhrases: 43, DetectDominantLanguage: 0 });
    const [stored] = await storedScores();
    expect(stored).toMatchObject({
      signalId: signal?.id,
      status: 'scored',
      truncated: true,
      analyzedChars: Array.from(sent).length,
    });
    expect(Array.from(sent).length).toBe(4_286);
  });
});
