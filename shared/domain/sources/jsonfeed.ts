// The `jsonfeed` source: a JSON Feed 1.1 (or 1.0) from a URL or a file beside the config.
import { z } from 'zod';
import { commonSourceFields, exactlyOneLocation, locationFields } from './source-fields';

export const JsonFeedSourceSchema = z
  .strictObject({
    kind: z.literal('jsonfeed').describe('JSON Feed 1.1 (or 1.0), from a URL or a file.'),
    ...commonSourceFields,
    ...locationFields,
  })
  .superRefine(exactlyOneLocation);
export type JsonFeedSource = z.infer<typeof JsonFeedSourceSchema>;
