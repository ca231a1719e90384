// Field schemas the brand profile and its source schemas share: ids, text, language codes, time
// zones, addresses and channels, each with the message a user can act on when it does not fit.
import { z } from 'zod';

export const CHANNELS = ['news', 'review', 'social', 'stance'] as const;
export const ChannelSchema = z
  .enum(CHANNELS)
  .describe(
    'Where a signal comes from: news coverage, customer reviews, social mentions, or the brand’s own stance statements.',
  );
export type Channel = z.infer<typeof ChannelSchema>;

export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes, e.g. "free-repairs"');

export const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const languageCode = z
  .string()
  .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'use an ISO 639-1 language code such as "en" or "pt-BR"');

export function isSupportedTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .refine(isSupportedTimeZone, 'unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"');

export const httpUrl = z.string().refine((raw) => {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

export const email = z.email('must be an e-mail address such as "brand-team@example.com"');
