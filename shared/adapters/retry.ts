// Exponential backoff with full jitter, for what the AWS SDK does not retry itself: DynamoDB
// UnprocessedItems and UnprocessedKeys, and the failed indices of Comprehend batch calls.

export interface BackoffPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  maxAttempts: 8,
  baseDelayMs: 50,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  random: Math.random,
};

/** Delay before retry number `attempt` (1-based): random in [0, min(max, base * 2^attempt)). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}
