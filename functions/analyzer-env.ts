// Whose scores a reading function (digest, alert) reads: the Comprehend analyzer's, unless a test or
// a migration sets ANALYZER_KEY.
import { z } from 'zod';
import { COMPREHEND_ANALYZER_VERSION } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { analyzerKey } from '#domain/analyzer';

export const AnalyzerKeyEnv = z.object({
  ANALYZER_KEY: z
    .string()
    .min(1)
    .default(analyzerKey({ name: 'comprehend', version: COMPREHEND_ANALYZER_VERSION })),
});
