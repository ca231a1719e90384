// The CLI's TypeScript compiled once into plain JavaScript modules and kept under
// node_modules/.cache/congruence/, rebuilt when a source file changes. Running the sources through
// tsx's loader costs each process a loader thread (Node 20 runs module hooks on a thread of their
// own), about 47 MB, and each analyzer thread 16 MB more; compiled, a fresh clone still needs no
// build step: the first command builds (about a second) and the next ones only check the sources'
// sizes and modification times.
//
// esbuild bundles our modules and leaves the packages in node_modules as imports, which resolve
// from the cache folder up to the repository's node_modules. A module that finds its data files
// from its own place (`new URL('../../models/…', import.meta.url)`) gets its source file's URL
// instead of the bundle's, so the files are found where they are. The analyzer pool keeps the
// bundle's URL: its worker thread is the bundle beside it.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules that must keep the bundle's own URL (they find a sibling bundle, not a data file). */
const KEEPS_BUNDLE_URL = new Set(['shared/adapters/analyzers/local/local-analyzer-pool.ts']);

/** The analyzer's worker thread, built beside every bundle that may start it. */
export const WORKER_ENTRY = { 'local-analyzer-worker': 'shared/adapters/analyzers/local/local-analyzer-worker.ts' };

/**
 * Builds the entries (name: repository-relative path) into node_modules/.cache/congruence/<cacheName>
 * unless they are already built from the current sources, and returns each entry's file URL.
 * `built` says whether it had to build.
 *
 * @param {string} cacheName
 * @param {Record<string, string>} entries
 * @param {{ root?: string, cacheDir?: string }} [options]
 * @returns {Promise<{ urls: Record<string, string>, built: boolean }>}
 */
export async function compiled(cacheName, entries, options = {}) {
  const root = options.root ?? REPOSITORY;
  const outDir = join(options.cacheDir ?? join(root, 'node_modules', '.cache', 'congruence'), cacheName);
  const urls = Object.fromEntries(
    Object.keys(entries).map((name) => [name, pathToFileURL(join(outDir, `${name}.mjs`)).href]),
  );
  const esbuild = await import('esbuild');
  const manifestPath = join(outDir, 'manifest.json');
  if (isFresh(manifestPath, root, entries, esbuild.version)) return { urls, built: false };

  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [sourceUrlPlugin(root)],
  });
  mkdirSync(outDir, { recursive: true });
  // Written beside and renamed into place: two commands building at once each leave whole files.
  const suffix = `.${process.pid}.tmp`;
  for (const file of result.outputFiles) {
    writeFileSync(file.path + suffix, file.contents);
    renameSync(file.path + suffix, file.path);
  }
  // package.json too: it maps the #imports, so a change there may point a module elsewhere
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), 'package.json'].map((input) => [input, signatureOf(resolve(root, input))]),
  );
  writeFileSync(manifestPath + suffix, JSON.stringify({ esbuild: esbuild.version, entries, inputs }));
  renameSync(manifestPath + suffix, manifestPath);
  return { urls, built: true };
}

/**
 * @param {string} manifestPath
 * @param {string} root
 * @param {Record<string, string>} entries
 * @param {string} esbuildVersion
 */
function isFresh(manifestPath, root, entries, esbuildVersion) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return false;
  }
  if (manifest?.esbuild !== esbuildVersion) return false;
  if (JSON.stringify(manifest.entries) !== JSON.stringify(entries)) return false;
  for (const [input, signature] of Object.entries(manifest.inputs ?? {})) {
    if (signatureOf(resolve(root, input)) !== signature) return false;
  }
  return true;
}

/** Size and modification time: what changes when a file is edited, checked out or replaced. */
function signatureOf(path) {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** @param {string} root */
function sourceUrlPlugin(root) {
  return {
    name: 'source-url',
    /** @param {import('esbuild').PluginBuild} build */
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const path = relative(root, args.path).split('\\').join('/');
        if (!source.includes('import.meta.url') || KEEPS_BUNDLE_URL.has(path))
          return { contents: source, loader: 'ts' };
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}
