// The error of sending the digest by e-mail. A refused send ends the CLI with EXIT.notSent (the
// digest files were written first); whether sending again later may work depends on SES's reason.
import { CongruenceError, EXIT } from '#domain/errors';

// SES answers that need a change before a send can succeed: a verified identity, the account
// unpaused, credentials. Any other refusal (throttling, a sending limit, a passing fault) may pass.
const NEEDS_A_CHANGE = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'CredentialsProviderError',
]);

export class DigestSendError extends CongruenceError {
  override readonly name = 'DigestSendError';

  constructor(
    message: string,
    /** The SES error's name, e.g. "MessageRejected". */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, { retryable: !NEEDS_A_CHANGE.has(code), exitCode: EXIT.notSent, cause: options?.cause });
  }
}
