// Memory and time limits of the functions that are sized from measurements, kept apart from the
// constructs so that the benchmarks can check their figures against them without loading the CDK.

/**
 * The digest function. `npx tsx bench/digest-scale.ts` (docs/performance.md): a brand of 100,000
 * signals a week took 17 s and peaked at 958 MB locally, the local table included (the function
 * holds no table: it reads DynamoDB); 10,000 a week took under 1 s and 273 MB. 1,536 MB leaves room
 * above that peak and buys Lambda about 0.9 vCPU; 5 minutes leaves room for DynamoDB reads, slower
 * than the local table's.
 */
export const DIGEST_FUNCTION = { memoryMb: 1_536, timeoutSeconds: 300 } as const;
