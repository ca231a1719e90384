// How far V8 lets local mode's heaps grow between collections. By default it picks the factor
// from how fast it collects against how fast the program allocates, up to 4x what survived the last
// collection: scoring 100,000 rows held about 130 MB on the main thread and let it grow past 500 MB,
// most of it garbage, for a process peak over 800 MB. At 1.5x the same run peaked at 517 MB for 3%
// more time (at 1.2x 470 MB for 13% more; docs/performance.md, "Memory"). V8 reads the flag each
// time it sets a heap's next limit, so setting it as the process starts is enough, and it holds
// for the analyzer's worker threads too. The Lambdas do not use it: each has its memory setting.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
/**
 * The young generation (where new objects go until they survive two collections) starts at 1 MB a
 * semi-space, and V8 doubles it, up to 16 MB, whenever many objects survive; the main thread's grew
 * to 34 MB while it parsed and stored. Kept at its first size (a factor of 1), the end-to-end run
 * peaked 45 to 50 MB lower with no measurable loss of time (two runs each, docs/performance.md,
 * "Memory"). It must be set before the modules load, which already grow it. Like the growth
 * percent it holds for the analyzer threads too, whose young generation also has a cap of its own
 * (local-analyzer-pool.ts), for pools started where this is not set (tests, benchmarks' own process).
 */
export const YOUNG_GENERATION_GROWTH = 1;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--semi-space-growth-factor=${YOUNG_GENERATION_GROWTH}`);
}
