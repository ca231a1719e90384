// The brand profile: what marketing declares in brand.yaml. This zod schema is the single source
// of truth for the config file: the TypeScript types, the JSON Schema editors use
// (schema/brand.schema.json) and `congruence validate` all come from it. Each connector kind's
// source schema is its own module under sources/; the profile composes them.
import { z } from 'zod';
import { AlertsSchema } from './alerts/settings';
import { ChannelSchema, email, languageCode, nonEmptyText, slug, timeZone } from './profile-fields';
import { DEFAULT_TEXT_RETENTION_DAYS, MAX_TEXT_RETENTION_DAYS, MIN_TEXT_RETENTION_DAYS } from './retention';
import { AppStoreSourceSchema } from './sources/appstore-reviews';
import { CsvSourceSchema } from './sources/csv';
import { HackerNewsSourceSchema } from './sources/hackernews';
import { JsonFeedSourceSchema } from './sources/jsonfeed';
import { MastodonSourceSchema } from './sources/mastodon';
import { RedditSourceSchema } from './sources/reddit';
import { RssSourceSchema } from './sources/rss';

// Kept importable from here: most of the code knows channels as part of the profile.
export { CHANNELS, type Channel, ChannelSchema } from './profile-fields';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const handle = z
  .string()
  .regex(/^@?[A-Za-z0-9_.]{1,64}(@[A-Za-z0-9.-]+)?$/, 'use a social handle such as "@fernhillbikes"');
const domain = z
  .string()
  .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i, 'use a bare domain such as "fernhill.example"');

const CompetitorObjectSchema = z.strictObject({
  id: slug
    .optional()
    .describe(
      'Stable identifier used in storage keys and in sources’ `about`. Defaults to the name in lower case with dashes.',
    ),
  name: nonEmptyText.describe('The competitor’s name as customers write it.'),
  aliases: z.array(nonEmptyText).default([]).describe('Other names that mean it (short forms, product lines).'),
  handles: z.array(handle).default([]).describe('Its social media handles, e.g. "@cobaltcycles".'),
  domains: z.array(domain).default([]).describe('Its web domains.'),
});
export type Competitor = z.output<typeof CompetitorObjectSchema>;

const CompetitorSchema = z
  .union([
    nonEmptyText.transform((name): Competitor => ({ name, aliases: [], handles: [], domains: [] })),
    CompetitorObjectSchema,
  ])
  .describe('A competitor: its name alone, or its name with its aliases, handles and domains.');

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
    handles: z.array(handle).default([]).describe('Social media handles of the brand, e.g. "@fernhillbikes".'),
    domains: z
      .array(domain)
      .default([])
      .describe('Web domains of the brand; a mention of one counts as a mention of the brand.'),
    competitors: z
      .array(CompetitorSchema)
      .default([])
      .describe(
        'Competitors, each by its name or with its aliases, handles and domains: measured on the brand’s own values ' +
          'from the shared news and social sources (sentence by sentence) and from the sources whose `about` names them.',
      ),
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

// Each connector kind's schema lives in sources/<kind>.ts; the profile composes them here.
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
    alerts: AlertsSchema.prefault({}),
  })
  .superRefine(
    (profile, ctx) => {
      reportDuplicates(idsOf(profile.values), ['values'], 'value id', ctx);
      reportDuplicates(idsOf(profile.sources), ['sources'], 'source id', ctx);
      checkCompetitorIds(profile, ctx);
    },
    // Run even when other keys have problems, so every problem is reported at once.
    { when: () => true },
  )
  .describe('Congruence brand profile: the brand, its declared values, where signals come from, and the digest.');

/**
 * Competitors' ids (given or derived from their names) are unique and differ from the brand's, and
 * a source's `about` names one of them.
 */
function checkCompetitorIds(
  profile: { brand?: { id?: string; name?: string; competitors?: Competitor[] }; sources?: unknown },
  ctx: z.RefinementCtx,
): void {
  const brand = profile.brand;
  if (brand?.name === undefined || !Array.isArray(brand.competitors)) return;
  const brandId = brand.id ?? brandIdOf(brand.name);
  // (with other keys invalid, a competitor may still be its raw form here)
  const ids = brand.competitors.map((competitor: unknown) =>
    typeof competitor === 'string'
      ? brandIdOf(competitor)
      : typeof (competitor as Competitor | null)?.name === 'string'
        ? competitorIdOf(competitor as Competitor)
        : undefined,
  );
  reportDuplicates(ids, ['brand', 'competitors'], 'competitor id', ctx);
  ids.forEach((id, index) => {
    if (id !== brandId) return;
    ctx.addIssue({
      code: 'custom',
      path: ['brand', 'competitors', index, 'id'],
      message: `competitor id "${id}" is the brand’s own id; give the competitor another \`id\``,
    });
  });
  if (!Array.isArray(profile.sources)) return;
  profile.sources.forEach((source: unknown, index) => {
    const about = (source as { about?: unknown } | null)?.about;
    const known = ids.filter((id): id is string => id !== undefined);
    if (typeof about !== 'string' || known.includes(about)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['sources', index, 'about'],
      message:
        known.length === 0
          ? `"${about}" is not a competitor: declare it under brand.competitors first`
          : `"${about}" is not a competitor's id; use one of ${known.map((id) => `"${id}"`).join(', ')}, or leave \`about\` out for a source about the brand`,
    });
  });
}

/** A competitor's id: the one given, or its name in lower case with dashes. */
export function competitorIdOf(competitor: Pick<Competitor, 'id' | 'name'>): string {
  return competitor.id ?? brandIdOf(competitor.name);
}

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
