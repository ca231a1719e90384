// The generic webhook's body as a schema: what a receiver may rely on, published as JSON Schema
// (schema/alert-payload.schema.json, written by `npm run schema`; docs/alerts.md shows examples).
// Objects are strict, so a field added to an alert without adding it here fails the tests that
// check every kind's payload against this schema.
import { z } from 'zod';
import { ReviewBurstSchema } from '#domain/alignment/review-bursts';
import { ALERT_KINDS } from '#domain/alerts/state';
import { ChannelSchema } from '#domain/profile-fields';
import { ALERT_PAYLOAD_VERSION } from './messages';

const instant = z.iso.datetime();
const IntervalSchema = z.strictObject({ low: z.number(), high: z.number() });
const EstimateSchema = z.strictObject({ value: z.number(), interval: IntervalSchema });
const WindowSchema = z.strictObject({ from: instant, to: instant, hours: z.number().int().min(1) });
const ValueSchema = z.strictObject({ id: z.string(), label: z.string(), promise: z.string() });

const QuoteSchema = z
  .strictObject({
    signalId: z.string(),
    quote: z.string().describe('Untrusted: the words of a post, a review or an article.'),
    title: z.string().describe('Untrusted.'),
    sourceId: z.string(),
    publishedAt: instant,
    url: z.string().nullable().describe('Untrusted: the post’s own address, when it has one.'),
  })
  .describe('A post that shows the alert, with its link.');

/** What every alert says besides its numbers. */
const words = {
  topPhrases: z
    .array(
      z.strictObject({
        phrase: z.string().describe('Untrusted: customers’ words.'),
        posts: z.number().int().min(1),
      }),
    )
    .max(5)
    .describe('The phrases the posts share, most posts first; empty for a review burst.'),
  subject: z.string().describe('What the alert is about, the same in every run while it lasts.'),
  quotes: z.array(QuoteSchema).max(3),
  checkFirst: z.string().describe('Where to look first, in a sentence.'),
};

const SurgeSchema = z
  .strictObject({
    kind: z.literal('negative-surge'),
    valueId: z.string(),
    channel: ChannelSchema,
    window: WindowSchema,
    mentions: z.number().int(),
    negative: z.number().int(),
    share: z.number(),
    shareInterval: IntervalSchema,
    baseline: z.strictObject({
      basis: z.enum(['same-hours', 'hours-before']),
      weeks: z.number().int(),
      wanted: z.number().int(),
      windows: z.number(),
      mentions: z.number().int(),
      negative: z.number().int(),
      share: z.number().nullable(),
      negativePerWindow: z.number(),
    }),
    shareRise: EstimateSchema,
    countRatio: z.number(),
    pValue: z.number(),
    value: ValueSchema,
    ...words,
  })
  .describe('Negative mentions of a value surged on a channel, against the same hours of earlier weeks.');

const SocialTallySchema = {
  mentions: z.number().int(),
  positive: z.number().int(),
  negative: z.number().int(),
  net: EstimateSchema,
};

const BacklashSchema = z
  .strictObject({
    kind: z.literal('stance-backlash'),
    valueId: z.string(),
    channel: z.literal('social'),
    statement: z.strictObject({
      signalId: z.string(),
      sourceId: z.string(),
      publishedAt: instant,
      title: z.string(),
      excerpts: z.array(z.string()),
    }),
    window: WindowSchema,
    after: z.strictObject(SocialTallySchema),
    before: z.strictObject({ ...SocialTallySchema, hours: z.number().int() }),
    drop: EstimateSchema,
    value: ValueSchema,
    ...words,
  })
  .describe('Social mentions of a value turned against it after one of the brand’s statements.');

const BurstSchema = z
  .strictObject({
    kind: z.literal('review-burst'),
    channel: z.literal('review'),
    burst: ReviewBurstSchema,
    window: WindowSchema,
    value: z.null(),
    ...words,
  })
  .describe('Near-identical top-rated reviews posted close together.');

const ResolvedSchema = z
  .strictObject({
    kind: z.literal('resolved'),
    of: z.strictObject({
      kind: z.enum(ALERT_KINDS),
      subject: z.string(),
      value: ValueSchema.nullable(),
      channel: ChannelSchema,
    }),
    sentAt: instant,
    lastFiredAt: instant,
    resolvedAt: instant,
    windowHours: z.number().int(),
    subject: z.string(),
  })
  .describe('An alert sent before has not been found for a whole window (alerts.resolvedNotice).');

export const AlertPayloadSchema = z
  .strictObject({
    version: z.literal(ALERT_PAYLOAD_VERSION).describe('Check it before reading the rest.'),
    id: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .describe('The idempotency key, also sent as the Idempotency-Key header: drop a second delivery of the same id.'),
    brand: z.string(),
    detectedAt: instant,
    headline: z.string(),
    summary: z.string(),
    alert: z.discriminatedUnion('kind', [SurgeSchema, BacklashSchema, BurstSchema, ResolvedSchema]),
  })
  .describe(
    'The body Congruence posts to a webhook channel, signed with X-Congruence-Signature: sha256=<hex HMAC-SHA256 of the body with the shared secret>.',
  );

export function alertPayloadJsonSchemaText(): string {
  const generated = z.toJSONSchema(AlertPayloadSchema, { target: 'draft-7', unrepresentable: 'any' });
  return `${JSON.stringify({ ...generated, title: 'Congruence alert webhook payload (congruence.alert.v1)' }, null, 2)}\n`;
}
