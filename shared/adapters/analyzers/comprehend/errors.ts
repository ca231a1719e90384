// Typed errors of the Comprehend adapter, and the words a skipped document's reason is made of.
import { CongruenceError } from '#domain/errors';
import type { ComprehendApi } from './cost-ledger';

/**
 * Comprehend answered in a shape we do not understand: the API changed, or this adapter is wrong.
 * Asking again gets the same shape, so it is not retryable.
 */
export class ComprehendResponseError extends CongruenceError {
  override readonly name = 'ComprehendResponseError';

  constructor(
    readonly api: ComprehendApi,
    detail: string,
  ) {
    super(
      `Amazon Comprehend ${api} answered in an unexpected shape (${detail}); nothing from it was used: ` +
        'update shared/adapters/analyzers/comprehend/responses.ts to the current API',
    );
  }
}

// Exceptions caused by the texts of the batch itself: sending the same batch again cannot succeed.
const CAUSED_BY_THE_BATCH = new Set([
  'InvalidRequestException',
  'TextSizeLimitExceededException',
  'UnsupportedLanguageException',
  'BatchSizeLimitExceededException',
]);

/** Whether a failed call may succeed on a later run (throttling past the SDK's retries, 5xx, permissions, network). */
export function isRetryableCallError(error: unknown): boolean {
  return !(error instanceof Error && CAUSED_BY_THE_BATCH.has(error.name));
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
