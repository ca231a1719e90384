// The `hackernews` source: Hacker News stories and comments matching a search.
import { z } from 'zod';
import { nonEmptyText } from '../profile-fields';
import { baseUrl, commonSourceFields, maxPages } from './source-fields';

export const HackerNewsSourceSchema = z.strictObject({
  kind: z
    .literal('hackernews')
    .describe('Hacker News stories and comments that match a search (Algolia HN search API).'),
  ...commonSourceFields,
  query: nonEmptyText.describe('Search words, e.g. "Fernhill Bikes".'),
  tags: z
    .array(z.enum(['story', 'comment']))
    .min(1)
    .default(['story', 'comment'])
    .describe('What to search: stories, comments or both.'),
  maxPages: maxPages(3, 10),
  baseUrl: baseUrl('https://hn.algolia.com'),
});
export type HackerNewsSource = z.infer<typeof HackerNewsSourceSchema>;
