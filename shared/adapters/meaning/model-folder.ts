// What the meaning adapters share: where a model folder is, and the error a person gets when one
// cannot be read (a clone always has them; a Lambda gets them copied beside its bundle at synth).
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A folder as a file URL ending in "/", so that file names resolve inside it. */
export function folderUrl(dir: URL | string): URL {
  return typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
}

export class MeaningDataMissingError extends Error {
  constructor(what: string, folder: URL, rebuild: string, cause: unknown) {
    const name = folder.pathname.split('/').filter(Boolean).pop() ?? '';
    super(
      `The ${what} for matching values by meaning could not be read from ${fileURLToPath(folder)}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        `A clone has them in models/${name}/; \`npm run ${rebuild}\` builds them again (see its header).`,
    );
    this.name = 'MeaningDataMissingError';
  }
}
