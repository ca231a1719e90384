// The port value matching uses for its semantic step: a vector per word, so that "waiter" can be
// found close to "staff". The bundled vectors are in models/word-vectors/ (an adapter loads them);
// tests may pass a handful of their own.

export interface WordVectors {
  /** Name and version of the vectors, part of the matcher's version: other vectors, other matches. */
  readonly version: string;
  /** The unit-length vector of a lower-case word, or undefined for a word the vectors do not know. */
  vectorOf(word: string): Float32Array | undefined;
  /** How common the word is in the text the vectors were trained on: 0 for the most frequent; undefined when unknown. */
  frequencyRank(word: string): number | undefined;
}

/** Cosine of two unit-length vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

/** The unit-length mean of some vectors (a phrase's vector from its words'), or undefined for none. */
export function meanVector(vectors: readonly Float32Array[]): Float32Array | undefined {
  const first = vectors[0];
  if (first === undefined) return undefined;
  const mean = new Float32Array(first.length);
  for (const vector of vectors)
    for (let index = 0; index < mean.length; index++) mean[index] = (mean[index] as number) + (vector[index] as number);
  const norm = Math.hypot(...mean);
  if (norm === 0) return undefined;
  for (let index = 0; index < mean.length; index++) mean[index] = (mean[index] as number) / norm;
  return mean;
}
