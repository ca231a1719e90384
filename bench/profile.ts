// The benchmark's brand profile: the Fernhill example's brand, values, digest and thresholds, with one
// source, the generated corpus as a CSV export. It is written as a brand.yaml beside the corpus and
// loaded the way the CLI loads a profile, so it goes through the same validation and defaults.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadProfile, type LoadedProfile } from '#adapters/config/load-profile';
import { CORPUS_COLUMNS } from './corpus';

export const EXAMPLE_PROFILE = 'examples/fernhill/brand.yaml';
export const CORPUS_SOURCE_ID = 'bench-export';

/**
 * Writes `dir`/`profileFile` reading `corpusFile` (a name inside `dir`) and loads it. Signal ids
 * hash the source id with the row's id, so another `sourceId` makes the same rows new signals.
 */
export function writeBenchProfile(
  dir: string,
  corpusFile: string,
  profileFile = 'brand.yaml',
  sourceId = CORPUS_SOURCE_ID,
): LoadedProfile {
  const example = parse(readFileSync(EXAMPLE_PROFILE, 'utf8')) as Record<string, unknown>;
  const profile = {
    ...example,
    sources: [
      {
        id: sourceId,
        kind: 'csv',
        path: corpusFile,
        // Rows name their own channel; this one is only the fallback.
        channel: 'review',
        schedule: 'daily',
        columns: CORPUS_COLUMNS,
      },
    ],
  };
  const file = join(dir, profileFile);
  writeFileSync(file, stringify(profile));
  return loadProfile(file);
}
