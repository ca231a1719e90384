// Where a meaning model folder is, for the meaning adapters (bundled-word-vectors.ts and
// bundled-word-senses.ts); a folder that cannot be read is a MeaningDataMissingError (errors.ts).
import { pathToFileURL } from 'node:url';

/** A folder as a file URL ending in "/", so that file names resolve inside it. */
export function folderUrl(dir: URL | string): URL {
  return typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
}
