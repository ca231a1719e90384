// The `rss` source: an RSS 2.0, RSS 1.0 or Atom feed from a URL or a file beside the config.
import { z } from 'zod';
import { commonSourceFields, exactlyOneLocation, locationFields } from './source-fields';

export const RssSourceSchema = z
  .strictObject({
    kind: z.literal('rss').describe('RSS 2.0, RSS 1.0 or Atom, from a URL (a news search, a review site) or a file.'),
    ...commonSourceFields,
    ...locationFields,
  })
  .superRefine(exactlyOneLocation);
export type RssSource = z.infer<typeof RssSourceSchema>;
