// The errors of the local analyzer: its trained model cannot be read, or its worker threads fail.
// Their messages say what to rebuild or what was not scored.
import { CongruenceError } from '#domain/errors';

/** The committed sentiment model is missing or damaged; it must be restored or trained again first. */
export class SentimentModelError extends CongruenceError {
  override readonly name = 'SentimentModelError';
}

/**
 * The pool of analyzer threads could not analyse a batch. Retryable when a thread stopped (the next
 * run scores the batch again); not when the analyzer itself failed on it or the pool was closed.
 */
export class LocalAnalyzerPoolError extends CongruenceError {
  override readonly name = 'LocalAnalyzerPoolError';
}
