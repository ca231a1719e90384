// The errors of the use cases: a command that cannot do its work with what is stored. Their
// messages say which command to run first; running the same one again cannot help until then.
import { CongruenceError } from '#domain/errors';

/** Nothing to suggest from: no signal stored, none from customers, or none scored. The message says what to run. */
export class NoSignalsToSuggestFromError extends CongruenceError {
  override readonly name = 'NoSignalsToSuggestFromError';
}

/**
 * The stored weekly rollups do not fit the profile any more (cut in another time zone): the digest
 * would put mentions in the wrong weeks. The message names the rebuild command.
 */
export class RollupsOutOfDateError extends CongruenceError {
  override readonly name = 'RollupsOutOfDateError';
}
