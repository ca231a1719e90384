// The Amazon Comprehend analyzer: documents (and the value-mentioning sentences inside them) scored
// with BatchDetectSentiment, key phrases from BatchDetectKeyPhrases, and the language found with
// BatchDetectDominantLanguage when the document does not say. What cannot be analysed comes back as
// skipped with a reason; one bad text or one bad batch never costs the others their score.
//
// Rules worth knowing:
// - Every text (document or sentence) is cut to Comprehend's batch limit of 5 KB of UTF-8 at a
//   sentence boundary; `truncated` and `analyzedChars` describe the document text as sent.
// - Sentences travel as extra TextList entries in the same BatchDetectSentiment calls as the
//   documents. A sentence without a result of its own (empty, or refused by Comprehend after the
//   retries) takes its document's sentiment: the document is still scored.
// - A text identical to one already in the batch (a sentence that is the whole document, a repost)
//   is sent once.
import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import type { Analyzer, AnalyzerDocument, DocumentAnalysis, Sentiment } from '#domain/analyzer';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '#adapters/retry';
import { dominantLanguageApi, keyPhrasesApi, sentimentApi } from './batch-apis';
import { analyzeTexts, outcomeOf, type RunContext, type TextOutcome } from './batch-runner';
import { characterCount, createCostLedger } from './cost-ledger';
import { fitToUtf8Bytes, type FittedText } from './fit-to-bytes';
import { isSentimentLanguage, MAX_TEXT_BYTES, type SentimentLanguage } from './limits';

export interface ComprehendAnalyzerOptions {
  /** Created once per Lambda container (createComprehendClient); tests pass a mocked one. */
  client: ComprehendClient;
  /** Bump when a change here could change scores. */
  version?: string;
  /** Attempts per text, the first included, while Comprehend lists it in ErrorList. */
  maxAttemptsForFailedIndices?: number;
  /** Waits between those attempts; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export const COMPREHEND_ANALYZER_VERSION = '1';
export const DEFAULT_ATTEMPTS_FOR_FAILED_INDICES = 4;

export function createComprehendAnalyzer(options: ComprehendAnalyzerOptions): Analyzer {
  const backoff: BackoffPolicy = {
    ...DEFAULT_BACKOFF,
    maxAttempts: Math.max(1, options.maxAttemptsForFailedIndices ?? DEFAULT_ATTEMPTS_FOR_FAILED_INDICES),
    sleep: options.sleep ?? DEFAULT_BACKOFF.sleep,
  };
  return {
    name: 'comprehend',
    version: options.version ?? COMPREHEND_ANALYZER_VERSION,
    analyze: (documents) => analyzeDocuments(options.client, documents, backoff),
  };
}

interface Candidate {
  /** Position in the input, to return results in input order. */
  position: number;
  document: AnalyzerDocument;
  /** The document text as sent to every API. */
  sent: FittedText;
}

type Analysed = [position: number, analysis: DocumentAnalysis];

async function analyzeDocuments(client: ComprehendClient, documents: AnalyzerDocument[], backoff: BackoffPolicy) {
  const context: RunContext = { ledger: createCostLedger(), backoff };
  const done: Analysed[] = [];
  const candidates: Candidate[] = [];
  for (const [position, document] of documents.entries()) {
    const candidate = { position, document, sent: fitToUtf8Bytes(document.text, MAX_TEXT_BYTES) };
    if (isSendable(candidate.sent.text)) candidates.push(candidate);
    else done.push(skipped(candidate, { reason: 'the text is empty: there is nothing to analyse', retryable: false }));
  }

  const detected = await analyzeTexts(
    dominantLanguageApi(client),
    candidates.filter((candidate) => candidate.document.language === undefined).map((candidate) => candidate.sent.text),
    context,
  );
  const byLanguage = new Map<SentimentLanguage, Candidate[]>();
  for (const candidate of candidates) {
    const language = languageOf(candidate, detected);
    if (!language.ok) done.push(skipped(candidate, language));
    else byLanguage.set(language.value, [...(byLanguage.get(language.value) ?? []), candidate]);
  }

  for (const [language, group] of byLanguage)
    done.push(...(await scoreLanguageGroup(client, language, group, context)));
  done.sort(([a], [b]) => a - b);
  return { results: done.map(([, analysis]) => analysis), cost: context.ledger.cost() };
}

