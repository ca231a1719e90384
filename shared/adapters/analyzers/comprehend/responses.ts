// The parts of Comprehend's batch responses this adapter relies on, validated: a changed response
// shape stops the run with a ComprehendResponseError instead of scoring with undefined values.
import { z } from 'zod';
import { SentimentLabelSchema } from '#domain/analyzer';
import type { ComprehendApi } from './cost-ledger';
import { ComprehendResponseError } from './errors';

const IndexSchema = z.number().int().min(0);
const ScoreSchema = z.number().min(0).max(1);

const ItemErrorSchema = z.object({
  Index: IndexSchema,
  ErrorCode: z.string().default('UNKNOWN'),
  ErrorMessage: z.string().default('no message'),
});
export type ItemError = z.infer<typeof ItemErrorSchema>;

export const SentimentResponseSchema = z.object({
  ResultList: z.array(
    z.object({
      Index: IndexSchema,
      Sentiment: SentimentLabelSchema,
      SentimentScore: z.object({
        Positive: ScoreSchema,
        Negative: ScoreSchema,
        Neutral: ScoreSchema,
        Mixed: ScoreSchema,
      }),
    }),
  ),
  ErrorList: z.array(ItemErrorSchema),
});

export const KeyPhrasesResponseSchema = z.object({
  ResultList: z.array(z.object({ Index: IndexSchema, KeyPhrases: z.array(z.object({ Text: z.string() })) })),
  ErrorList: z.array(ItemErrorSchema),
});

export const DominantLanguageResponseSchema = z.object({
  ResultList: z.array(
    z.object({
      Index: IndexSchema,
      Languages: z.array(z.object({ LanguageCode: z.string().min(1), Score: ScoreSchema })),
    }),
  ),
  ErrorList: z.array(ItemErrorSchema),
});

export function parseResponse<Schema extends z.ZodType>(
  api: ComprehendApi,
  schema: Schema,
  output: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(output);
  if (!parsed.success) throw new ComprehendResponseError(api, z.prettifyError(parsed.error).replaceAll('\n', ' '));
  return parsed.data;
}
