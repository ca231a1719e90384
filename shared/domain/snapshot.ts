// A weekly snapshot: the alignment figures of one ISO week as the digest reported them. Stored on
// every digest run, so history accumulates and next week's index change has something to compare.
import { z } from 'zod';

export const WeeklySnapshotSchema = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  analyzer: z.string(),
  computedAt: z.iso.datetime(),
  /** Brand Alignment Index 0..100, or null when no value had enough evidence. */
  index: z.number().min(0).max(100).nullable(),
  values: z.array(
    z.object({
      valueId: z.string(),
      status: z.string(),
      mentions: z.number().int().min(0),
      net: z.number().nullable(),
      low: z.number().nullable(),
      high: z.number().nullable(),
    }),
  ),
  flags: z.array(z.object({ kind: z.string(), valueId: z.string().nullable(), title: z.string() })),
});
export type WeeklySnapshot = z.infer<typeof WeeklySnapshotSchema>;
