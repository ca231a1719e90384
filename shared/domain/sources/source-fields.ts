// What every source declares whatever connector reads it (id, channel, schedule, language,
// filters, time zone), and the pieces several connectors share: a file-or-URL location, a page
// limit, an API base address. Each connector's own schema (the files beside this one) adds its fields.
import { z } from 'zod';
import { parseSchedule } from '../schedule';
import { ChannelSchema, httpUrl, languageCode, nonEmptyText, slug, timeZone } from '../profile-fields';

export const FiltersSchema = z
  .strictObject({
    include: z
      .array(nonEmptyText)
      .optional()
      .describe('Keep only items whose title or text contains at least one of these words or phrases.'),
    exclude: z
      .array(nonEmptyText)
      .optional()
      .describe('Drop items whose title or text contains any of these words or phrases.'),
    maxAgeDays: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Drop items published more than this many days before the fetch.'),
  })
  .describe('Optional filters applied to every item of the source before it is stored.');

export const sourceId = slug.describe(
  'Stable identifier of the source; part of every signal id, so do not rename it lightly.',
);
export const schedule = z
  .string()
  .default('every 6 hours')
  .refine((text) => parseSchedule(text) !== undefined, {
    message: 'use "hourly", "daily", "every N minutes|hours|days" (N at least 1; minutes at least 5) or "cron(...)"',
  })
  .describe('How often to fetch: "hourly", "daily", "every 6 hours", or an EventBridge "cron(...)" expression.');

/** The zone a source's dates are read in when they name none; UTC so no reading depends on the machine. */
export const DEFAULT_SOURCE_TIME_ZONE = 'UTC';

/** What every source has, whatever reads it. */
export const commonSourceFields = {
  id: sourceId,
  channel: ChannelSchema,
  schedule,
  language: languageCode
    .optional()
    .describe('Language of the items when the source does not say; defaults to brand.language.'),
  about: slug
    .optional()
    .describe(
      'The id of the competitor this source is about (its reviews, its newsroom); leave out for a source about the brand ' +
        'or shared by all (a news search, social listening), whose items are split by whom each sentence names.',
    ),
  filters: FiltersSchema.optional(),
  timezone: timeZone
    .default(DEFAULT_SOURCE_TIME_ZONE)
    .describe(
      'IANA time zone, e.g. "Europe/London", that the source\'s dates without a zone or offset are in; ' +
        'dates that carry one (2015-02-24T11:35:00Z, +01:00) keep it.',
    ),
};

/** Where a file-like source lives: an http(s) address or a file beside the config. */
export const locationFields = {
  url: httpUrl.optional().describe('http(s) address to read. Give either url or path.'),
  path: nonEmptyText.optional().describe('File on disk, relative to this config file. Give either url or path.'),
};

export function exactlyOneLocation(source: { url?: string; path?: string }, ctx: z.RefinementCtx): void {
  const given = [source.url, source.path].filter((location) => location !== undefined).length;
  if (given !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: given === 0 ? [] : ['path'],
      message:
        given === 0
          ? 'give the source’s location as url (http/https) or path (a file relative to this config)'
          : 'give either url or path, not both',
    });
  }
}

export const maxPages = (fallback: number, most: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(most)
    .default(fallback)
    .describe(`Pages read per fetch, newest first (1-${most}); older pages were read by earlier fetches.`);

export const baseUrl = (fallback: string) =>
  httpUrl.default(fallback).describe(`Address of the API; ${fallback} unless you use a mirror or a test server.`);
