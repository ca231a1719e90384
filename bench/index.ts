// `npm run bench`: the benchmarks written so far, with their figures and targets. The pipeline
// throughput, Comprehend cost and bundle-size benchmarks are not written yet, and say so.
import { cpus } from 'node:os';
import { benchAlignment } from './alignment';
import { benchBundles } from './bundles';

const alignment = benchAlignment();
process.stdout.write(`machine: ${cpus().length} cores, node ${process.version}\n`);
process.stdout.write(
  `alignment, 20 values x 52 weeks (${alignment.mentions.toLocaleString('en-GB')} mentions): ` +
    `median ${alignment.medianMs.toFixed(0)} ms of 5 runs; target < ${alignment.targetMs} ms ` +
    `(${(alignment.medianMs / alignment.targetMs).toFixed(2)} of the budget)\n`,
);
const MB = 1024 * 1024;
for (const bundle of await benchBundles()) {
  process.stdout.write(
    `lambda ${bundle.name.padEnd(12)} bundle ${(bundle.bytes / MB).toFixed(2)} MB minified ` +
      `(${(bundle.bytes / MB).toFixed(2)} of the 1 MB target; AWS SDK from the runtime); ${(bundle.withSdkBytes / MB).toFixed(2)} MB with the SDK bundled in\n`,
  );
}
process.stdout.write('not measured yet: pipeline throughput on 100k signals, Comprehend calls and units against the floor, cold module-load times\n');
