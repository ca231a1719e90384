// The errors of the Lambda handlers. Each ends the invocation with a message that says what to fix
// (the stack's environment, the deployed profile) or, for a refused enqueue, that the schedule
// tries again. The CLI never meets them; their exit code is the base's default.
import { CongruenceError } from '#domain/errors';

/** The function's environment is missing a variable or holds a bad one; the stack sets it, so a deploy fixes it. */
export class ConfigurationError extends CongruenceError {
  override readonly name = 'ConfigurationError';
}

/** No profile in the table for the brand: the stack's profile sync never ran. */
export class ProfileMissingError extends CongruenceError {
  override readonly name = 'ProfileMissingError';
}

/** The profile handed to the profile sync is not JSON or not a valid profile; the deploy fails naming the field. */
export class InvalidProfileError extends CongruenceError {
  override readonly name = 'InvalidProfileError';
}

/** SQS still refused scoring messages after the retries; the next scheduled run sends them again. */
export class EnqueueError extends CongruenceError {
  override readonly name = 'EnqueueError';

  constructor(message: string) {
    super(message, { retryable: true });
  }
}
