// A signal's score by one analyzer version: its overall sentiment and key phrases, or why it was
// not scored. Its existence is what makes scoring idempotent: a signal with a score by the same
// analyzer version is never sent to the analyzer again.
import { z } from 'zod';
import { SentimentLabelSchema, SentimentSchema } from './analyzer';
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
    /** Values the signal mentions of the brand (empty when none); a competitor's are in its mentions only. */
    valueIds: z.array(z.string()),
    /**
     * Whom the signal is about, with the sentiment of what it says of each (entities.ts): the brand's
     * label (null when it is only about competitors) and each competitor's. Absent when it is about
     * the brand alone, with `sentiment`'s label.
     */
    about: z
      .object({
        brand: SentimentLabelSchema.nullable(),
        competitors: z.record(z.string(), SentimentLabelSchema),
      })
      .optional(),
    /**
     * Comprehend's billable units for the sentences scored on their own (value excerpts and entity
     * clauses). Absent on scores stored before it was kept: the rollups then count the excerpts.
     */
    sentenceUnits: z.number().int().min(0).optional(),
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
