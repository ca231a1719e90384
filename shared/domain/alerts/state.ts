// What the store keeps of alerts, so that they do not spam: per alert subject (a value on a channel,
// a review burst, a statement's backlash) and destination, the last alert sent and whether it is
// still open; per alert (its idempotency key), which channels it
// reached, so that two runs at once send it once and a channel that failed gets it on the next run;
// and per day, the slots of the daily cap.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChannelSchema } from '../profile-fields';

export const ALERT_KINDS = ['negative-surge', 'review-burst', 'stance-backlash'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The last alert sent for a subject of a kind to one destination (a channel of alerts.channels). */
export const AlertStateSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  /**
   * What the alert is about, the same in every run while it lasts: "<value>#<channel>" for a
   * surge or a backlash (whichever statement it follows), the anchoring review for a burst.
   */
  subject: z.string().min(1),
  /** The value it concerns; null for a review burst. */
  valueId: z.string().nullable(),
  channel: ChannelSchema,
  /** The destination, as destinationName names it, e.g. "slack:CONGRUENCE_SLACK_URL". */
  destination: z.string(),
  /** Open from the alert until detection has not found it for a whole window (alerts.windowHours). */
  open: z.boolean(),
  /** Its size when sent: negative mentions (surge, backlash) or reviews (burst). */
  count: z.number().int(),
  /** Its negative share when sent (0 for a burst). */
  share: z.number(),
  windowTo: z.iso.datetime(),
  sentAt: z.iso.datetime(),
  /** The last run that found it (sent or not): it resolves once a whole window passes without. */
  lastFiredAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  /**
   * The last delivery to this destination that failed while the alert was due (absent once one
   * arrives): sending it there later is a retry, not another alert of the day.
   */
  failedAt: z.iso.datetime().optional(),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

/** Whether the alert's last delivery to a destination failed within a window: the next sending there is a retry. */
export function isRetry(state: Pick<AlertState, 'failedAt'> | undefined, now: number, windowHours: number): boolean {
  return state?.failedAt !== undefined && now - Date.parse(state.failedAt) < windowHours * 3_600_000;
}

/** One alert's sending: which of the profile's channels it reached. */
export const AlertSendSchema = z.object({
  /** The alert's idempotency key. */
  key: z.string(),
  claimedAt: z.iso.datetime(),
  /** Per channel (its kind and environment variable, e.g. "slack:CONGRUENCE_SLACK_URL"): delivered, or why not yet. */
  channels: z.record(z.string(), z.union([z.literal('delivered'), z.string()])),
});
export type AlertSend = z.infer<typeof AlertSendSchema>;

/** What an alert's size is measured in, to tell whether it has worsened. */
export interface AlertSize {
  /** Negative mentions (surge, backlash) or reviews (burst). */
  count: number;
  /** Negative share (0 for a burst). */
  share: number;
}

/**
 * How much worse an open alert must get before it is sent again: its count multiplied by this
 * factor, or its negative share up by this many points with a larger count than when it was sent. A surge that keeps building is sent again each time it doubles, not each hour it
 * grows; a share that rises only because the window slid past the day's praise is not news.
 */
export const WORSENING = { sharePoints: 0.2, countFactor: 2 };

export function hasWorsened(state: AlertSize, now: AlertSize): boolean {
  if (now.count >= state.count * WORSENING.countFactor) return true;
  return now.share >= state.share + WORSENING.sharePoints && now.count > state.count;
}

/**
 * An alert's idempotency key: the same alert (brand, kind and subject) found in the same hour has
 * the same key in every run, so that two runs at once claim it once and a receiver can drop a
 * second delivery. Found again in a later hour (a destination that failed gets it then), it has
 * another key: a key once claimed is never sent again.
 */
export function alertKey(brand: string, alert: { kind: string; subject: string }, detectedAt: string): string {
  const hour = new Date(Math.floor(Date.parse(detectedAt) / 3_600_000) * 3_600_000).toISOString();
  return createHash('sha256')
    .update([brand, alert.kind, alert.subject, hour].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** What posting an alert to a destination came to. */
export type DeliveryOutcome =
  | { status: 'delivered'; attempts: number; httpStatus: number }
  | { status: 'failed'; attempts: number; reason: string };

/** Whether an open alert has resolved: detection has not found it for a whole window, so a surge hovering at the threshold is not sent again each time it comes back. */
export function hasResolved(lastFiredAt: number, now: number, windowHours: number): boolean {
  return now - lastFiredAt >= windowHours * 3_600_000;
}
