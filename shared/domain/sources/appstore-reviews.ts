// The `appstore-reviews` source: customer reviews of one app in one App Store storefront.
import { z } from 'zod';
import { baseUrl, commonSourceFields, maxPages } from './source-fields';

export const AppStoreSourceSchema = z.strictObject({
  kind: z.literal('appstore-reviews').describe('Customer reviews of an app in Apple’s App Store (public JSON feed).'),
  ...commonSourceFields,
  appId: z
    .union([z.number().int().positive(), z.string().regex(/^\d{5,12}$/, 'the digits after "id" in the App Store link')])
    .describe('The app’s id: the digits after "id" in its App Store link, e.g. 1234567890.'),
  country: z
    .string()
    .regex(/^[a-z]{2}$/, 'a two-letter country code in lower case, e.g. "gb"')
    .default('us')
    .describe('The storefront, as a two-letter country code in lower case.'),
  maxPages: maxPages(10, 10),
  baseUrl: baseUrl('https://itunes.apple.com'),
});
export type AppStoreSource = z.infer<typeof AppStoreSourceSchema>;
