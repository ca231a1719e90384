// The phrases an alert's posts share, from each post's key phrases: counted once per post, trimmed
// as topics are, the words every post has anyway left out, and a phrase inside a longer one said
// as often giving way to it.
import { describe, expect, it } from 'vitest';
import { topPhrases } from '#domain/alerts/top-phrases';

describe('top phrases of an alert', () => {
  it('names what several posts talk about, most posts first, without the brand, the value’s words or judging words', () => {
    const posts = [
      ['Fernhill', 'labour charge', 'the new workshop rule', 'a disgrace'],
      ['workshop rule', 'free repairs', 'labour charge'],
      ['the workshop rule', 'three years', 'Fernhill repair'],
      ['labour charge', 'full price', '#fail'],
    ];
    // "new" judges rather than names, "three" counts, "Fernhill" is trimmed; "free repairs" and
    // "Fernhill repair" are nothing but the brand and the value's own words
    expect(topPhrases(posts, { brand: ['Fernhill'], value: ['Free repairs for life', 'repair'] })).toEqual([
      { phrase: 'labour charge', posts: 3 },
      { phrase: 'workshop rule', posts: 3 },
    ]);
    // a phrase that adds to the value's own words stays whole
    expect(topPhrases(posts, { value: ['workshop'] })).toContainEqual({ phrase: 'workshop rule', posts: 3 });
  });

  it('counts a phrase once however often one post has it, and names nothing only one post has', () => {
    expect(topPhrases([['refund', 'refund', 'the refund'], ['voucher']])).toEqual([]);
  });

  it('lets a phrase inside a longer one said as often give way to it, but not one said more often', () => {
    const posts = [['courier company', 'courier'], ['courier company'], ['courier'], ['the courier']];
    expect(topPhrases(posts)).toEqual([
      { phrase: 'courier', posts: 3 },
      { phrase: 'courier company', posts: 2 },
    ]);
    expect(topPhrases([['courier company'], ['courier company']])).toEqual([{ phrase: 'courier company', posts: 2 }]);
  });

  it('names nothing in filler, markup or numbers', () => {
    expect(
      topPhrases([
        ['thanks guys', '@fernhill', '123', '#help'],
        ['thx guys', '@fernhill', '123'],
      ]),
    ).toEqual([]);
  });
});
