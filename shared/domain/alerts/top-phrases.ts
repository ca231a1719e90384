// The phrases an alert's posts share: what the angry posts of a surge or a backlash keep talking
// about ("workshop rule", "labour charge"), so a reader sees what it is about before reading a
// quote. From the key phrases the analyzer found in each post (noun phrases: the local analyzer's
// or Amazon Comprehend's), trimmed as the digest trims a topic (alignment/topics.ts: no leading
// determiner, no judging word at either end, not filler), counted once per post. The words every
// post has anyway (the brand's names, the value's label and aspect words, numbers written as words)
// are trimmed from either end, and a phrase of nothing else is left out. A phrase inside a longer
// one said by as many posts gives way to it.
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
 * The phrases shared by the most posts. `posts` holds each post's key phrases; `ownWords` the
 * words every post has anyway (the brand's names, the value's label and aspects).
 */
export function topPhrases(posts: ReadonlyArray<readonly string[]>, ownWords: readonly string[] = []): TopPhrase[] {
  const own = new Set([...ownWords.flatMap((words) => stems(words)), ...NUMBER_WORDS]);
  const counted = new Map<string, { phrase: string; stems: string[]; posts: number }>();
  for (const keyPhrases of posts) {
    const seen = new Set<string>();
    for (const keyPhrase of keyPhrases) {
      const phrase = trimmed(normaliseKeyPhrase(keyPhrase), own);
      if (phrase.stems.length === 0) continue;
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

/** A phrase without the words every post has at either end. */
function trimmed(phrase: NormalisedPhrase, own: ReadonlySet<string>): NormalisedPhrase {
  let start = 0;
  let end = phrase.stems.length;
  while (start < end && own.has(phrase.stems[start] as string)) start++;
  while (end > start && own.has(phrase.stems[end - 1] as string)) end--;
  return { words: phrase.words.slice(start, end), stems: phrase.stems.slice(start, end) };
}
