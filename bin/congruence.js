#!/usr/bin/env node
// Entry point of the `congruence` command. It runs the CLI compiled to JavaScript (bin/compiled.js:
// built on first use and whenever a source changes, so a fresh clone works after `npm ci` with no
// build step), or, with CONGRUENCE_FROM_SOURCE=1 or when it cannot compile, the TypeScript
// sources through tsx's loader.

// Local mode talks only to its embedded store; the AWS SDK's notice about future Node versions is
// meant for deployments (the Lambdas run Node 22), not for someone trying the product on a laptop.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await loadCli();
process.exitCode = await main(process.argv);

async function loadCli() {
  if (process.env.CONGRUENCE_FROM_SOURCE !== '1') {
    try {
      const { compiled, WORKER_ENTRY } = await import('./compiled.js');
      const { urls } = await compiled('cli', {
        'heap-growth-first': 'shared/cli/heap-growth-first.ts',
        congruence: 'shared/cli/main.ts',
        ...WORKER_ENTRY,
      });
      return await loadFrom(urls['heap-growth-first'], urls.congruence);
    } catch (error) {
      process.stderr.write(
        `congruence: could not compile the CLI (${error instanceof Error ? error.message.split('\n')[0] : error}); running it from its TypeScript sources\n`,
      );
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return loadFrom(
    new URL('../shared/cli/heap-growth-first.ts', import.meta.url).href,
    new URL('../shared/cli/main.ts', import.meta.url).href,
  );
}

/** Before anything else is loaded, V8's heaps are told to grow less between collections (shared/cli/heap-growth-first.ts). */
async function loadFrom(heapGrowthFirstUrl, mainUrl) {
  await import(heapGrowthFirstUrl);
  const { main } = await import(mainUrl);
  return { main };
}
