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

/**
 * The alert function, sized from the digest's figures rather than a benchmark of its own: it reads
 * the same weekly rollups, at most 6 weeks of them against the digest's 12, and one by one only the
 * mentions of the windows that fired, so it holds less than the digest's 109 to 118 MB peak at
 * 100,000 signals a week; 512 MB leaves room and buys about 0.3 vCPU to parse them. Its time goes to
 * waiting on receivers, not to work: one that answers 429 or 5xx is tried 3 times, 10 s each, with
 * pauses of up to a minute between (adapters/alerts/deliver.ts), 150 s at worst, so 5 minutes lets
 * two such destinations finish in one run. Lambda bills the time used, not the timeout; a run
 * stopped mid-send would leave its alert claimed, and unsent, until the next hour's run.
 */
export const ALERT_FUNCTION = { memoryMb: 512, timeoutSeconds: 300 } as const;
