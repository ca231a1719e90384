// The `alerts` section of brand.yaml: how sensitive detection is, and how many hours it looks at
// (docs/alerts.md). Where alerts are sent is added with their delivery.
import { z } from 'zod';

export const SENSITIVITIES = ['fewer', 'balanced', 'more'] as const;

export const AlertsSchema = z
  .strictObject({
    sensitivity: z
      .enum(SENSITIVITIES)
      .default('balanced')
      .describe('fewer, balanced or more alerts: how large a surge must be (docs/alerts.md gives the thresholds).'),
    windowHours: z
      .number()
      .int()
      .min(1, 'look at 1 hour at least')
      .max(168, 'look at 168 hours (a week) at most: longer is the weekly digest’s job')
      .default(24)
      .describe(
        'The hours detection looks at, ending with the last whole hour, compared with the same hours of the 4 weeks before.',
      ),
  })
  .describe('Alerts between digests: a surge in negative mentions of a value, found the same day.');
export type AlertSettings = z.infer<typeof AlertsSchema>;
