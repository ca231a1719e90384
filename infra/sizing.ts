// Memory and time limits of the functions that are sized from measurements, kept apart from the
// constructs so that the benchmarks can check their figures against them without loading the CDK.

/**
 * The digest function. `npx tsx bench/digest-scale.ts` (docs/performance.md): run as the function
 * runs it (the table in another process), a brand of 100,000 signals a week took 1.1 to 1.4 s and peaked at
 * 109 to 118 MB, as much as at 1,000 a week. 1,536 MB buys Lambda about 0.9 vCPU for the first digest after
 * deploying, which searches five weeks of reviews for bursts (8 to 9 s of CPU locally at 100,000 a
 * week); 5 minutes leaves room for DynamoDB reads, slower than the local table's.
 */
export const DIGEST_FUNCTION = { memoryMb: 1_536, timeoutSeconds: 300 } as const;
