// The `reddit` source: Reddit posts from a search, a subreddit, or a search within one.
import { z } from 'zod';
import { nonEmptyText } from '../profile-fields';
import { baseUrl, commonSourceFields, maxPages } from './source-fields';

export const RedditSourceSchema = z
  .strictObject({
    kind: z.literal('reddit').describe('Reddit posts: a search across Reddit or within one subreddit (public JSON).'),
    ...commonSourceFields,
    query: nonEmptyText.optional().describe('Search words, e.g. "Fernhill Bikes"; with subreddit, searches within it.'),
    subreddit: z
      .string()
      .regex(/^[A-Za-z0-9_]{2,21}$/, 'the name after /r/, without it, e.g. "bicycling"')
      .optional()
      .describe('Subreddit name without /r/; its newest posts when no query is given.'),
    maxPages: maxPages(3, 10),
    baseUrl: baseUrl('https://www.reddit.com'),
  })
  .superRefine((source, ctx) => {
    if (source.query === undefined && source.subreddit === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give a query, a subreddit, or both' });
    }
  });
export type RedditSource = z.infer<typeof RedditSourceSchema>;
