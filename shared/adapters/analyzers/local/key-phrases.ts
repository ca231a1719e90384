// Key phrases of a document: noun phrases found from part-of-speech tags (any adjectives, then
// nouns or proper nouns: "support chat", "free repairs", "battery charger"), lower-cased and
// ranked by how often they occur. Enough to spot recurring topics; not a parser. A run of nouns
// that are all filler ("thx guys", "info", "hrs": the domain's topic-words.ts) is not a key phrase.
import { isFillerTopic } from '#domain/alignment/topic-words';

export const MAX_KEY_PHRASES = 10;
const MAX_PHRASE_WORDS = 4;

// Adjectives that say nothing about the topic; a phrase drops them.
const EMPTY_ADJECTIVES = new Set([
  'other',
  'same',
  'such',
  'own',
  'many',
  'few',
  'several',
  'various',
  'certain',
  'whole',
  'last',
  'next',
  'first',
  'second',
  'third',
  'much',
  'more',
  'most',
  'less',
  'least',
  'only',
  'main',
]);

export interface TaggedTokens {
  /** Token text, lower-cased (spelling kept: "aluminium", not wink's normalised "aluminum"). */
  lower: readonly string[];
  pos: readonly string[];
  type: readonly string[];
}

function phraseOf(adjectives: string[], nouns: string[]): string | undefined {
  if (nouns.length === 0) return undefined;
  if (isFillerTopic(nouns)) return undefined;
  const words = [...adjectives.filter((adjective) => !EMPTY_ADJECTIVES.has(adjective)), ...nouns];
  const phrase = words.slice(-MAX_PHRASE_WORDS).join(' ');
  return phrase.length >= 3 ? phrase : undefined;
}

/** Noun phrases in order of first appearance, with how often each occurred. */
function nounPhrases(tokens: TaggedTokens): Map<string, number> {
  const counts = new Map<string, number>();
  let adjectives: string[] = [];
  let nouns: string[] = [];
  const flush = (): void => {
    const phrase = phraseOf(adjectives, nouns);
    if (phrase !== undefined) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    adjectives = [];
    nouns = [];
  };
  tokens.lower.forEach((word, index) => {
    const pos = tokens.pos[index];
    const isWord = tokens.type[index] === 'word';
    if (isWord && (pos === 'NOUN' || pos === 'PROPN')) {
      nouns.push(word);
    } else if (isWord && pos === 'ADJ') {
      if (nouns.length > 0) flush();
      adjectives.push(word);
    } else {
      flush();
    }
  });
  flush();
  return counts;
}

/** At most MAX_KEY_PHRASES phrases, most frequent first, ties in order of appearance. */
export function keyPhrasesOf(tokens: TaggedTokens): string[] {
  return [...nounPhrases(tokens).entries()]
    .map(([phrase, count], order) => ({ phrase, count, order }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .slice(0, MAX_KEY_PHRASES)
    .map((entry) => entry.phrase);
}
