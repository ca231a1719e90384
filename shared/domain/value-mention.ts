// A value mention: what one signal says about one declared value, as scored by one analyzer.
// The scorer writes them; the alignment maths reads them by value and week.
import { z } from 'zod';
import { SentimentSchema } from './analyzer';
import { ChannelSchema } from './profile';

export const ValueMentionSchema = z.object({
  signalId: z.string(),
  valueId: z.string(),
  /** The competitor the mention is about (its id); absent for the brand's own. */
  competitorId: z.string().optional(),
  sourceId: z.string(),
  channel: ChannelSchema,
  publishedAt: z.iso.datetime(),
  /** Analyzer name and version, e.g. "local@1.0.0". */
  analyzer: z.string(),
  /** Sentiment of the excerpts that mention the value (their scores averaged). */
  sentiment: SentimentSchema,
  /** Positive minus negative score of those excerpts, -1..1. */
  net: z.number().min(-1).max(1),
  /** The sentences or clauses that mention the value: the evidence quoted in the digest. */
  excerpts: z.array(z.string()).min(1),
  /**
   * The words that made the match: an aspect, or a word close to one in meaning with its similarity
   * (value-matching.ts). Absent on mentions stored before matching said so.
   */
  matchedBy: z
    .array(
      z.object({
        words: z.string(),
        term: z.string(),
        similarity: z.number().optional(),
        relation: z.enum(['kind-of', 'same-as']).optional(),
      }),
    )
    .optional(),
});
export type ValueMention = z.infer<typeof ValueMentionSchema>;

/** The rollup subject (and storage key part) of a mention: its value's id, with the competitor's for a competitor's. */
export function mentionSubject(mention: Pick<ValueMention, 'valueId' | 'competitorId'>): string {
  return mention.competitorId === undefined ? mention.valueId : `${mention.valueId}@${mention.competitorId}`;
}
