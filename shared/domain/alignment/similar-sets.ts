// Which later sets in a time-ordered list are nearly the same as a given one (word-stem Jaccard
// similarity at or above a threshold), without comparing every pair. Prefix filtering (Chaudhuri,
// Ganti & Kaushik 2006; Xiao et al., "Efficient similarity joins", 2008): order all words rarest
// first; two sets whose Jaccard similarity is at least t share a word among the first
// |x| − ⌈t·|x|⌉ + 1 words of each. Only sets sharing such a prefix word are compared, so the answer
// is exactly the brute-force one, and the work grows with how often rare words repeat, not with the
// square of the sets in the window.

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface TimedSet {
  time: number;
  words: ReadonlySet<string>;
}

export interface SimilarSetIndex {
  /**
   * The sets after `anchor` in the list (by position), published less than `windowMs` after it,
   * whose similarity with it is at least the threshold, in list order, with that similarity.
   */
  similarAfter(anchor: number, windowMs: number): Array<{ index: number; similarity: number }>;
}

/** How many of a set's rarest words must hold a word shared with any set at least `threshold` alike. */
function prefixLength(size: number, threshold: number): number {
  // the small allowance keeps a product such as 0.6 × 5 = 3.0000000000000004 from shortening the prefix
  return size - Math.ceil(threshold * size - 1e-9) + 1;
}

/** An index over `sets`, which must be sorted by time. A threshold of 0 or less matches every set in the window. */
export function similarSetIndex(sets: readonly TimedSet[], threshold: number): SimilarSetIndex {
  const frequency = new Map<string, number>();
  for (const set of sets) for (const word of set.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    (frequency.get(a) as number) - (frequency.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0);
  const prefixes = sets.map((set) =>
    threshold > 0 ? [...set.words].sort(rarestFirst).slice(0, prefixLength(set.words.size, threshold)) : [],
  );
  // for each word, the positions of the sets holding it in their prefix, ascending
  const postings = new Map<string, number[]>();
  prefixes.forEach((prefix, index) => {
    for (const word of prefix) {
      const list = postings.get(word);
      if (list === undefined) postings.set(word, [index]);
      else list.push(index);
    }
  });
  const firstAfter = (list: readonly number[], anchor: number) => {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle] as number) <= anchor) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  return {
    similarAfter(anchor, windowMs) {
      const first = sets[anchor] as TimedSet;
      const end = first.time + windowMs;
      const candidates = new Set<number>();
      if (threshold > 0) {
        for (const word of prefixes[anchor] as string[]) {
          const list = postings.get(word) as number[];
          for (let at = firstAfter(list, anchor); at < list.length; at++) {
            const index = list[at] as number;
            if ((sets[index] as TimedSet).time >= end) break;
            candidates.add(index);
          }
        }
      } else {
        for (let index = anchor + 1; index < sets.length && (sets[index] as TimedSet).time < end; index++)
          candidates.add(index);
      }
      const similar: Array<{ index: number; similarity: number }> = [];
      for (const index of [...candidates].sort((a, b) => a - b)) {
        const similarity = jaccard(first.words, (sets[index] as TimedSet).words);
        if (similarity >= threshold) similar.push({ index, similarity });
      }
      return similar;
    },
  };
}
