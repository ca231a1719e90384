// The local analyzer: sentiment and key phrases on the machine running Congruence, with no
// cloud account and no cost. English only. Sentiment comes from a model trained on public
// human-labelled data (sentiment-model.ts, models/sentiment/README.md); key phrases from
// wink-nlp's tagger. docs/sentiment-evaluation.md has the measurements.
import type { Analyzer, AnalyzerDocument, DocumentAnalysis } from '#domain/analyzer';
import { keyPhrasesOf } from './key-phrases';
import { bundledSentimentModel } from './sentiment-model';
import { truncateAtSentence } from './truncate';
import { readTagged } from './wink-engine';

/**
 * The analyzer's version: its own, the sentiment model's, then the key-phrase library's. Bump it
 * whenever scores could change (a new model above all): signals are scored once per version.
 * 2.1.0: key phrases without filler (alignment/topic-words.ts); a store scored by 2.0.0 is scored
 * again, which also matches its values by meaning. 2.2.0: the word senses know a dessert as food
 * (models/word-senses/README.md); a store is scored, and its values matched, again.
 */
export const LOCAL_ANALYZER_VERSION = '2.2.0+model-2.0.0+wink-2.4';

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
  const model = bundledSentimentModel();
  return {
    id: document.id,
    status: 'scored',
    language: 'en',
    sentiment: model.documentSentiment(text),
    keyPhrases: keyPhrasesOf(readTagged(text).tokens),
    // Each value sentence is scored on its own: a review can be negative about delivery and
    // positive about the staff.
    sentences: document.sentences.map((sentence) => ({
      text: sentence,
      sentiment: model.sentiment(truncateAtSentence(sentence, MAX_ANALYZED_CHARS).text),
    })),
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
