// `npm run bench`: the benchmark suite is not written yet. This placeholder measures nothing and
// says so, and exits non-zero so no automation mistakes it for a result.
process.stderr.write(
  'congruence bench: no benchmarks yet. Throughput, Comprehend cost and bundle-size benchmarks ' +
    'arrive with the benchmarks work; nothing was measured.\n',
);
process.exitCode = 2;
