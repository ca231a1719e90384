// The port value matching uses to know that one thing is a kind of another: "sushi" is a kind of
// dish, "bagel" a kind of food, "suitcase" a kind of bag (WordNet's hypernyms). The bundled senses
// are in models/word-senses/ (an adapter loads them); tests may pass a handful of their own.

export interface WordSenses {
  /** Name and version of the senses, part of what makes a match: other senses, other matches. */
  readonly version: string;
  /** The word's most common senses as a noun (synset ids, most common first); empty for a word that is no noun. */
  sensesOf(word: string): readonly string[];
  /** Every kind the word's most common noun sense is (itself included), nearest first; empty for a word that is no noun. */
  kindsOf(word: string): readonly string[];
}
