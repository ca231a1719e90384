// The wink-nlp engine behind the local analyzer: the English model (bundled in the npm package,
// nothing is downloaded) loaded once per process, on first use. One reading gives a text's
// sentiment, its sentence scores and, when asked, its tokens with part-of-speech tags.
import winkNLP, { type Document, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { DOMAIN_LEXICON, mayHoldDomainWord } from './domain-lexicon';

/** What the analyzer needs from one reading of a text. */
export interface TextReading {
  /** The document score, -1..1: the mean of its sentence scores, as wink computes it. */
  score: number;
  /** One score per sentence wink found, -1..1. */
  sentenceScores: number[];
}

export interface TaggedReading extends TextReading {
  /** Lower-cased token text, part-of-speech tag and token type ("word", "emoji", ...), index-aligned. */
  tokens: { lower: string[]; pos: string[]; type: string[] };
}

// Two pipelines over the same model, each loaded on first use (each holds its own copy of the
// model, about 15 MB): the analyzer reads every document tagged, for its key phrases; sentiment
// alone skips part-of-speech tagging (about a quarter of the time, the same scores), for the
// evaluations that need no key phrases.
let taggedEngine: WinkMethods | undefined;
let plainEngine: WinkMethods | undefined;

function tagged(): WinkMethods {
  taggedEngine ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos']);
  return taggedEngine;
}

function plain(): WinkMethods {
  plainEngine ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return plainEngine;
}

// wink only ends a sentence at a single line break after punctuation, but social posts and
// reviews often put each thought on its own line; a blank line makes wink split there.
function withLineBreaksAsSentenceEnds(text: string): string {
  return text.includes('\n') ? text.replace(/[ \t]*\r?\n/g, '\n\n') : text;
}

// wink's `normal` would also americanise spelling; the lexicon and key phrases want the text as written.
const lowerCased = (values: readonly unknown[]): string[] => values.map((value) => String(value).toLowerCase());

const finiteOrZero = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * wink scores a sentence as the mean of its matched lexicon entries (negated ones flipped); a
 * sentence's domain words join that mean, with wink's own score counted as one entry when it
 * is not 0. The document score stays the mean of the sentence scores.
 */
function sentimentOfDoc(doc: Document, nlp: WinkMethods, lower: readonly string[]): TextReading {
  const winkScores = (doc.sentences().out(nlp.its.sentiment) as unknown[]).map(finiteOrZero);
  if (!lower.some((word) => DOMAIN_LEXICON.has(word))) {
    return { score: finiteOrZero(doc.out(nlp.its.sentiment)), sentenceScores: winkScores };
  }
  const negated = doc.tokens().out(nlp.its.negationFlag) as unknown[];
  const spans = doc.sentences().out(nlp.its.span) as unknown as Array<[number, number]>;
  const sentenceScores = winkScores.map((winkScore, index) => {
    const [first, last] = spans[index] ?? [0, -1];
    let sum = winkScore;
    let entries = winkScore === 0 ? 0 : 1;
    for (let token = first; token <= last; token += 1) {
      const polarity = DOMAIN_LEXICON.get(lower[token] ?? '');
      if (polarity === undefined) continue;
      sum += negated[token] === true ? -polarity : polarity;
      entries += 1;
    }
    return entries === 0 ? 0 : sum / entries;
  });
  const score = sentenceScores.reduce((total, sentence) => total + sentence, 0) / Math.max(1, sentenceScores.length);
  return { score, sentenceScores };
}

/** Sentiment of a text and of each of its sentences. */
export function readSentiment(text: string): TextReading {
  const nlp = plain();
  const doc = nlp.readDoc(withLineBreaksAsSentenceEnds(text));
  const lower = mayHoldDomainWord(text) ? lowerCased(doc.tokens().out(nlp.its.value)) : [];
  return sentimentOfDoc(doc, nlp, lower);
}

/** Sentiment plus tagged tokens, for the whole document. */
export function readTagged(text: string): TaggedReading {
  const nlp = tagged();
  const doc = nlp.readDoc(withLineBreaksAsSentenceEnds(text));
  const tokens = doc.tokens();
  const lower = lowerCased(tokens.out(nlp.its.value));
  return {
    ...sentimentOfDoc(doc, nlp, lower),
    tokens: {
      lower,
      pos: tokens.out(nlp.its.pos) as string[],
      type: tokens.out(nlp.its.type) as string[],
    },
  };
}
