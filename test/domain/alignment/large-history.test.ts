// The engine groups mentions once and works on tallies, so a year of history for twenty values is
// one pass; how long it takes is measured by `npm run bench` (bench/alignment.ts), not here.
import { describe, expect, it } from 'vitest';
import { computeAlignment } from '#domain/alignment/index';
import { largeHistoryInput } from './large-history';

describe('a year of history for twenty values', () => {
  it('gives every value a trend point for each of the 52 weeks', () => {
    const input = largeHistoryInput();
    const report = computeAlignment(input);
    expect(input.mentions.length).toBeGreaterThan(60_000);
    expect(report.values).toHaveLength(20);
    for (const value of report.values) expect(value.trend).toHaveLength(52);
    expect(report.index.value).not.toBeNull();
  });
});
