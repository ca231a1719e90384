#!/usr/bin/env node
// Entry point of the `congruence` command: runs the TypeScript CLI through tsx's loader, so a fresh
// clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// Local mode talks only to its embedded store; the AWS SDK's notice about future Node versions is
// meant for deployments (the Lambdas run Node 22), not for someone trying the product on a laptop.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
// Before anything is loaded: V8's heaps grow less between collections (shared/cli/heap-growth.ts).
const { limitHeapGrowth } = await import('../shared/cli/heap-growth.ts');
limitHeapGrowth();
const { main } = await import('../shared/cli/main.ts');
process.exitCode = await main(process.argv);
