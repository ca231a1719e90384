import { describe, expect, it } from 'vitest';
import type { Profile } from '#domain/profile';
import { redactionContextOf, redactSignal } from '#domain/redaction';
import { applySourceFilters, brandMentionMatcher, needsBrandMention, termMatcher } from '#domain/relevance';
import type { Signal } from '#domain/signal';
import { makeProfile } from '../support/profile';

const brand: Profile['brand'] = {
  id: 'fernhill-bikes',
  name: 'Fernhill Bikes',
  aliases: ['Fernhill', 'Fernhill Ride app'],
  handles: ['@fernhillbikes'],
  domains: ['fernhillbikes.example'],
  competitors: [{ name: 'Alderway Bikes', aliases: [], handles: [], domains: [] }],
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

  it('does not count the brand’s name inside someone else’s handle or e-mail address', () => {
    expect(mentions(signal({ text: '@fernhill...do you ship to Leeds?' }))).toBe(false);
    expect(mentions(signal({ text: 'ask @mara@fernhill.social' }))).toBe(false);
    expect(mentions(signal({ text: 'write to fernhill.fan@mail.example' }))).toBe(false);
    expect(mentions(signal({ text: 'as u/fernhill says' }))).toBe(false);
  });

  it('counts the brand’s handle followed by punctuation, and its domain in an e-mail address', () => {
    expect(mentions(signal({ text: '@fernhillbikes...do you still have my order' }))).toBe(true);
    expect(mentions(signal({ text: 'emailed help@fernhillbikes.example twice' }))).toBe(true);
  });

  it('asks only news and social items to mention the brand', () => {
    expect(
      ['news', 'review', 'social', 'stance'].map((channel) => needsBrandMention(channel as Signal['channel'])),
    ).toEqual([true, false, true, false]);
  });
});

describe('one reading of "about the brand", before and after redaction', () => {
  // The profile of test/support, whose brand is Fernhill Bikes (alias Fernhill, @fernhillbikes,
  // fernhillbikes.example): what ingestion judges on the text as written, scoring judges on the
  // text as stored. The two must agree, or scoring drops a signal ingestion kept.
  const profile = makeProfile([{ id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' }]);
  const mentions = brandMentionMatcher(profile.brand);
  const asStored = (text: string) =>
    redactSignal(signal({ channel: 'social', text }), redactionContextOf(profile)).signal;

  it.each([
    ['@fernhillbikes...do you still have my order', true],
    ["@fernhillbikes's mechanic fixed it", true],
    ['@fernhillbikes!! best shop', true],
    ['loved it (@fernhillbikes)', true],
    ['@fernhillbikes: my order is late', true],
    ['RT @mara_rides: my @fernhillbikes repair was free', true],
    ['.@fernhillbikes why is my order late?', true],
    ['thanks @FernhillBikes@mastodon.social', true],
    ['emailed help@fernhillbikes.example twice, no answer', true],
    ['＠fernhillbikes ありがとう', true],
    ['@fernhill...do you ship to Leeds?', false],
    ['@fernhillbikes_support never answered', false],
    ['ask @mara@fernhill.social', false],
    ['write to fernhill.fan@mail.example', false],
    ['as u/fernhill says', false],
  ])('reads %j the same before and after redaction (about the brand: %s)', (text, about) => {
    expect(mentions(signal({ channel: 'social', text }))).toBe(about);
    expect(mentions(asStored(text))).toBe(about);
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
