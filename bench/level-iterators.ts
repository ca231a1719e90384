// A workaround for the benchmark's populating process only (digest-scale-process.ts). dynalite 4
// reads LevelDB through streams which, when read to the end or dropped, let go of their iterator by
// calling `iterator.return()`; abstract-level 3's iterators have no `return` (they close with
// `close()`), so every Query and Scan leaves its iterator open until the store is closed. An open
// iterator pins the LevelDB version it started on: table files that LevelDB's compaction made
// obsolete are neither deleted nor unmapped while it lives. Writing while querying (compaction reads
// each rollup partition it folds) then grows the data directory and the file-backed memory with
// every query: populating 10,000 signals a week left 3.4 GB on disk for 50,000 signals, 80 MB of
// live data per 20,000 once the iterators were closed. Closing them changes no stored item.
import { AbstractIterator, AbstractKeyIterator, AbstractValueIterator } from 'abstract-level';

/** Gives abstract-level's iterators the `return()` dynalite calls, closing them. */
export function closeLevelIteratorsOnReturn(): void {
  for (const iterator of [AbstractIterator, AbstractKeyIterator, AbstractValueIterator]) {
    const prototype = iterator.prototype as unknown as { return?: () => Promise<void>; close(): Promise<void> };
    prototype.return ??= function (this: { close(): Promise<void> }) {
      return this.close();
    };
  }
}
