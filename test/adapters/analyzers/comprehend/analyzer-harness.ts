// What the Comprehend analyzer's test files share: the documents they analyze, the key phrases of
// their fake model, and the sentiment that model gives a text as the analyzer should report it.
import type { AnalyzerDocument, DocumentAnalysis } from '#domain/analyzer';
import {
  answerComprehend,
  type ComprehendStub,
  type FakeComprehendModel,
  labelByKeyword,
  sentimentScoreOf,
} from '#test/support/comprehend-fake';

export const phraseOf = (text: string) => `phrase of ${text.slice(0, 20)}`;

/** Sentiment by keyword, and one key phrase per text, so every result can be checked against its text. */
export const MODEL: Partial<FakeComprehendModel> = {
  keyPhrases: (text) => [{ Text: phraseOf(text), Score: 0.99, BeginOffset: 0, EndOffset: 20 }],
};

/** Has the stub answer every operation from MODEL. */
export const answerEverything = (comprehend: ComprehendStub) => answerComprehend(comprehend, MODEL);

/** The sentiment the analyzer should report for a text the fake answered. */
export function sentimentOf(text: string) {
  const label = labelByKeyword(text);
  const s = sentimentScoreOf(label);
  return { label, scores: { positive: s.Positive, negative: s.Negative, neutral: s.Neutral, mixed: s.Mixed } };
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function doc(id: string, text: string, extra: Partial<AnalyzerDocument> = {}): AnalyzerDocument {
  return { id, text, language: 'en', sentences: [], ...extra };
}

export function scored(result: DocumentAnalysis | undefined) {
  if (result?.status !== 'scored') throw new Error(`expected a scored result, got ${JSON.stringify(result)}`);
  return result;
}