function languageOf(
  candidate: Candidate,
  detected: ReadonlyMap<string, TextOutcome<string | undefined>>,
): TextOutcome<SentimentLanguage> {
  let language = candidate.document.language;
  if (language === undefined) {
    const outcome = outcomeOf(detected, candidate.sent.text);
    if (!outcome.ok) return outcome;
    if (outcome.value === undefined) {
      return { ok: false, reason: 'Amazon Comprehend could not tell the language of this text', retryable: false };
    }
    language = outcome.value;
  }
  return isSentimentLanguage(language)
    ? { ok: true, value: language }
    : { ok: false, reason: `language ${language} is not supported by Amazon Comprehend sentiment`, retryable: false };
}

/** Documents of one language: sentiment of documents and sentences, then key phrases of the documents still in play. */
async function scoreLanguageGroup(
  client: ComprehendClient,
  language: SentimentLanguage,
  group: Candidate[],
  context: RunContext,
): Promise<Analysed[]> {
  const sentenceTexts = new Map(
    group.map((candidate) => [
      candidate,
      candidate.document.sentences.map((sentence) => fitToUtf8Bytes(sentence, MAX_TEXT_BYTES).text),
    ]),
  );
  const sentiments = await analyzeTexts(
    sentimentApi(client, language),
    group.flatMap((candidate) => [candidate.sent.text, ...(sentenceTexts.get(candidate) ?? []).filter(isSendable)]),
    context,
  );

  const done: Analysed[] = [];
  const withSentiment: Array<{ candidate: Candidate; sentiment: Sentiment }> = [];
  for (const candidate of group) {
    const outcome = outcomeOf(sentiments, candidate.sent.text);
    if (outcome.ok) withSentiment.push({ candidate, sentiment: outcome.value });
    else done.push(skipped(candidate, outcome));
  }

  const keyPhrases = await analyzeTexts(
    keyPhrasesApi(client, language),
    withSentiment.map(({ candidate }) => candidate.sent.text),
    context,
  );
  for (const { candidate, sentiment } of withSentiment) {
    const phrases = outcomeOf(keyPhrases, candidate.sent.text);
    if (!phrases.ok) {
      done.push(skipped(candidate, phrases));
      continue;
    }
    const sentTexts = sentenceTexts.get(candidate) ?? [];
    done.push([
      candidate.position,
      {
        id: candidate.document.id,
        status: 'scored',
        language,
        sentiment,
        keyPhrases: phrases.value,
        sentences: candidate.document.sentences.map((text, index) => ({
          text,
          sentiment: ownSentiment(sentiments, sentTexts[index]) ?? sentiment,
        })),
        analyzedChars: characterCount(candidate.sent.text),
        truncated: candidate.sent.truncated,
      },
    ]);
  }
  return done;
}

/** A sentence's own sentiment, or undefined when it has none (empty, or refused by Comprehend). */
function ownSentiment(
  sentiments: ReadonlyMap<string, TextOutcome<Sentiment>>,
  text: string | undefined,
): Sentiment | undefined {
  const outcome = text === undefined ? undefined : sentiments.get(text);
  return outcome?.ok ? outcome.value : undefined;
}

/** TextList entries must not be empty, and a blank one has no sentiment to find. */
function isSendable(text: string): boolean {
  return text.trim() !== '';
}

function skipped(candidate: Candidate, why: { reason: string; retryable: boolean }): Analysed {
  return [
    candidate.position,
    { id: candidate.document.id, status: 'skipped', reason: why.reason, retryable: why.retryable },
  ];
}
