// The brand profile: what marketing declares in brand.yaml. This zod schema is the single source
// of truth for the config file: the TypeScript types, the JSON Schema editors use
// (schema/brand.schema.json) and `congruence validate` all come from it.
import { z } from 'zod';
import { dateFormatProblem } from './date-format';
import { DEFAULT_TEXT_RETENTION_DAYS, MAX_TEXT_RETENTION_DAYS, MIN_TEXT_RETENTION_DAYS } from './retention';
import { parseSchedule } from './schedule';

export const CHANNELS = ['news', 'review', 'social', 'stance'] as const;
export const ChannelSchema = z
  .enum(CHANNELS)
  .describe(
    'Where a signal comes from: news coverage, customer reviews, social mentions, or the brand’s own stance statements.',
  );
export type Channel = z.infer<typeof ChannelSchema>;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes, e.g. "free-repairs"');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

const languageCode = z
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

const timeZone = z
  .string()
  .refine(isSupportedTimeZone, 'unknown time zone; use an IANA name such as "Europe/Amsterdam" or "UTC"');

const httpUrl = z.string().refine((raw) => {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

const email = z.email('must be an e-mail address such as "brand-team@example.com"');

const BrandSchema = z
  .strictObject({
    id: slug
      .optional()
      .describe(
        'Stable identifier used in storage keys and file names. Defaults to the name in lower case with dashes.',
      ),
    name: nonEmptyText.describe('The brand’s name as customers write it.'),
    aliases: z
      .array(nonEmptyText)
      .default([])
      .describe('Other names that mean the brand (short forms, product lines, common misspellings).'),
    handles: z
      .array(
        z.string().regex(/^@?[A-Za-z0-9_.]{1,64}(@[A-Za-z0-9.-]+)?$/, 'use a social handle such as "@fernhillbikes"'),
      )
      .default([])
      .describe('Social media handles of the brand, e.g. "@fernhillbikes".'),
    domains: z
      .array(
        z.string().regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i, 'use a bare domain such as "fernhill.example"'),
      )
      .default([])
      .describe('Web domains of the brand; a mention of one counts as a mention of the brand.'),
    competitors: z
      .array(nonEmptyText)
      .default([])
      .describe('Competitor names, kept for context; their mentions do not count as the brand’s.'),
    language: languageCode.default('en').describe('Default language of the signals when a feed does not say.'),
  })
  .describe('Who the brand is, and how to tell that a news or social item is about it.');

const ExpectedStanceSchema = z
  .strictObject({
    minNetSentiment: z
      .number()
      .min(-1)
      .max(1)
      .optional()
      .describe('Lowest acceptable net sentiment (positive share minus negative share), from -1 to 1.'),
    minPositiveShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Lowest acceptable share of positive mentions, from 0 to 1.'),
  })
  .refine((stance) => stance.minNetSentiment !== undefined || stance.minPositiveShare !== undefined, {
    message: 'set minNetSentiment (-1..1) or minPositiveShare (0..1), or both',
  })
  .describe('What the customer experience must look like for the promise to count as delivered.');

export const ValueSchema = z
  .strictObject({
    id: slug.describe('Stable identifier of the value, e.g. "free-repairs".'),
    label: nonEmptyText.describe('Short name shown in the digest, e.g. "Free repairs for life".'),
    promise: nonEmptyText.describe('The promise marketing makes, in the words customers see.'),
    aspects: z
      .array(nonEmptyText)
      .min(1, 'list at least one word or phrase that means this value is being talked about')
      .describe(
        'Words and phrases that mean this value is being talked about; word forms match ("repair" also finds "repaired").',
      ),
    expected: ExpectedStanceSchema,
    weight: z
      .number()
      .positive('must be greater than 0')
      .max(100)
      .default(1)
      .describe('Relative importance in the Brand Alignment Index.'),
    channels: z
      .array(ChannelSchema)
      .optional()
      .describe('Channels where the promise matters most; all channels count when omitted.'),
  })
  .describe('A declared brand value and the promise that comes with it.');
export type BrandValue = z.infer<typeof ValueSchema>;

const FiltersSchema = z
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

const sourceId = slug.describe(
  'Stable identifier of the source; part of every signal id, so do not rename it lightly.',
);
const schedule = z
  .string()
  .default('every 6 hours')
  .refine((text) => parseSchedule(text) !== undefined, {
    message: 'use "hourly", "daily", "every N minutes|hours|days" (N at least 1; minutes at least 5) or "cron(...)"',
  })
  .describe('How often to fetch: "hourly", "daily", "every 6 hours", or an EventBridge "cron(...)" expression.');

/** The zone a source's dates are read in when they name none; UTC so no reading depends on the machine. */
export const DEFAULT_SOURCE_TIME_ZONE = 'UTC';

/** What every source has, whatever reads it. */
const commonSourceFields = {
  id: sourceId,
  channel: ChannelSchema,
  schedule,
  language: languageCode
    .optional()
    .describe('Language of the items when the source does not say; defaults to brand.language.'),
  filters: FiltersSchema.optional(),
  timezone: timeZone
    .default(DEFAULT_SOURCE_TIME_ZONE)
    .describe(
      'IANA time zone, e.g. "Europe/London", that the source\'s dates without a zone or offset are in; ' +
        'dates that carry one (2015-02-24T11:35:00Z, +01:00) keep it.',
    ),
};

/** Where a file-like source lives: an http(s) address or a file beside the config. */
const locationFields = {
  url: httpUrl.optional().describe('http(s) address to read. Give either url or path.'),
  path: nonEmptyText.optional().describe('File on disk, relative to this config file. Give either url or path.'),
};

function exactlyOneLocation(source: { url?: string; path?: string }, ctx: z.RefinementCtx): void {
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

const maxPages = (fallback: number, most: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(most)
    .default(fallback)
    .describe(`Pages read per fetch, newest first (1-${most}); older pages were read by earlier fetches.`);

const baseUrl = (fallback: string) =>
  httpUrl.default(fallback).describe(`Address of the API; ${fallback} unless you use a mirror or a test server.`);

const RssSourceSchema = z
  .strictObject({
    kind: z.literal('rss').describe('RSS 2.0, RSS 1.0 or Atom, from a URL (a news search, a review site) or a file.'),
    ...commonSourceFields,
    ...locationFields,
  })
  .superRefine(exactlyOneLocation);

const JsonFeedSourceSchema = z
  .strictObject({
    kind: z.literal('jsonfeed').describe('JSON Feed 1.1 (or 1.0), from a URL or a file.'),
    ...commonSourceFields,
    ...locationFields,
  })
  .superRefine(exactlyOneLocation);

const columnName = nonEmptyText.describe('Header of a column in the file.');

const CsvSourceSchema = z
  .strictObject({
    kind: z.literal('csv').describe('A CSV export (review platform, CX survey, support desk) with a header row.'),
    ...commonSourceFields,
    ...locationFields,
    columns: z
      .strictObject({
        text: columnName.describe('Column with the review, answer or message text (required).'),
        title: columnName.optional(),
        date: columnName
          .optional()
          .describe(
            'Column with the date (ISO 8601, RFC 2822, or as dateFormat says); rows without one are dated at fetch time.',
          ),
        rating: columnName.optional().describe('Column with the star rating, a number from 0 to ratingBest.'),
        url: columnName.optional(),
        author: columnName.optional(),
        id: columnName
          .optional()
          .describe('Column with the row’s own id in the exporting tool; the best identity when there is one.'),
        channel: columnName
          .optional()
          .describe(
            'Column naming each row’s channel (news, review, social or stance); rows without one use the source’s channel.',
          ),
        language: columnName.optional(),
      })
      .describe('Which column holds what; only text is required.'),
    delimiter: z.string().length(1, 'a single character such as "," or ";"').default(',').describe('Field separator.'),
    ratingBest: z.number().positive().default(5).describe('The best possible rating in the rating column.'),
    dateFormat: z
      .string()
      .superRefine((format, ctx) => {
        const problem = dateFormatProblem(format);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        'How the date column writes dates, spreadsheet style: "DD/MM/YYYY HH:mm", "M/D/YYYY h:mm A", "YYYY-MM-DD". ' +
          'Tokens: YYYY YY MMM MM M DD D HH H hh h mm ss A. Without it, ISO 8601 and RFC 2822 are read, and ' +
          'slash dates month-first unless a row shows the day comes first.',
      ),
  })
  .superRefine(exactlyOneLocation)
  .superRefine(dateFormatNeedsDateColumn);

function dateFormatNeedsDateColumn(
  source: { dateFormat?: string; columns: { date?: string } },
  ctx: z.RefinementCtx,
): void {
  if (source.dateFormat !== undefined && source.columns.date === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['dateFormat'],
      message: 'dateFormat is set but columns.date is not: name the date column in columns.date, or remove dateFormat',
    });
  }
}

const AppStoreSourceSchema = z.strictObject({
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

const RedditSourceSchema = z
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

const MastodonSourceSchema = z
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

const HackerNewsSourceSchema = z.strictObject({
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

export const SourceSchema = z
  .discriminatedUnion('kind', [
    RssSourceSchema,
    JsonFeedSourceSchema,
    CsvSourceSchema,
    AppStoreSourceSchema,
    RedditSourceSchema,
    MastodonSourceSchema,
    HackerNewsSourceSchema,
  ])
  .describe('A place signals come from; `kind` says which connector reads it.');

export const SOURCE_KINDS = ['rss', 'jsonfeed', 'csv', 'appstore-reviews', 'reddit', 'mastodon', 'hackernews'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Source = z.infer<typeof SourceSchema>;
export type SourceOfKind<K extends SourceKind> = Extract<Source, { kind: K }>;

/** The file a source reads, when it reads one (rss, jsonfeed and csv sources may). */
export function sourcePath(source: Source): string | undefined {
  return 'path' in source ? source.path : undefined;
}

const DigestSchema = z
  .strictObject({
    recipients: z.array(email).min(1, 'list at least one recipient').max(50, 'at most 50 recipients per message'),
    sender: email.describe('From address; in AWS it must be an SES-verified identity.'),
    weekday: z.enum(WEEKDAYS).default('monday').describe('Day the weekly digest is sent.'),
    hour: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(8)
      .describe('Hour of the day (0-23) the digest is sent, in the time zone.'),
    timezone: timeZone
      .default('UTC')
      .describe('IANA time zone for the send time and for ISO weeks, e.g. "Europe/London".'),
    subject: nonEmptyText
      .default('Alignment {index} ({change}): {headline}')
      .describe('Subject template; placeholders: {brand}, {week}, {index}, {change}, {headline}.'),
  })
  .describe('Who gets the weekly digest, and when.');

const ThresholdsSchema = z
  .strictObject({
    minMentions: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('Mentions of a value needed in a week before any flag is raised on it.'),
    confidence: z
      .number()
      .gt(0.5)
      .lt(1)
      .default(0.9)
      .describe('Confidence level of the intervals around delivered sentiment, e.g. 0.9 or 0.95.'),
    divergence: z
      .number()
      .gt(0)
      .max(2)
      .default(0.2)
      .describe('Smallest gap in net sentiment (on the -1..1 scale) that counts as a divergence.'),
  })
  .describe('How much evidence a flag needs.');

const RetentionSchema = z
  .strictObject({
    signalTextDays: z
      .number()
      .int()
      .min(
        MIN_TEXT_RETENTION_DAYS,
        `keep text at least ${MIN_TEXT_RETENTION_DAYS} days: the digest compares 12 weeks of history`,
      )
      .max(MAX_TEXT_RETENTION_DAYS)
      .default(DEFAULT_TEXT_RETENTION_DAYS)
      .describe(
        'Days the text of a signal (title, body, author) and the quotes taken from it are kept after it was fetched; ' +
          'then they are deleted (DynamoDB TTL in AWS). Weekly snapshots are kept.',
      ),
  })
  .describe('How long personal and third-party text is kept.');

const PrivacySchema = z
  .strictObject({
    redact: z
      .boolean()
      .default(true)
      .describe(
        'Remove personal data before anything is stored: e-mail addresses, phone numbers and user handles in the text ' +
          'become placeholders, author names become stable pseudonyms. The brand’s own handles are kept.',
      ),
  })
  .describe('What is done to personal data in signals before they are stored.');

const NetworkSchema = z
  .strictObject({
    allowHosts: z
      .array(nonEmptyText)
      .default([])
      .describe(
        'Hosts that sources may reach although they resolve to a loopback, private or link-local address, ' +
          'e.g. an intranet export server. Everything else on such addresses is refused.',
      ),
  })
  .describe('Where sources may connect.');

export const ProfileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema; editors use it.'),
    brand: BrandSchema,
    values: z
      .array(ValueSchema)
      .min(1, 'declare at least one brand value')
      .describe('The values the brand declares, each with the promise marketing makes about it.'),
    sources: z
      .array(SourceSchema)
      .min(1, 'declare at least one source')
      .describe('Where signals come from: news searches, review sites, social feeds, the brand’s newsroom.'),
    digest: DigestSchema,
    thresholds: ThresholdsSchema.prefault({}),
    retention: RetentionSchema.prefault({}),
    privacy: PrivacySchema.prefault({}),
    network: NetworkSchema.prefault({}),
  })
  .superRefine(
    (profile, ctx) => {
      reportDuplicates(idsOf(profile.values), ['values'], 'value id', ctx);
      reportDuplicates(idsOf(profile.sources), ['sources'], 'source id', ctx);
    },
    // Run even when other keys have problems, so every problem is reported at once.
    { when: () => true },
  )
  .describe('Congruence brand profile: the brand, its declared values, where signals come from, and the digest.');

/** The string ids of a list that may not have passed validation yet. */
function idsOf(list: unknown): Array<string | undefined> {
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown) =>
    entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
      ? (entry as { id: string }).id
      : undefined,
  );
}

function reportDuplicates(
  ids: Array<string | undefined>,
  listPath: string[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [...listPath, index, 'id'],
      message: `duplicate ${what} "${id}" (first used at ${listPath.join('.')}[${first}]); ids must be unique`,
    });
  });
}

export type ProfileInput = z.input<typeof ProfileSchema>;
type ParsedProfile = z.infer<typeof ProfileSchema>;
export type Profile = ParsedProfile & { brand: ParsedProfile['brand'] & { id: string } };

export function brandIdOf(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return id.length > 0 ? id : 'brand';
}

/** Fills in what the schema cannot default on its own (the brand id derived from its name). */
export function completeProfile(parsed: ParsedProfile): Profile {
  return { ...parsed, brand: { ...parsed.brand, id: parsed.brand.id ?? brandIdOf(parsed.brand.name) } };
}
