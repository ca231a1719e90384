// The sentiment libraries compared by evaluate.ts, each reduced to one number per text: positive
// above zero, negative below. Each is loaded once, the way a long-lived process would.
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { readSentiment } from '#adapters/analyzers/local/wink-engine';

export interface Candidate {
  name: string;
  /** What the number is, for the report. */
  scale: string;
  score(text: string): number;
}

function winkCandidate(): Candidate {
  // Sentence splitting, negation and sentiment are all the sentiment score needs; the other
  // pipeline steps (pos, ner, ...) leave it unchanged and only cost time.
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return {
    name: 'wink-nlp 2.4 + eng-lite-web-model 1.8',
    scale: 'document sentiment, -1..1 (mean of its sentence scores)',
    score: (text) => Number(nlp.readDoc(text).out(nlp.its.sentiment)),
  };
}

function vaderCandidate(): Candidate {
  return {
    name: 'vader-sentiment 1.1.3',
    scale: 'compound, -1..1',
    score: (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
  };
}

function afinnCandidate(): Candidate {
  const afinn = new Sentiment();
  return {
    name: 'sentiment 5 (AFINN-165)',
    scale: 'comparative: AFINN sum / tokens, about -5..5',
    score: (text) => afinn.analyze(text).comparative,
  };
}

/** What the local analyzer scores with: wink plus the bike-shop words its lexicon lacks. */
function winkWithDomainWordsCandidate(): Candidate {
  return {
    name: 'wink-nlp + domain words (shipped)',
    scale: 'as wink, with domain-lexicon.ts entries joining each sentence mean',
    score: (text) => readSentiment(text).score,
  };
}

export function allCandidates(): Candidate[] {
  return [winkCandidate(), vaderCandidate(), afinnCandidate(), winkWithDomainWordsCandidate()];
}
