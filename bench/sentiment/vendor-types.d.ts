// vader-sentiment and sentiment (AFINN) ship no type declarations; these are the parts the
// evaluation uses.
declare module 'vader-sentiment' {
  interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    /** Normalised sum of valences, -1..1. */
    compound: number;
  }
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores } };
  export default vader;
}

declare module 'sentiment' {
  interface AfinnResult {
    score: number;
    /** score divided by the number of tokens. */
    comparative: number;
  }
  export default class Sentiment {
    analyze(phrase: string): AfinnResult;
  }
}
