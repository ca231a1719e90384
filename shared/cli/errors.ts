// The errors of the `congruence` command itself: what the person typed (an option, an input file)
// cannot be used. They end the command with EXIT.usage; typing it again unchanged cannot help.
import { CongruenceError, EXIT } from '#domain/errors';

/** A problem with what the command was given (its input file, an option), worded for the person who typed it. */
export class AnalyzeUsageError extends CongruenceError {
  override readonly name = 'AnalyzeUsageError';

  constructor(message: string) {
    super(message, { exitCode: EXIT.usage });
  }
}
