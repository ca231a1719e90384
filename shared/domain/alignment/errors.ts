// The error of the alignment engine: it was given a history it cannot lay out in weeks (empty, not
// ending with the reported week, not consecutive). The caller must pass other weeks; the same
// call again gives the same error.
import { CongruenceError } from '../errors';

export class AlignmentInputError extends CongruenceError {
  override readonly name = 'AlignmentInputError';
}
