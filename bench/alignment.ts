// The alignment engine on a year of history for twenty values (the digest's heaviest computation):
// median of 5 runs, against the 5 s target for building a digest of 20 values x 52 weeks.
import { computeAlignment } from '../shared/domain/alignment';
import { largeHistoryInput } from '../test/domain/alignment/large-history';

export function benchAlignment(): { mentions: number; medianMs: number; targetMs: number } {
  const input = largeHistoryInput();
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    computeAlignment(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { mentions: input.mentions.length, medianMs: times[2] ?? Number.NaN, targetMs: 5_000 };
}
