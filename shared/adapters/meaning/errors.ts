// The error a person gets when a meaning model folder (word vectors, word senses) cannot be read:
// a clone always has them and a Lambda gets them copied beside its bundle at synth, so the message
// says where they should be and how to build them again. Reading again cannot help until they are back.
import { fileURLToPath } from 'node:url';
import { CongruenceError } from '#domain/errors';

export class MeaningDataMissingError extends CongruenceError {
  override readonly name = 'MeaningDataMissingError';

  constructor(what: string, folder: URL, rebuild: string, cause: unknown) {
    const name = folder.pathname.split('/').filter(Boolean).pop() ?? '';
    super(
      `The ${what} for matching values by meaning could not be read from ${fileURLToPath(folder)}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        `A clone has them in models/${name}/; \`npm run ${rebuild}\` builds them again (see its header).`,
    );
  }
}
