// Each Lambda's bundle, built the way the stack builds it (esbuild, ESM, minified, the AWS SDK
// left to the Lambda runtime): its size against the 1 MB target, and, for comparison, its size
// with the AWS SDK bundled in.
import { build } from 'esbuild';
import { AWS_SDK_EXTERNALS, ESM_REQUIRE_BANNER } from '../infra/lambda';

export const FUNCTIONS = ['ingest', 'score', 'digest', 'profile-sync'] as const;

async function bundleSize(name: string, external: string[]): Promise<number> {
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
  return result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
}

export async function benchBundles(): Promise<Array<{ name: string; bytes: number; withSdkBytes: number }>> {
  return Promise.all(
    FUNCTIONS.map(async (name) => ({
      name,
      bytes: await bundleSize(name, [...AWS_SDK_EXTERNALS]),
      withSdkBytes: await bundleSize(name, []),
    })),
  );
}
