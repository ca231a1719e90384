// The Comprehend client, created once per Lambda container and injected into the analyzer. Throttling
// (ThrottlingException, TooManyRequestsException) is the SDK's to retry: adaptive mode adds
// client-side rate limiting to the standard retries, and more attempts than the default 3 ride out a
// burst from a large scoring batch.
import { ComprehendClient } from '@aws-sdk/client-comprehend';

export const COMPREHEND_MAX_ATTEMPTS = 8;

/** Without a region, the SDK's default chain decides (AWS_REGION in Lambda). */
export function createComprehendClient(region?: string): ComprehendClient {
  return new ComprehendClient({ region, retryMode: 'adaptive', maxAttempts: COMPREHEND_MAX_ATTEMPTS });
}
