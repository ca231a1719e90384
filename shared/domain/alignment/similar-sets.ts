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
   * `skip` accepts are passed over without being compared; once skipped, a set must stay skipped
   * (the index forgets it).
   */
  similarAfter(
    anchor: number,
    windowMs: number,
    skip?: (index: number) => boolean,
  ): Array<{ index: number; similarity: number }>;
}

/** How many of a set's rarest words must hold a word shared with any set at least `threshold` alike. */
function prefixLength(size: number, threshold: number): number {
  // the small allowance keeps a product such as 0.6 × 5 = 3.0000000000000004 from shortening the prefix
  return size - Math.ceil(threshold * size - 1e-9) + 1;
}

/** Jaccard similarity of two sorted lists of distinct word ids. */
function jaccardOfSorted(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
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

/** An index over `sets`, which must be sorted by time. A threshold of 0 or less matches every set in the window. */
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
  // for each word id, the positions of the sets holding it in their prefix, ascending
  const postings = new Map<number, number[]>();
  if (threshold > 0) {
    ids.forEach((words, index) => {
      const prefix = prefixLength(words.length, threshold);
      for (let at = 0; at < prefix && at < words.length; at++) {
        const word = words[at] as number;
        const list = postings.get(word);
        if (list === undefined) postings.set(word, [index]);
        else list.push(index);
      }
    });
  }
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
  const seenBy = new Int32Array(sets.length).fill(-1);

  return {
    similarAfter(anchor, windowMs, skip) {
      const first = sets[anchor] as TimedSet;
      const words = ids[anchor] as Int32Array;
      const end = first.time + windowMs;
      const candidates: number[] = [];
      if (threshold > 0) {
        const prefix = prefixLength(words.length, threshold);
        for (let at = 0; at < prefix && at < words.length; at++) {
          const list = postings.get(words[at] as number) as number[];
          // sets skipped now are skipped for good (the caller has used them): they leave the list as it is walked
          let kept = firstAfter(list, anchor);
          let position = kept;
          for (; position < list.length; position++) {
            const index = list[position] as number;
            if ((sets[index] as TimedSet).time >= end) break;
            if (skip?.(index)) continue;
            list[kept++] = index;
            if (seenBy[index] === anchor) continue;
            seenBy[index] = anchor;
            candidates.push(index);
          }
          if (kept < position) list.splice(kept, position - kept);
        }
        candidates.sort((a, b) => a - b);
      } else {
        for (let index = anchor + 1; index < sets.length && (sets[index] as TimedSet).time < end; index++)
          candidates.push(index);
      }
      const similar: Array<{ index: number; similarity: number }> = [];
      for (const index of candidates) {
        if (skip?.(index)) continue;
        const other = ids[index] as Int32Array;
        // sizes too far apart cannot be alike enough: |y| ≥ t·|x| and |x| ≥ t·|y|
        if (other.length < threshold * words.length - 1e-9 || words.length < threshold * other.length - 1e-9) continue;
        const similarity = jaccardOfSorted(words, other);
        if (similarity >= threshold) similar.push({ index, similarity });
      }
      return similar;
    },
  };
}
