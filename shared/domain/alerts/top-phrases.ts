// The phrases an alert's posts share: what the angry posts of a surge or a backlash keep talking
// about ("workshop rule", "labour charge"), so a reader sees what it is about before reading a
// quote. From the key phrases the analyzer found in each post (noun phrases: the local analyzer's
// or Amazon Comprehend's), trimmed as the digest trims a topic (alignment/topics.ts: no leading
// determiner, no judging word at either end, not filler), counted once per post. The brand's names
// and numbers written as words are trimmed from either end ("Fernhill workshop rule" is "workshop
// rule"); a phrase of nothing but those and the value's own words (its label and aspects, which
// every post about it has) is left out. The value's own words at an end go too when two words or
// more are left ("cancelled connecting flight" of a value about flights is "cancelled connecting"),
// not when one would be left without its context ("workshop rule" stays whole). A phrase inside a
// longer one said by as many posts gives way to it.
import { type NormalisedPhrase, normaliseKeyPhrase } from '../alignment/topics';
import { stems } from '../words';

export interface TopPhrase {
  /** As the posts write it, lower case (untrusted: customers' words). */
  phrase: string;
  /** Posts that say it. */
  posts: number;
}

export const TOP_PHRASES = {
  /** Phrases an alert names at most. */
  max: 5,
  /** A phrase said by fewer posts is not shared. */
  minPosts: 2,
  /** Posts whose phrases are read: the most negative of the window. */
  posts: 200,
};

// Numbers written as words: "three years" is about years.
const NUMBER_WORDS = new Set(
  stems(
    'one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand ' +
      'first second third once twice half',
  ),
);

/**
 * The phrases shared by the most posts. `posts` holds each post's key phrases; `words` the brand's
 * names and the value's own words, which every post has anyway.
 */
export function topPhrases(
  posts: ReadonlyArray<readonly string[]>,
  words: { brand?: readonly string[]; value?: readonly string[] } = {},
): TopPhrase[] {
  const trimmable = new Set([...(words.brand ?? []).flatMap((each) => stems(each)), ...NUMBER_WORDS]);
  const known = new Set([...trimmable, ...(words.value ?? []).flatMap((each) => stems(each))]);
  const counted = new Map<string, { phrase: string; stems: string[]; posts: number }>();
  for (const keyPhrases of posts) {
    const seen = new Set<string>();
    for (const keyPhrase of keyPhrases) {
      const whole = trimmed(normaliseKeyPhrase(keyPhrase), trimmable);
      if (whole.stems.every((stem) => known.has(stem))) continue;
      // the value's own words at an end go too, unless one word would be left without its context
      const inner = trimmed(whole, known);
      const phrase = inner.stems.length >= 2 ? inner : whole;
      const key = phrase.stems.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = counted.get(key);
      if (entry === undefined) counted.set(key, { phrase: phrase.words.join(' '), stems: phrase.stems, posts: 1 });
      else entry.posts++;
    }
  }
  const shared = [...counted.values()]
    .filter((entry) => entry.posts >= TOP_PHRASES.minPosts)
    .sort((a, b) => b.posts - a.posts || b.stems.length - a.stems.length || a.phrase.localeCompare(b.phrase));
  const chosen: typeof shared = [];
  for (const entry of shared) {
    if (chosen.length >= TOP_PHRASES.max) break;
    // "workshop" said by as many posts as "workshop rule" adds nothing
    const inside = (longer: (typeof shared)[number]) =>
      longer.posts === entry.posts && ` ${longer.stems.join(' ')} `.includes(` ${entry.stems.join(' ')} `);
    if (shared.some((other) => other !== entry && other.stems.length > entry.stems.length && inside(other))) continue;
    chosen.push(entry);
  }
  return chosen.map(({ phrase, posts }) => ({ phrase, posts }));
}

/** A phrase without these words at either end. */
function trimmed(phrase: NormalisedPhrase, trimmable: ReadonlySet<string>): NormalisedPhrase {
  let start = 0;
  let end = phrase.stems.length;
  while (start < end && trimmable.has(phrase.stems[start] as string)) start++;
  while (end > start && trimmable.has(phrase.stems[end - 1] as string)) end--;
  return { words: phrase.words.slice(start, end), stems: phrase.stems.slice(start, end) };
}
