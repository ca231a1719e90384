// Types of bin/compiled.js (plain JavaScript: it runs before any TypeScript loader).

/** The repository's root folder. */
export const REPOSITORY: string;

/** The local analyzer's worker thread, to build beside every bundle that may start it. */
export const WORKER_ENTRY: Readonly<Record<string, string>>;

/**
 * Builds the entries (name: path relative to the root) into `<cacheDir>/<cacheName>` unless they are
 * already built from the current sources, and returns each entry's file URL; `built` says whether
 * it had to build.
 */
export function compiled(
  cacheName: string,
  entries: Readonly<Record<string, string>>,
  options?: { root?: string; cacheDir?: string },
): Promise<{ urls: Record<string, string>; built: boolean }>;
