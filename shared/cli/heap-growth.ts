// How far V8 lets local mode's heaps grow between full collections. By default it picks the factor
// from how fast it collects against how fast the program allocates, up to 4x what survived the last
// collection: scoring 100,000 rows held about 130 MB on the main thread and let it grow past 500 MB,
// most of it garbage, for a process peak over 800 MB. At 1.5x the same run peaked at 517 MB for 3%
// more time (at 1.2x 470 MB for 13% more; docs/performance.md, "Memory"). V8 reads the flag each
// time it sets a heap's next limit, so setting it as the process starts is enough, and it holds
// for the analyzer's worker threads too. The Lambdas do not use it: each has its memory setting.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
