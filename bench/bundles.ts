// Each Lambda's bundle, built the way the stack builds it (esbuild, ESM, minified, the AWS SDK
// left to the Lambda runtime): its size against the 1 MB target, its size with the AWS SDK bundled
// in for comparison, and its cold module-load time: the time to import the bundle in a fresh Node
// process (the handler's module scope runs: environment checked, clients built, nothing sent),
// median of 3 processes. The AWS SDK it imports comes from node_modules, as the runtime's would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { AWS_SDK_EXTERNALS, ESM_REQUIRE_BANNER } from '#infra/lambda';

export const FUNCTIONS = ['ingest', 'score', 'digest', 'profile-sync'] as const;
export const BUNDLE_TARGET_BYTES = 1024 * 1024;
const LOAD_RUNS = 3;

// What the handlers check at cold start; dummy values, since importing sends nothing. The score
// function reads its word vectors at cold start (the stack copies them beside the bundle): here
// from the clone, so its cold load includes reading them, as in Lambda.
const HANDLER_ENV = {
  WORD_VECTORS_DIR: resolve('models/word-vectors'),
  WORD_SENSES_DIR: resolve('models/word-senses'),
  TABLE_NAME: 'congruence-bench',
  BRAND_ID: 'bench',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/bench',
  SOURCE_FILES_DIR: '/var/task/feeds',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

export interface BundleFigures {
  name: string;
  bytes: number;
  withSdkBytes: number;
  /** Median time to import the bundle in a fresh process; NaN when it could not be loaded. */
  coldLoadMs: number;
  /** Median time from spawning `node` to its exit, the import included. */
  coldProcessMs: number;
  loadError?: string;
}

async function bundle(name: string, external: string[]): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [`functions/${name}/handler.ts`],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    external,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1)
    throw new Error(`esbuild gave ${result.outputFiles.length} files for ${name}`);
  return output.contents;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Imports `file` in fresh processes; the child prints how long the import took. */
function coldLoad(file: string): { loadMs: number; processMs: number; error?: string } {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const loads: number[] = [];
  const processes: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...HANDLER_ENV },
      encoding: 'utf8',
    });
    processes.push(performance.now() - started);
    if (child.status !== 0)
      return { loadMs: Number.NaN, processMs: Number.NaN, error: child.stderr.split('\n').slice(0, 3).join(' ') };
    loads.push(Number(child.stdout));
  }
  return { loadMs: median(loads), processMs: median(processes) };
}

/** Median time for a fresh `node` to start and exit with nothing to load: the floor under coldProcessMs. */
export function nodeStartupMs(): number {
  const times: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    const started = performance.now();
    spawnSync(process.execPath, ['--input-type=module', '-e', ''], { env: { ...process.env, ...HANDLER_ENV } });
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Builds every bundle into `workDir` (which gets a link to node_modules for the AWS SDK) and measures it. */
export async function benchBundles(workDir: string): Promise<BundleFigures[]> {
  mkdirSync(workDir, { recursive: true });
  symlinkSync(resolve('node_modules'), join(workDir, 'node_modules'), 'dir');
  const figures: BundleFigures[] = [];
  for (const name of FUNCTIONS) {
    const [minified, withSdk] = await Promise.all([bundle(name, [...AWS_SDK_EXTERNALS]), bundle(name, [])]);
    const file = join(workDir, `${name}.mjs`);
    writeFileSync(file, minified);
    const load = coldLoad(file);
    figures.push({
      name,
      bytes: minified.byteLength,
      withSdkBytes: withSdk.byteLength,
      coldLoadMs: load.loadMs,
      coldProcessMs: load.processMs,
      ...(load.error ? { loadError: load.error } : {}),
    });
  }
  return figures;
}
