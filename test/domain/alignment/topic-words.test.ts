// Filler words: what customers write around a topic, never the topic itself.
import { describe, expect, it } from 'vitest';
import { isFillerTopic, isFillerWord } from '#domain/alignment/topic-words';

const words = (phrase: string) => phrase.split(' ');

describe('filler topics', () => {
  it('finds greetings, politeness, pronouns and platform words filler, alone or together', () => {
    for (const phrase of [
      'thanks',
      'thank you',
      'thx guys',
      'the help',
      'you guys',
      'my info',
      'dm',
      'reply',
      'hi',
      'your ceo',
      'followers',
      'any update',
    ]) {
      expect(isFillerTopic(words(phrase)), phrase).toBe(true);
    }
  });

  it('finds words that say something is wrong but not what filler', () => {
    for (const phrase of ['complaint', 'this complaint', 'problems', 'the issue', 'a question', 'chance']) {
      expect(isFillerTopic(words(phrase)), phrase).toBe(true);
    }
  });

  it('finds numbers, durations, hashtags, handles and links filler', () => {
    for (const phrase of ['2 hrs', '45 minutes', 'today', '#fail', '@brand', 'https://t.co/abc', 'i’m', "i'm"]) {
      expect(isFillerTopic(words(phrase)), phrase).toBe(true);
    }
  });

  it('keeps a phrase with one content word, filler around it or not', () => {
    for (const phrase of [
      'lost bag',
      'seat upgrade',
      'group rides',
      'help desk',
      'refund',
      'my refund',
      'saturday group rides',
    ]) {
      expect(isFillerTopic(words(phrase)), phrase).toBe(false);
    }
  });

  it('reads stems as well as words as written', () => {
    expect(isFillerWord('repli')).toBe(true);
    expect(isFillerWord('thank')).toBe(true);
    expect(isFillerWord('upgrad')).toBe(false);
  });

  it('finds an empty phrase filler', () => {
    expect(isFillerTopic([])).toBe(true);
  });
});
