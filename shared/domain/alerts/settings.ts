// The `alerts` section of brand.yaml: how sensitive detection is, how many hours it looks at, how
// many alerts a day at most, and where they are sent (docs/alerts.md). Webhook addresses and
// secrets are never written in the file: a channel names the environment variables that hold them.
import { z } from 'zod';
import { email } from '../profile-fields';

export const SENSITIVITIES = ['fewer', 'balanced', 'more'] as const;

const environmentVariable = z
  .string()
  .regex(
    /^[A-Z_][A-Z0-9_]{0,127}$/,
    'name an environment variable (capitals, digits and underscores, e.g. CONGRUENCE_ALERT_WEBHOOK): the address itself stays out of the file',
  );

const SlackChannelSchema = z
  .strictObject({
    kind: z.literal('slack'),
    urlEnv: environmentVariable.describe('Environment variable holding the Slack incoming-webhook URL.'),
  })
  .describe('A Slack channel, through an incoming webhook: a Block Kit message.');

const TeamsChannelSchema = z
  .strictObject({
    kind: z.literal('teams'),
    urlEnv: environmentVariable.describe('Environment variable holding the Microsoft Teams workflow webhook URL.'),
  })
  .describe('A Microsoft Teams channel, through a workflow webhook: an Adaptive Card.');

const WebhookChannelSchema = z
  .strictObject({
    kind: z.literal('webhook'),
    urlEnv: environmentVariable.describe('Environment variable holding the receiver’s https URL.'),
    secretEnv: environmentVariable.describe(
      'Environment variable holding the shared secret each body is signed with (HMAC-SHA256, header X-Congruence-Signature).',
    ),
  })
  .describe('Any receiver: the alert as JSON (docs/alerts.md gives the schema), signed.');

const EmailChannelSchema = z
  .strictObject({
    kind: z.literal('email'),
    to: z
      .array(email)
      .min(1, 'list at least one recipient, or leave `to` out to use digest.recipients')
      .max(50, 'at most 50 recipients per message')
      .optional()
      .describe('Recipients; digest.recipients when left out. Sent from digest.sender through SES.'),
  })
  .describe('E-mail through Amazon SES, from digest.sender: recipients need no login anywhere.');

export const AlertChannelSchema = z
  .discriminatedUnion('kind', [SlackChannelSchema, TeamsChannelSchema, WebhookChannelSchema, EmailChannelSchema])
  .describe('Where alerts go: kind slack, teams, webhook or email.');
export type AlertChannel = z.infer<typeof AlertChannelSchema>;

export const AlertsSchema = z
  .strictObject({
    sensitivity: z
      .enum(SENSITIVITIES)
      .default('balanced')
      .describe('fewer, balanced or more alerts: how large a surge must be (docs/alerts.md gives the thresholds).'),
    windowHours: z
      .number()
      .int()
      .min(1, 'look at 1 hour at least')
      .max(168, 'look at 168 hours (a week) at most: longer is the weekly digest’s job')
      .default(24)
      .describe(
        'The hours detection looks at, ending with the last whole hour, compared with the same hours of the 4 weeks before.',
      ),
    dailyCap: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe('Alerts sent a day at most (a day in digest.timezone); one over it waits for the weekly digest.'),
    resolvedNotice: z
      .boolean()
      .default(false)
      .describe(
        'Also send a short notice when a surge alert resolves (detection has not found it for a whole window).',
      ),
    digestSummary: z
      .boolean()
      .default(false)
      .describe(
        'Also post a short summary of each weekly digest (headline, index, first findings) to the slack and teams channels when the digest is sent.',
      ),
    digestLink: z
      .url({ protocol: /^https$/, error: 'give an https address, e.g. https://intranet.example/brand/digests' })
      .optional()
      .describe('Where the team reads the digests (an archive page, a shared folder): the digest summary links to it.'),
    channels: z
      .array(AlertChannelSchema)
      .max(10, 'at most 10 alert channels')
      .default([])
      .describe('Where alerts are sent (slack, teams, webhook, email); none: `congruence alert` prints them only.'),
  })
  .describe(
    'Alerts between digests, found the same day: a surge in negative mentions of a value, a review burst, backlash after a brand statement.',
  );
export type AlertSettings = z.infer<typeof AlertsSchema>;

/** The channels a digest summary goes to (alerts.digestSummary): the Slack and Teams ones of alerts.channels. */
export function digestSummaryChannels(profile: {
  alerts: AlertSettings;
}): Array<Extract<AlertChannel, { kind: 'slack' | 'teams' }>> {
  if (!profile.alerts.digestSummary) return [];
  return profile.alerts.channels.filter(
    (channel): channel is Extract<AlertChannel, { kind: 'slack' | 'teams' }> =>
      channel.kind === 'slack' || channel.kind === 'teams',
  );
}
