import { describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/domain/profile';
import { applySourceFilters, brandMentionMatcher, needsBrandMention, termMatcher } from '../../shared/domain/relevance';
import type { Signal } from '../../shared/domain/signal';

const brand: Profile['brand'] = {
  id: 'fernhill-bikes',
  name: 'Fernhill Bikes',
  aliases: ['Fernhill', 'Fernhill Ride app'],
  handles: ['@fernhillbikes'],
  domains: ['fernhillbikes.example'],
  competitors: ['Alderway Bikes'],
  language: 'en',
};

function signal(overrides: Partial<Signal>): Signal {
  return {
    id: '0'.repeat(32),
    sourceId: 'news',
    channel: 'news',
    url: null,
    title: '',
    text: '',
    author: null,
    publishedAt: '2026-11-10T00:00:00.000Z',
    publishedAtSource: 'feed',
    fetchedAt: '2026-11-23T00:00:00.000Z',
    rating: null,
    language: 'en',
    ...overrides,
  };
}

describe('whether an item is about the brand', () => {
  const mentions = brandMentionMatcher(brand);

  it('finds the name, an alias or a handle as whole words, in any case', () => {
    expect(mentions(signal({ text: 'Bought a bike at FERNHILL today' }))).toBe(true);
    expect(mentions(signal({ title: 'Thanks @fernhillbikes!' }))).toBe(true);
    expect(mentions(signal({ text: 'thanks fernhillbikes for the help' }))).toBe(true);
    expect(mentions(signal({ text: 'see fernhillbikes.example/offers' }))).toBe(true);
  });

  it('does not count a word that merely contains the name', () => {
    expect(mentions(signal({ text: 'Fernhillside Park is lovely in autumn' }))).toBe(false);
  });

  it('counts a link to the brand’s own domain', () => {
    expect(mentions(signal({ text: 'Press release', url: 'https://news.fernhillbikes.example/pledge' }))).toBe(true);
    expect(mentions(signal({ text: 'Press release', url: 'https://fernhillbikes.example.evil.example/' }))).toBe(false);
  });

  it('does not count a competitor’s mention', () => {
    expect(mentions(signal({ text: 'Alderway Bikes opens a new store' }))).toBe(false);
  });

  it('asks only news and social items to mention the brand', () => {
    expect(['news', 'review', 'social', 'stance'].map((channel) => needsBrandMention(channel as Signal['channel']))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('a source’s filters', () => {
  it('keeps only items that contain an included term', () => {
    const filters = { include: ['e-bike', 'cargo bike'] };
    expect(applySourceFilters(signal({ text: 'A new cargo  bike range' }), filters)).toBe('keep');
    expect(applySourceFilters(signal({ text: 'A road bike' }), filters)).toBe('not-included');
  });

  it('drops items that contain an excluded term', () => {
    expect(applySourceFilters(signal({ title: 'Sponsored: win a bike' }), { exclude: ['sponsored'] })).toBe('excluded');
  });

  it('drops items older than the maximum age, but never an undated one', () => {
    const old = signal({ publishedAt: '2026-10-01T00:00:00.000Z' });
    expect(applySourceFilters(old, { maxAgeDays: 30 })).toBe('too-old');
    expect(applySourceFilters({ ...old, publishedAtSource: 'fetch-time' }, { maxAgeDays: 30 })).toBe('keep');
    expect(applySourceFilters(signal({}), { maxAgeDays: 30 })).toBe('keep');
  });
});

describe('term matching', () => {
  it('matches phrases across any whitespace and escapes regex characters', () => {
    expect(termMatcher(['value for money'])('great value\nfor money')).toBe(true);
    expect(termMatcher(['c++'])('I code in C++ daily')).toBe(true);
    expect(termMatcher(['c++'])('I code in c')).toBe(false);
    expect(termMatcher([])('anything')).toBe(false);
  });
});
