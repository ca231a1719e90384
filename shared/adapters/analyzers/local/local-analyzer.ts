// The local analyzer: sentiment and key phrases on the machine running Congruence, with no
// cloud account and no cost. English only, built on wink-nlp's lexicon sentiment; the evaluation
// behind the choice and the mapping is in docs/sentiment-evaluation.md.
import type {
  Analyzer,
  AnalyzerDocument,
  DocumentAnalysis,
} from '../../../domain/analyzer';
import { keyPhrasesOf } from './key-phrases';
import { sentimentOf } from './sentiment-scores';
import { truncateAtSentence } from './truncate';
import { readSentiment, readTagged } from './wink-engine';

/** Our mapping's version, then the library's; bump the first part whenever scores could change. */
export const LOCAL_ANALYZER_VERSION = '1.0.0+wink-2.4';

/** Characters analysed per text; longer texts are cut at the last sentence end before it. */
export const MAX_ANALYZED_CHARS = 20_000;

function isEnglish(language: string | undefined): boolean {
  return language === undefined || /^en(-|$)/i.test(language);
}

function analyzeOne(document: AnalyzerDocument): DocumentAnalysis {
  if (!isEnglish(document.language)) {
    return {
      id: document.id,
      status: 'skipped',
      reason: `language ${document.language} is not supported by the local analyzer (English only)`,
    };
  }
  const { text, truncated } = truncateAtSentence(document.text, MAX_ANALYZED_CHARS);
  const reading = readTagged(text);
  return {
    id: document.id,
    status: 'scored',
    language: 'en',
    sentiment: sentimentOf(reading.score, reading.sentenceScores),
    keyPhrases: keyPhrasesOf(reading.tokens),
    // Each value sentence is scored on its own. Falling back to the document's score for a
    // sentence that scores 0 was measured and made things slightly worse (see the evaluation doc).
    sentences: document.sentences.map((sentence) => {
      const own = readSentiment(truncateAtSentence(sentence, MAX_ANALYZED_CHARS).text);
      return { text: sentence, sentiment: sentimentOf(own.score, own.sentenceScores) };
    }),
    analyzedChars: text.length,
    truncated,
  };
}

export function createLocalAnalyzer(): Analyzer {
  return {
    name: 'local',
    version: LOCAL_ANALYZER_VERSION,
    analyze: async (documents) => ({
      results: documents.map(analyzeOne),
      // Nothing is billed locally.
      cost: { calls: {}, units: {} },
    }),
  };
}
