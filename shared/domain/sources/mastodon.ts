// The `mastodon` source: public posts of one hashtag or one account on a Mastodon instance.
import { z } from 'zod';
import { httpUrl } from '../profile-fields';
import { commonSourceFields, maxPages } from './source-fields';

export const MastodonSourceSchema = z
  .strictObject({
    kind: z.literal('mastodon').describe('Public posts from a Mastodon instance: a hashtag or an account’s timeline.'),
    ...commonSourceFields,
    instance: httpUrl.describe('The instance’s address, e.g. https://mastodon.social.'),
    hashtag: z
      .string()
      .regex(/^[\p{L}\p{N}_]+$/u, 'the tag without "#", letters, digits and underscores')
      .optional()
      .describe('Hashtag without "#".'),
    account: z
      .string()
      .regex(/^@?[A-Za-z0-9_]+(@[A-Za-z0-9.-]+)?$/, 'a handle such as "fernhill" or "fernhill@mastodon.social"')
      .optional()
      .describe('Account handle, e.g. "fernhill" (on the instance) or "fernhill@other.example".'),
    maxPages: maxPages(3, 10),
  })
  .superRefine((source, ctx) => {
    const given = [source.hashtag, source.account].filter((each) => each !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: given === 0 ? [] : ['account'],
        message: given === 0 ? 'give a hashtag or an account' : 'give either hashtag or account, not both',
      });
    }
  });
export type MastodonSource = z.infer<typeof MastodonSourceSchema>;
