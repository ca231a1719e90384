import { describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import {
  createValueMatcher,
  matchedByText,
  splitClauses,
  splitSentences,
  stems,
  type ValueMatch,
} from '#domain/value-matching';
import type { WordSenses } from '#domain/word-senses';
import type { WordVectors } from '#domain/word-vectors';

const values = [
  { id: 'free-repairs', aspects: ['repair', 'free repairs', 'mechanic'] },
  { id: 'sustainability', aspects: ['recyclable', 'plastic', 'eco-friendly'] },
  { id: 'ready-to-ride', aspects: ['delivery'] },
  { id: 'expert-help', aspects: ['staff', 'support chat'] },
];
const matchWithReasons = createValueMatcher(values);
/** Values and excerpts only: most tests here are about which sentences go to which value. */
const match = (text: string): Array<Omit<ValueMatch, 'matchedBy'>> =>
  matchWithReasons(text).map(({ valueId, excerpts }) => ({ valueId, excerpts }));

describe('matching declared values', () => {
  it('matches word forms of an aspect: repairs, repaired and repairing all match repair', () => {
    for (const text of ['Two repairs so far.', 'They repaired it.', 'Repairing took a week.', 'REPAIR!']) {
      expect(match(text).map((found) => found.valueId)).toEqual(['free-repairs']);
    }
  });

  it('matches multi-word phrases only as the whole phrase, in order', () => {
    expect(match('The support chat never answered.')).toEqual([
      { valueId: 'expert-help', excerpts: ['The support chat never answered.'] },
    ]);
    expect(match('Chat support is a word salad.')).toEqual([]);
  });

  it('matches whole words only', () => {
    expect(match('The staffroom was empty.')).toEqual([]);
    expect(match('Plasticine models in the window.')).toEqual([]);
  });

  it('matches a hyphenated aspect and hyphenated words in the text', () => {
    expect(match('Not very eco friendly, sadly.').map((found) => found.valueId)).toEqual(['sustainability']);
    expect(match('It came wrapped in plastic-free paper.').map((found) => found.valueId)).toEqual(['sustainability']);
  });

  it('keeps a negated mention, with its negation, as the evidence', () => {
    expect(match('Great bike. The box was not recyclable at all.')).toEqual([
      { valueId: 'sustainability', excerpts: ['The box was not recyclable at all.'] },
    ]);
  });

  it('gives each value its own clause when one sentence mentions two on either side of "but"', () => {
    expect(match('Delivery was slow but the staff were lovely.')).toEqual([
      { valueId: 'ready-to-ride', excerpts: ['Delivery was slow'] },
      { valueId: 'expert-help', excerpts: ['the staff were lovely.'] },
    ]);
  });

  it('gives both values the whole sentence when no clause tells them apart', () => {
    expect(match('The mechanic and the staff were brilliant.')).toEqual([
      { valueId: 'free-repairs', excerpts: ['The mechanic and the staff were brilliant.'] },
      { valueId: 'expert-help', excerpts: ['The mechanic and the staff were brilliant.'] },
    ]);
  });

  it('collects every sentence that mentions a value, once each, in profile order', () => {
    const found = match(
      'The mechanic was great. Delivery took ages. Another repair, another free fix from the mechanic.',
    );
    expect(found).toEqual([
      {
        valueId: 'free-repairs',
        excerpts: ['The mechanic was great.', 'Another repair, another free fix from the mechanic.'],
      },
      { valueId: 'ready-to-ride', excerpts: ['Delivery took ages.'] },
    ]);
  });

  it('finds nothing in a text about none of the values', () => {
    expect(match('Lovely ride along the coast today 🚲')).toEqual([]);
  });

  it('says which words of the text matched which aspect, once each', () => {
    expect(matchWithReasons('Two repairs, then another repair. The support chat helped.')).toEqual([
      {
        valueId: 'free-repairs',
        excerpts: ['Two repairs, then another repair.'],
        matchedBy: [{ words: 'repairs', term: 'repair' }],
      },
      {
        valueId: 'expert-help',
        excerpts: ['The support chat helped.'],
        matchedBy: [{ words: 'support chat', term: 'support chat' }],
      },
    ]);
    expect(
      matchedByText([
        { words: 'repairs', term: 'repair' },
        { words: 'waiter', term: 'staff', similarity: 0.634 },
      ]),
    ).toBe('“repairs” (aspect repair), “waiter” ≈ staff (0.63)');
  });
});

/** Word vectors we made up, in four dimensions: service words, food words, ambience words, and the rest. */
function vectorsOf(table: Record<string, number[]>, frequent: string[] = []): WordVectors {
  const unit = (vector: number[]) => {
    const norm = Math.hypot(...vector);
    return Float32Array.from(vector, (component) => component / norm);
  };
  return {
    version: 'test',
    vectorOf: (word) => (table[word] ? unit(table[word]) : undefined),
    frequencyRank: (word) => (frequent.includes(word) ? 0 : table[word] ? 10_000 : undefined),
  };
}

describe('matching values by meaning', () => {
  const restaurant = [
    { id: 'service', label: 'Service', promise: 'Attentive staff.', aspects: ['staff'] },
    { id: 'food', label: 'Food', promise: 'Dishes cooked well.', aspects: ['dish'] },
    { id: 'ambience', label: 'Ambience', promise: 'A cosy room.', aspects: ['decor'] },
  ];
  const vectors = vectorsOf(
    {
      staff: [1, 0, 0, 0],
      attentive: [0.9, 0.1, 0.1, 0],
      service: [1, 0.05, 0, 0],
      waiter: [0.95, 0.1, 0, 0],
      dish: [0, 1, 0, 0],
      dishes: [0, 1, 0.05, 0],
      cooked: [0.1, 0.9, 0, 0],
      food: [0, 1, 0.02, 0],
      pizza: [0.05, 0.95, 0.1, 0],
      decor: [0, 0, 1, 0],
      ambience: [0, 0.05, 1, 0],
      cosy: [0, 0.1, 0.9, 0.1],
      room: [0.1, 0, 0.9, 0.2],
      restaurant: [0.6, 0.6, 0.5, 0.1],
      weather: [0, 0, 0, 1],
      table: [0.9, 0.2, 0, 0],
    },
    ['table'],
  );

  it('matches a word close to a value’s aspects, and says which anchor and how close', () => {
    const [found] = createValueMatcher(restaurant, { vectors })('Our waiter was a star.');
    expect(found?.valueId).toBe('service');
    expect(found?.matchedBy).toHaveLength(1);
    expect(found?.matchedBy[0]).toMatchObject({ words: 'waiter' });
    expect(['staff', 'service', 'attentive']).toContain(found?.matchedBy[0]?.term);
    expect(found?.matchedBy[0]?.similarity).toBeGreaterThan(0.95);
  });

  it('does not match by meaning without vectors, nor a word far from every value', () => {
    expect(createValueMatcher(restaurant)('Our waiter was a star.')).toEqual([]);
    expect(createValueMatcher(restaurant, { vectors })('The weather was grim.')).toEqual([]);
  });

  it('does not match a word as close to every value as to its best one: the domain, not a value', () => {
    expect(createValueMatcher(restaurant, { vectors })('What a restaurant.')).toEqual([]);
  });

  it('does not match by meaning a very common word, nor a word that judges rather than names', () => {
    expect(createValueMatcher(restaurant, { vectors })('A table by the window.')).toEqual([]);
    const withJudgement = vectorsOf({
      staff: [1, 0, 0, 0],
      dish: [0, 1, 0, 0],
      decor: [0, 0, 1, 0],
      great: [0.9, 0.1, 0, 0],
    });
    expect(createValueMatcher(restaurant, { vectors: withJudgement })('Great!')).toEqual([]);
  });

  it('keeps an aspect word’s own match: a word matched by an aspect is not matched again by meaning', () => {
    const found = createValueMatcher(restaurant, { vectors })('The pizza dish was cold.');
    expect(found).toEqual([
      {
        valueId: 'food',
        excerpts: ['The pizza dish was cold.'],
        matchedBy: [
          { words: 'dish', term: 'dish' },
          { words: 'pizza', term: expect.any(String), similarity: expect.any(Number) },
        ],
      },
    ]);
  });

  it('gives each value its own clause when the words that match by meaning tell them apart', () => {
    expect(
      createValueMatcher(restaurant, { vectors })('The pizza was cold but the waiter was lovely.').map(
        ({ valueId, excerpts }) => ({ valueId, excerpts }),
      ),
    ).toEqual([
      { valueId: 'service', excerpts: ['the waiter was lovely.'] },
      { valueId: 'food', excerpts: ['The pizza was cold'] },
    ]);
  });

  it('matches a word whose thing is a kind of an aspect’s, or means the same, and says so', () => {
    // made-up senses: sushi → dish → food; a server is a waiter; a bagel is a food
    const table: Record<string, { senses: string[]; kinds: string[] }> = {
      dish: { senses: ['dish'], kinds: ['dish', 'food'] },
      staff: { senses: ['staff'], kinds: ['staff', 'group'] },
      waiter: { senses: ['waiter'], kinds: ['waiter', 'worker', 'person'] },
      sushi: { senses: ['sushi'], kinds: ['sushi', 'dish', 'food'] },
      server: { senses: ['waiter', 'computer'], kinds: ['waiter', 'worker', 'person'] },
      bagel: { senses: ['bagel'], kinds: ['bagel', 'bread', 'food'] },
    };
    const senses: WordSenses = {
      version: 'test',
      sensesOf: (word) => table[word]?.senses ?? [],
      kindsOf: (word) => table[word]?.kinds ?? [],
    };
    const values = [
      { id: 'food', aspects: ['dish'] },
      { id: 'service', aspects: ['waiter', 'staff'] },
    ];
    const match = createValueMatcher(values, { senses });
    expect(match('The sushi was superb.')).toEqual([
      {
        valueId: 'food',
        excerpts: ['The sushi was superb.'],
        matchedBy: [{ words: 'sushi', term: 'dish', relation: 'kind-of' }],
      },
    ]);
    expect(match('Our server forgot us.')).toEqual([
      {
        valueId: 'service',
        excerpts: ['Our server forgot us.'],
        matchedBy: [{ words: 'server', term: 'waiter', relation: 'same-as' }],
      },
    ]);
    // a bagel is a food, but no aspect says food: it is no kind of dish
    expect(match('A bagel to go.')).toEqual([]);
    expect(
      matchedByText([
        { words: 'sushi', term: 'dish', relation: 'kind-of' },
        { words: 'server', term: 'waiter', relation: 'same-as' },
      ]),
    ).toBe('“sushi” is a kind of dish, “server” means waiter');
  });

  it('finds with the bundled senses that sushi is a dish and a suitcase a bag, and that app settings are no environment', () => {
    const match = createValueMatcher(
      [
        { id: 'food', aspects: ['dish', 'food'] },
        { id: 'bags', aspects: ['bag', 'luggage'] },
        { id: 'sustainability', aspects: ['environment', 'plastic'] },
      ],
      { senses: bundledWordSenses() },
    );
    expect(match('The sushi was fresh.')[0]?.matchedBy).toEqual([
      { words: 'sushi', term: 'dish', relation: 'kind-of' },
    ]);
    expect(match('They lost my suitcase.').map((found) => found.valueId)).toEqual(['bags']);
    expect(match('The app wiped my lock settings.')).toEqual([]);
  });

  it('finds with the bundled vectors the words customers use for a value that were not declared', () => {
    const { profile } = loadProfile('examples/fernhill/brand.yaml');
    const matcher = createValueMatcher(profile.values, { vectors: bundledWordVectors() });
    const cases: Array<[string, string, string]> = [
      ['It came in a cardboard box.', 'sustainability', 'cardboard'],
      ['The technician was brilliant.', 'free-repairs', 'technician'],
      ['Way too pricey.', 'honest-pricing', 'pricey'],
    ];
    for (const [text, valueId, word] of cases) {
      const found = matcher(text);
      expect(found.map((each) => each.valueId)).toEqual([valueId]);
      expect(found[0]?.matchedBy).toEqual([{ words: word, term: expect.any(String), similarity: expect.any(Number) }]);
    }
    expect(matcher('Sunny ride to the coast.')).toEqual([]);
  });
});

describe('sentences, clauses and stems', () => {
  it('splits sentences at end punctuation and line breaks, keeping emoji-only tails out', () => {
    expect(splitSentences('Great bike! Would buy again… Really?\nNew line here. 🚲')).toEqual([
      'Great bike!',
      'Would buy again…',
      'Really?',
      'New line here.',
    ]);
  });

  it('does not split inside decimals or on a full stop without a space after it', () => {
    expect(splitSentences('It cost £1.5k at fernhillbikes.example and was fine.')).toEqual([
      'It cost £1.5k at fernhillbikes.example and was fine.',
    ]);
  });

  it('splits clauses at a semicolon or before a contrastive conjunction', () => {
    expect(splitClauses('Fast delivery; rude staff')).toEqual(['Fast delivery', 'rude staff']);
    expect(splitClauses('Slow delivery, however the staff were kind')).toEqual([
      'Slow delivery',
      'the staff were kind',
    ]);
    expect(splitClauses('Butter and buttons')).toEqual(['Butter and buttons']);
  });

  it('stems possessives and word forms to one stem', () => {
    expect(stems("Fernhill's repairs, repairing")).toEqual(['fernhil', 'repair', 'repair']);
  });
});
