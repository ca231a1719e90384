// Amazon Comprehend's limits for the three batch operations this adapter calls, as the API reference
// states them (BatchDetectSentiment, BatchDetectKeyPhrases, BatchDetectDominantLanguage; and the
// "Multiple document operations" table of the Guidelines and quotas page).
import type { LanguageCode } from '@aws-sdk/client-comprehend';

/** Texts per batch call; more gives BatchSizeLimitExceededException. */
export const MAX_BATCH_SIZE = 25;

/**
 * UTF-8 bytes per text, for all three batch operations: "The maximum size of each document is 5 KB".
 * The 100 KB often quoted for key phrases is the single-document DetectKeyPhrases limit, not the batch
 * one. Older references said "fewer than 5,000 bytes", so we stay strictly under 5,000.
 */
export const MAX_TEXT_BYTES = 4_999;

/** The LanguageCode values DetectSentiment and DetectKeyPhrases accept. */
export const SENTIMENT_LANGUAGES = [
  'ar',
  'de',
  'en',
  'es',
  'fr',
  'hi',
  'it',
  'ja',
  'ko',
  'pt',
  'zh',
  'zh-TW',
] as const satisfies readonly LanguageCode[];
export type SentimentLanguage = (typeof SENTIMENT_LANGUAGES)[number];

export function isSentimentLanguage(code: string): code is SentimentLanguage {
  return (SENTIMENT_LANGUAGES as readonly string[]).includes(code);
}
