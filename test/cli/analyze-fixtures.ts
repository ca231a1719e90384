// What the analyze tests share: sentiments as an analyzer gives them, and a line about two values
// with the value sentiments it gives.
import type { ValueSentiment } from '#cli/analyze-command';
import type { Sentiment } from '#domain/analyzer';

export const negative: Sentiment = {
  label: 'NEGATIVE',
  scores: { positive: 0.03, negative: 0.91, neutral: 0.05, mixed: 0.01 },
};
export const positive: Sentiment = {
  label: 'POSITIVE',
  scores: { positive: 0.8, negative: 0.05, neutral: 0.15, mixed: 0 },
};
export const neutral: Sentiment = { label: 'NEUTRAL', scores: { positive: 0, negative: 0, neutral: 1, mixed: 0 } };

/** A line about two values, one of them in two sentences of which only one takes a side, and what it gives. */
export const TWO_VALUES_LINE = 'Repair booked. The repair took weeks but the staff were lovely.';
export const TWO_VALUES: ValueSentiment[] = [
  {
    valueId: 'free-repairs',
    matchedBy: [{ words: 'repair', term: 'repair' }],
    sentiment: negative,
    sentences: [
      { text: 'Repair booked.', sentiment: neutral },
      { text: 'The repair took weeks', sentiment: negative },
    ],
  },
  {
    valueId: 'staff',
    matchedBy: [{ words: 'staff', term: 'staff' }],
    sentiment: positive,
    sentences: [{ text: 'the staff were lovely.', sentiment: positive }],
  },
];
