import { describe, expect, it } from 'vitest';
import { createValueMatcher, splitClauses, splitSentences, stems } from '../../shared/domain/value-matching';

const values = [
  { id: 'free-repairs', aspects: ['repair', 'free repairs', 'mechanic'] },
  { id: 'sustainability', aspects: ['recyclable', 'plastic', 'eco-friendly'] },
  { id: 'ready-to-ride', aspects: ['delivery'] },
  { id: 'expert-help', aspects: ['staff', 'support chat'] },
];
const match = createValueMatcher(values);

describe('matching declared values', () => {
  it('matches word forms of an aspect: repairs, repaired and repairing all match repair', () => {
    for (const text of ['Two repairs so far.', 'They repaired it.', 'Repairing took a week.', 'REPAIR!']) {
      expect(match(text).map((found) => found.valueId)).toEqual(['free-repairs']);
    }
  });

  it('matches multi-word phrases only as the whole phrase, in order', () => {
    expect(match('The support chat never answered.')).toEqual([{ valueId: 'expert-help', excerpts: ['The support chat never answered.'] }]);
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
    const found = match('The mechanic was great. Delivery took ages. Another repair, another free fix from the mechanic.');
    expect(found).toEqual([
      { valueId: 'free-repairs', excerpts: ['The mechanic was great.', 'Another repair, another free fix from the mechanic.'] },
      { valueId: 'ready-to-ride', excerpts: ['Delivery took ages.'] },
    ]);
  });

  it('finds nothing in a text about none of the values', () => {
    expect(match('Lovely ride along the coast today 🚲')).toEqual([]);
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
    expect(splitClauses('Slow delivery, however the staff were kind')).toEqual(['Slow delivery', 'the staff were kind']);
    expect(splitClauses('Butter and buttons')).toEqual(['Butter and buttons']);
  });

  it('stems possessives and word forms to one stem', () => {
    expect(stems("Fernhill's repairs, repairing")).toEqual(['fernhil', 'repair', 'repair']);
  });
});
