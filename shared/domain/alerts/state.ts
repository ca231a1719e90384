// What the store keeps of alerts, so that they do not spam: per value, channel, kind and
// destination, the last alert sent and whether it is still open; per alert (its idempotency key), which channels it
// reached, so that two runs at once send it once and a channel that failed gets it on the next run;
// and per day, the slots of the daily cap.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChannelSchema } from '../profile-fields';

/** The last alert sent for a value, channel and kind to one destination (a channel of alerts.channels). */
export const AlertStateSchema = z.object({
  kind: z.literal('negative-surge'),
  valueId: z.string(),
  channel: ChannelSchema,
  /** The destination, as destinationName names it, e.g. "slack:CONGRUENCE_SLACK_URL". */
  destination: z.string(),
  /** Open from the alert until detection no longer fires for it. */
  open: z.boolean(),
  share: z.number(),
  negative: z.number().int(),
  windowTo: z.iso.datetime(),
  sentAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

/** One alert's sending: which of the profile's channels it reached. */
export const AlertSendSchema = z.object({
  /** The alert's idempotency key. */
  key: z.string(),
  claimedAt: z.iso.datetime(),
  /** Per channel (its kind and environment variable, e.g. "slack:CONGRUENCE_SLACK_URL"): delivered, or why not yet. */
  channels: z.record(z.string(), z.union([z.literal('delivered'), z.string()])),
});
export type AlertSend = z.infer<typeof AlertSendSchema>;

/**
 * How much worse an open alert must get before it is sent again: its negative share up by this many
 * points, or its negative count up by this factor.
 */
export const WORSENING = { sharePoints: 0.1, countFactor: 1.5 };

export function hasWorsened(
  state: Pick<AlertState, 'share' | 'negative'>,
  now: { share: number; negative: number },
): boolean {
  return now.share >= state.share + WORSENING.sharePoints || now.negative >= state.negative * WORSENING.countFactor;
}

/**
 * An alert's idempotency key: the same alert (brand, kind, value, channel and window) has the same
 * key in every run, so a receiver can drop a second delivery.
 */
export function alertKey(
  brand: string,
  alert: { kind: string; valueId: string; channel: string; window: { to: string } },
): string {
  return createHash('sha256')
    .update([brand, alert.kind, alert.valueId, alert.channel, alert.window.to].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** What posting an alert to a destination came to. */
export type DeliveryOutcome =
  | { status: 'delivered'; attempts: number; httpStatus: number }
  | { status: 'failed'; attempts: number; reason: string };
