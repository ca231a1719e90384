// A value mention: what one signal says about one declared value, as scored by one analyzer.
// The scorer writes them; the alignment maths reads them by value and week.
import { z } from 'zod';
import { ChannelSchema } from './profile';

export const SentimentLabelSchema = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);

export const ValueMentionSchema = z.object({
  signalId: z.string(),
  valueId: z.string(),
  sourceId: z.string(),
  channel: ChannelSchema,
  publishedAt: z.iso.datetime(),
  /** Analyzer name and version, e.g. "local@1.0.0". */
  analyzer: z.string(),
  sentiment: SentimentLabelSchema,
  /** Positive minus negative score of the sentences that mention the value, -1..1. */
  net: z.number().min(-1).max(1),
  /** How many sentences of the signal mention the value. */
  sentences: z.number().int().min(1),
});
export type ValueMention = z.infer<typeof ValueMentionSchema>;
