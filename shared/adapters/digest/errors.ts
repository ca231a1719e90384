// The error of building the digest e-mail: a sender, recipients or date it cannot be made from.
// The brand profile (or the stored digest) must change first, so it is not retryable.
import { CongruenceError } from '#domain/errors';

export class DigestMimeError extends CongruenceError {
  override readonly name = 'DigestMimeError';
}
