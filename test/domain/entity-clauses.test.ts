// Splitting text by who it is about: the brand or a competitor, sentence by sentence, and a
// sentence that names two cut between them, so that each is scored on what is said of it.
import { describe, expect, it } from 'vitest';
import { entityClauseSplitter } from '#domain/entity-clauses';

const split = entityClauseSplitter([
  { id: 'fernhill', terms: ['Fernhill', 'Fernhill Bikes', 'fernhillbikes'] },
  { id: 'cobalt', terms: ['Cobalt', 'Cobalt Cycles', 'cobaltcycles'] },
]);

describe('splitting text by entity', () => {
  it('cuts a sentence naming two at the comma between them', () => {
    expect(split('Cobalt fixed it for free, Fernhill wanted 80 quid.')).toEqual([
      { entityId: 'cobalt', text: 'Cobalt fixed it for free' },
      { entityId: 'fernhill', text: 'Fernhill wanted 80 quid.' },
    ]);
  });

  it('cuts at a turning conjunction, and leaves it out', () => {
    expect(split('Fernhill Bikes repaired it fast but Cobalt Cycles charged nothing')).toEqual([
      { entityId: 'fernhill', text: 'Fernhill Bikes repaired it fast' },
      { entityId: 'cobalt', text: 'Cobalt Cycles charged nothing' },
    ]);
  });

  it('cuts at the last break between the names, keeping the first clause whole', () => {
    expect(split('Went to Fernhill, waited a week, then @cobaltcycles sorted it in an hour')).toEqual([
      { entityId: 'fernhill', text: 'Went to Fernhill, waited a week' },
      { entityId: 'cobalt', text: 'then @cobaltcycles sorted it in an hour' },
    ]);
  });

  it('gives a sentence it cannot cut to both: no break between the names, or a name alone on one side', () => {
    expect(split('Cobalt, Fernhill: both charge for repairs now.')).toEqual([
      { entityId: 'cobalt', text: 'Cobalt, Fernhill: both charge for repairs now.' },
      { entityId: 'fernhill', text: 'Cobalt, Fernhill: both charge for repairs now.' },
    ]);
    expect(split('Cobalt and Fernhill both charge for repairs now.')).toEqual([
      { entityId: 'cobalt', text: 'Cobalt and Fernhill both charge for repairs now.' },
      { entityId: 'fernhill', text: 'Cobalt and Fernhill both charge for repairs now.' },
    ]);
    // "handed" holds "and", but no conjunction
    expect(split('Fernhill handed my bike to Cobalt.')).toEqual([
      { entityId: 'fernhill', text: 'Fernhill handed my bike to Cobalt.' },
      { entityId: 'cobalt', text: 'Fernhill handed my bike to Cobalt.' },
    ]);
    expect(split('Great repairs at Fernhill, and Cobalt.')).toEqual([
      { entityId: 'fernhill', text: 'Great repairs at Fernhill, and Cobalt.' },
      { entityId: 'cobalt', text: 'Great repairs at Fernhill, and Cobalt.' },
    ]);
  });

  it('lets a sentence naming no one continue the one before, and starts with the source’s entity', () => {
    expect(split('Great service overall. Cobalt fixed my bike. They were quick.', 'fernhill')).toEqual([
      { entityId: 'fernhill', text: 'Great service overall.' },
      { entityId: 'cobalt', text: 'Cobalt fixed my bike.' },
      { entityId: 'cobalt', text: 'They were quick.' },
    ]);
    // a shared source: a first sentence naming no one is nobody's
    expect(split('What a week. Fernhill lost my bike.')).toEqual([
      { entityId: null, text: 'What a week.' },
      { entityId: 'fernhill', text: 'Fernhill lost my bike.' },
    ]);
  });

  it('matches whole words only: "cobalts" is not Cobalt', () => {
    expect(split('Fernhill paint has cobalts and blues.')).toEqual([
      { entityId: 'fernhill', text: 'Fernhill paint has cobalts and blues.' },
    ]);
  });

  it('keeps a sentence naming one entity twice whole, however many breaks it has', () => {
    expect(split('Fernhill was slow, and Fernhill was rude.')).toEqual([
      { entityId: 'fernhill', text: 'Fernhill was slow, and Fernhill was rude.' },
    ]);
  });
});
