// Words that decide how a customer feels about a bike shop but that wink's general-purpose
// lexicon scores 0: delivery ("slow", "late"), pricing ("overpriced"), damage and wear ("cracked",
// "squeaky"), apps ("crashed", "glitchy"). Only words wink leaves unscored are listed, so wink's own
// judgement is never overridden; docs/sentiment-evaluation.md measures what they add.
// Values are on wink's scale: ±0.4 for a clear judgement, ±0.2 for a mild or context-dependent one.
// The list is part of the analyzer version: changing it changes scores.
const NEGATIVE = -0.4;
const MILDLY_NEGATIVE = -0.2;
const POSITIVE = 0.4;
const MILDLY_POSITIVE = 0.2;

const entries: Array<[number, string]> = [
  [
    NEGATIVE,
    'slow slower late overdue overpriced overcharged overcharging extortionate cracked crashed crashes ' +
      'crashing scratched dented bent buckled snapped squeaky squeaks squeal squeals squealing creaky ' +
      'creaks creaking rattles rusty rusted leaking leaks flimsy wobbly ghosted chipped chipping ' +
      'unanswered disconnected overheating overheat misassembled dismissive laggy buggy glitchy',
  ],
  [MILDLY_NEGATIVE, 'pricey expensive cancelled canceled scratches'],
  [POSITIVE, 'speedy sturdy legend legends painless efficient attentive smoothly'],
  [MILDLY_POSITIVE, 'fast quick quickly prompt'],
];

/** Lower-cased word -> polarity, -1..1. */
export const DOMAIN_LEXICON: ReadonlyMap<string, number> = new Map(
  entries.flatMap(([polarity, words]) => words.split(' ').map((word): [string, number] => [word, polarity])),
);

// One pass over the raw text tells whether any domain word can be present, so the common text
// without one skips the per-token work.
const ANY_DOMAIN_WORD = new RegExp(`\\b(?:${[...DOMAIN_LEXICON.keys()].join('|')})\\b`, 'i');

/** False when the text certainly holds no domain word. */
export function mayHoldDomainWord(text: string): boolean {
  return ANY_DOMAIN_WORD.test(text);
}
