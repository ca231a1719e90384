// What term suggestions leave out as names: the brand's and every competitor's names, aliases,
// handles and domains, so "Cobalt" is never suggested as a term for a value.
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '#app/suggest-terms/vocabulary';
import { makeProfile } from '../support/profile';

describe('the names suggestions leave out', () => {
  it('hold the brand’s and each competitor’s names, aliases, handles and domains, as stems', () => {
    const profile = makeProfile([{ id: 'news', kind: 'rss', url: 'https://news.example/feed', channel: 'news' }], {
      brand: {
        name: 'Fernhill Bikes',
        competitors: [
          'Alderway Bikes',
          { name: 'Cobalt Cycles', aliases: ['Cobalt'], handles: ['@cobaltrides'], domains: ['cobalt.example'] },
        ],
      },
    });
    const names = vocabularyOf(profile).names.map((stems) => stems.join(' '));
    expect(names).toEqual(
      expect.arrayContaining(['fernhil bike', 'alderwai bike', 'cobalt cycl', 'cobalt', 'cobaltrid']),
    );
    expect(names.some((name) => name.startsWith('cobalt exampl'))).toBe(true);
  });
});
