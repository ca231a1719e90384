// A signal's score by one analyzer version: its overall sentiment and key phrases, or why it was
// not scored. Its existence is what makes scoring idempotent: a signal with a score by the same
// analyzer version is never sent to the analyzer again.
import { z } from 'zod';
import { SentimentSchema } from './analyzer';
import { ChannelSchema } from './profile';
import { SignalSchema } from './signal';

const scoreOfSignal = {
  signalId: z.string(),
  /** Analyzer name and version, e.g. "local@1.0.0". */
  analyzer: z.string(),
  sourceId: z.string(),
  channel: ChannelSchema,
  publishedAt: z.iso.datetime(),
  scoredAt: z.iso.datetime(),
};

export const SignalScoreSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('scored'),
    ...scoreOfSignal,
    language: z.string(),
    sentiment: SentimentSchema,
    keyPhrases: z.array(z.string()),
    /** The review's star rating, copied so rating-text mismatches need no second read. */
    rating: SignalSchema.shape.rating,
    /** Values the signal mentions (empty when none). */
    valueIds: z.array(z.string()),
    truncated: z.boolean(),
    analyzedChars: z.number().int().min(0),
  }),
  z.object({
    status: z.literal('skipped'),
    ...scoreOfSignal,
    /** Why it was not scored, e.g. "not about the brand" or "language xx is not supported". */
    reason: z.string(),
  }),
]);
export type SignalScore = z.infer<typeof SignalScoreSchema>;
