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
  /** Its words; a word listed twice counts once. */
  words: Iterable<string>;
}

export interface SimilarSetIndex {
  /**
   * The sets after `anchor` in the list (by position), published less than `windowMs` after it,
   * whose similarity with it is at least the threshold, in list order, with that similarity. Sets
   * forgotten are passed over.
   */
  similarAfter(anchor: number, windowMs: number): Array<{ index: number; similarity: number }>;
  /** The set leaves the index: no later `similarAfter` returns it. */
  forget(index: number): void;
  isForgotten(index: number): boolean;
}

/** How many of a set's rarest words must hold a word shared with any set at least `threshold` alike. */
function prefixLength(size: number, threshold: number): number {
  // the small allowance keeps a product such as 0.6 × 5 = 3.0000000000000004 from shortening the prefix
  return size - Math.ceil(threshold * size - 1e-9) + 1;
}

/**
 * Jaccard similarity of two sorted lists of distinct word ids, given that neither holds a word of
 * the other before positions `i` and `j`.
 */
function jaccardOfSorted(a: Int32Array, b: Int32Array, i = 0, j = 0): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/** The sets holding a word in their prefix, ascending, and where the word is in each. */
interface Postings {
  sets: number[];
  at: number[];
}

function firstAfter(list: readonly number[], anchor: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] as number) <= anchor) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * An index over `sets`, which must be sorted by time. A threshold of 0 or less matches every set in
 * the window. Besides the prefix, two cheap bounds pass over a candidate before its words are
 * compared: sizes too far apart (|y| ≥ t·|x| and |x| ≥ t·|y|), and the positional bound: the first
 * word two sets share is the first one the walk meets, and if the words left after it in either set
 * cannot make the overlap t/(1+t)·(|x|+|y|) that similarity t needs, they are not alike (Xiao et al.).
 */
export function similarSetIndex(sets: readonly TimedSet[], threshold: number): SimilarSetIndex {
  const distinct = sets.map((set) => new Set(set.words));
  const frequency = new Map<string, number>();
  for (const words of distinct) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  // words numbered rarest first, so a set's ids in ascending order are its words rarest first
  const rank = new Map(
    [...frequency.keys()]
      .sort((a, b) => (frequency.get(a) as number) - (frequency.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0))
      .map((word, index) => [word, index]),
  );
  const ids = distinct.map((words) => Int32Array.from([...words].map((word) => rank.get(word) as number)).sort());
  distinct.length = 0;
  const times = Float64Array.from(sets, (set) => set.time);
  const forgotten = new Uint8Array(sets.length);
  // for each word id, the sets holding it in their prefix
  const postings = new Map<number, Postings>();
  if (threshold > 0) {
    ids.forEach((words, index) => {
      const prefix = prefixLength(words.length, threshold);
      for (let at = 0; at < prefix && at < words.length; at++) {
        const word = words[at] as number;
        const list = postings.get(word);
        if (list === undefined) postings.set(word, { sets: [index], at: [at] });
        else {
          list.sets.push(index);
          list.at.push(at);
        }
      }
    });
  }
  const seenBy = new Int32Array(sets.length).fill(-1);
  const overlapFactor = threshold / (1 + threshold);

  return {
    forget(index) {
      forgotten[index] = 1;
    },
    isForgotten: (index) => forgotten[index] === 1,
    similarAfter(anchor, windowMs) {
      const words = ids[anchor] as Int32Array;
      const size = words.length;
      const end = (times[anchor] as number) + windowMs;
      const similar: Array<{ index: number; similarity: number }> = [];
      if (threshold <= 0) {
        for (let index = anchor + 1; index < sets.length && (times[index] as number) < end; index++)
          if (forgotten[index] === 0)
            similar.push({ index, similarity: jaccardOfSorted(words, ids[index] as Int32Array) });
        return similar;
      }
      const prefix = prefixLength(size, threshold);
      for (let i = 0; i < prefix && i < size; i++) {
        const list = postings.get(words[i] as number) as Postings;
        const { sets: holders, at } = list;
        // forgotten sets leave the list as it is walked
        let kept = firstAfter(holders, anchor);
        let position = kept;
        for (; position < holders.length; position++) {
          const index = holders[position] as number;
          if ((times[index] as number) >= end) break;
          if (forgotten[index] === 1) continue;
          const j = at[position] as number;
          holders[kept] = index;
          at[kept] = j;
          kept++;
          if (seenBy[index] === anchor) continue;
          seenBy[index] = anchor;
          const other = ids[index] as Int32Array;
          const otherSize = other.length;
          if (otherSize < threshold * size - 1e-9 || size < threshold * otherSize - 1e-9) continue;
          const most = 1 + Math.min(size - i - 1, otherSize - j - 1);
          if (most < overlapFactor * (size + otherSize) - 1e-9) continue;
          const similarity = jaccardOfSorted(words, other, i, j);
          if (similarity >= threshold) similar.push({ index, similarity });
        }
        if (kept < position) {
          holders.splice(kept, position - kept);
          at.splice(kept, position - kept);
        }
      }
      return similar.sort((a, b) => a.index - b.index);
    },
  };
}
