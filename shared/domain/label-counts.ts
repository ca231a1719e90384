// Signals or mentions counted by sentiment label, as the rollups and tallies keep them: how many,
// how many positive, how many negative (MIXED and NEUTRAL count in the first only).
import { z } from 'zod';
import type { SentimentLabel } from './analyzer';

export const LabelCountsSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]);
export type LabelCounts = z.infer<typeof LabelCountsSchema>;

/** Counts one more of a label. */
export function countLabelIn(counts: LabelCounts, label: SentimentLabel): void {
  counts[0] += 1;
  if (label === 'POSITIVE') counts[1] += 1;
  else if (label === 'NEGATIVE') counts[2] += 1;
}

/** Adds `from` into `into`. */
export function addLabelCounts(into: LabelCounts, from: Readonly<LabelCounts>): void {
  into[0] += from[0];
  into[1] += from[1];
  into[2] += from[2];
}
