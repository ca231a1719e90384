// Where the alert function (and the digest function, for its Slack and Teams summary) finds the
// channels' addresses: the Secrets Manager secret the stack
// creates when a channel needs one (Slack, Teams, a webhook), a JSON object of strings keyed by the
// names the channels give (urlEnv, secretEnv). It is read only once something is to be sent, and a
// value read is kept a few minutes for the next invocations of a warm container. Nothing here throws:
// a secret that cannot be read, or that lacks a key, becomes each destination's failed delivery with
// the fix (adapters/alerts/sender.ts), so the alert stays due and the next run sends it.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import type { AlertContext } from '#adapters/alerts/messages';
import { alertSender, type SenderOptions } from '#adapters/alerts/sender';
import type { AlertSender } from '#app/alerts';
import type { Profile } from '#domain/profile';

/** The secret's value: addresses and webhook secrets by name. */
export const DestinationsSchema = z.record(z.string(), z.string());

/** How long a value read serves the next invocations of a warm container: an operator's re-runs, not the next hour's. */
export const SECRET_CACHE_MS = 5 * 60_000;

/** What the sender needs of the secret: the values by name, and where to set a missing one. */
export type Destinations = Pick<SenderOptions, 'addresses' | 'whereSet'>;

/** The secret's values, or what is wrong with it and how to fix it for one name. */
type SecretRead = { values: Record<string, string> } | { problem: string; fix: (name: string) => string };

const DEPLOY_FIX = 'check that it exists and that the alert function may read it (a deploy of the stack restores both)';

/**
 * Reads the secret named `secretId` (its ARN, from the stack), or, when the stack made none (no
 * channel needed an address), gives no values and says so. A value read is reused for `cacheMs`;
 * a failed read is not, so a fixed secret is read on the next run.
 */
export function destinationsReader(
  client: SecretsManagerClient,
  secretId: string | undefined,
  options: { cacheMs?: number; now?: () => number } = {},
): () => Promise<Destinations> {
  const { cacheMs = SECRET_CACHE_MS, now = Date.now } = options;
  let cached: { values: Record<string, string>; readAt: number } | undefined;
  return async () => {
    if (secretId === undefined)
      return {
        addresses: {},
        whereSet: (_name, what) =>
          `the stack made no alert destinations secret; deploy it with this profile, and put ${what} in the secret it creates`,
      };
    if (cached === undefined || now() - cached.readAt >= cacheMs) {
      const read = await readSecret(client, secretId);
      if (!('values' in read))
        return {
          addresses: {},
          whereSet: (name) => `the secret ${secretId} could not be read for it (${read.problem}); ${read.fix(name)}`,
        };
      cached = { values: read.values, readAt: now() };
    }
    return {
      addresses: cached.values,
      whereSet: (name, what) => `put ${what} in the secret ${secretId} under "${name}" (docs/deploy.md, "Alerts")`,
    };
  };
}

/** Reads the secret; what is wrong with it never quotes its text, which holds the addresses. */
async function readSecret(client: SecretsManagerClient, secretId: string): Promise<SecretRead> {
  const overwrite = (name: string) =>
    `overwrite it with a JSON object of strings holding "${name}": aws secretsmanager put-secret-value --secret-id ${secretId} --secret-string '{"${name}": "…"}' (docs/deploy.md, "Alerts")`;
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const { name, message } = error as Error;
    return { problem: `${name}: ${message}`, fix: () => `${DEPLOY_FIX}; the next run reads it again` };
  }
  if (text === undefined) return { problem: 'it holds binary data, not text', fix: overwrite };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, so it stays out of the logs
    return { problem: 'it is not JSON', fix: overwrite };
  }
  const parsed = DestinationsSchema.safeParse(json);
  if (!parsed.success) {
    const notText =
      json !== null && typeof json === 'object' && !Array.isArray(json)
        ? Object.entries(json)
            .filter(([, value]) => typeof value !== 'string')
            .map(([key]) => key)
        : [];
    const problem =
      notText.length > 0
        ? `not a string under ${notText.map((key) => `"${key}"`).join(', ')}`
        : 'it is not a JSON object';
    return { problem, fix: overwrite };
  }
  return { values: parsed.data };
}

/**
 * The alert sender of the stack: alertSender with the secret's values, network.allowHosts as the
 * only hosts allowed on private addresses (no loopback: that is local mode's), and the container's
 * SES client. The secret is read on the first send of the run, so a run that sends nothing reads
 * nothing.
 */
export function secretAlertSender(
  profile: Profile,
  context: AlertContext,
  deps: { readDestinations: () => Promise<Destinations>; ses: SESv2Client },
): AlertSender {
  let sender: Promise<AlertSender> | undefined;
  return async (destination, message, key) => {
    sender ??= deps.readDestinations().then((destinations) =>
      alertSender(profile, context, {
        ...destinations,
        allowHosts: profile.network.allowHosts,
        ses: () => deps.ses,
      }),
    );
    return (await sender)(destination, message, key);
  };
}
