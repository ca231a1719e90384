// Sending alerts without spam (docs/alerts.md, "No spam"): no repeat of an open alert unless it
// worsens, one send for two runs at once, a daily cap; a destination that fails keeps its alert
// due; open alerts that are not found for a whole window resolve, with an optional notice.
import type { AlertRepository } from '#domain/ports';
import {
  type AlertState,
  alertKey,
  type DeliveryOutcome,
  hasResolved,
  hasWorsened,
  isRetry,
} from '#domain/alerts/state';
import type { AlertChannel } from '#domain/alerts/settings';
import type { Profile } from '#domain/profile';
import type { Alert, AlertDetection, AlertMessage, ResolvedNotice } from './detect';
import { sizeOf, valueIdOf } from './detect';

/** Posts one alert, or a resolved notice, to one destination (adapters/alerts/sender.ts). */
export type AlertSender = (destination: AlertChannel, message: AlertMessage, key: string) => Promise<DeliveryOutcome>;

export interface SendDeps {
  store: AlertRepository;
  send: AlertSender;
  now: Date;
}

/** Per destination (destinationName): "delivered", or why not. */
export type DestinationOutcomes = Record<string, string>;

export type AlertOutcome =
  | {
      key: string;
      alert: Alert;
      status: 'sent';
      /** Per destination: "delivered", or why not (it gets the alert on the next run). */
      destinations: Record<string, string>;
    }
  | { key: string; alert: Alert; status: 'not sent'; reason: string };

export interface AlertSending {
  outcomes: AlertOutcome[];
  /** Alerts open before that detection has not found for a whole window, with the notices sent of them. */
  resolved: Array<{ notice: ResolvedNotice; destinations: Record<string, string> }>;
  /** Destinations that could not be reached (their alerts are sent on the next run). */
  failed: number;
}

/** A destination's name in the alert state: its kind and the environment variable of its address (e-mail: its recipients). */
export function destinationName(destination: AlertChannel): string {
  if (destination.kind === 'email') return `email:${destination.to?.join(',') ?? 'digest.recipients'}`;
  return `${destination.kind}:${destination.urlEnv}`;
}

const stateKey = (alert: Pick<AlertState, 'kind' | 'subject'>, destination: string) =>
  `${alert.kind}\u0000${alert.subject}\u0000${destination}`;

/**
 * Sends each alert detected to the profile's alerts.channels, unless it spams: an alert already
 * sent to a destination for the same kind and subject, and still open, is sent there again only
 * once it has worsened (domain/alerts/state.ts); two runs at once send an alert once; at most
 * alerts.dailyCap a day. A destination that fails keeps its alert due: the next run sends it.
 * Open alerts that detection has not found for a whole window are marked resolved, and with
 * alerts.resolvedNotice a surge's destinations are told so.
 */
export async function sendAlerts(detection: AlertDetection, profile: Profile, deps: SendDeps): Promise<AlertSending> {
  const destinations = profile.alerts.channels.map((channel) => ({ channel, name: destinationName(channel) }));
  const states = new Map((await deps.store.alertStates()).map((state) => [stateKey(state, state.destination), state]));
  const sending: AlertSending = { outcomes: [], resolved: [], failed: 0 };
  const day = dayIn(deps.now, profile.digest.timezone);
  const firing = new Set<string>();
  const now = deps.now.toISOString();

  for (const alert of detection.alerts) {
    const key = alertKey(detection.brand, alert, detection.at);
    const size = sizeOf(alert);
    for (const { name } of destinations) firing.add(stateKey(alert, name));
    const due = destinations.filter(({ name }) => {
      const state = states.get(stateKey(alert, name));
      return !(state?.open && !hasWorsened(state, size));
    });
    // found again: an open alert stays open a window longer
    for (const { name } of destinations) {
      const state = states.get(stateKey(alert, name));
      if (state?.open && !due.some((each) => each.name === name))
        await deps.store.putAlertState({ ...state, lastFiredAt: now });
    }
    if (due.length === 0) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'sent before, and not worse since' });
      continue;
    }
    if (!(await deps.store.claimAlertSend({ key, claimedAt: now, channels: {} }))) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'another run is sending it' });
      continue;
    }
    // sending it to a destination that failed it before is not another alert of the day
    const retry = due.some(({ name }) =>
      isRetry(states.get(stateKey(alert, name)), deps.now.getTime(), detection.windowHours),
    );
    if (!retry && !(await deps.store.takeDailySlot(day, profile.alerts.dailyCap, key))) {
      sending.outcomes.push({
        key,
        alert,
        status: 'not sent',
        reason: `today's ${profile.alerts.dailyCap} alerts (alerts.dailyCap) are sent: it waits for the weekly digest`,
      });
      continue;
    }
    const results: Record<string, string> = {};
    for (const { channel, name } of due) {
      const outcome = await deps.send(channel, alert, key);
      results[name] = outcome.status === 'delivered' ? 'delivered' : outcome.reason;
      if (outcome.status !== 'delivered') {
        sending.failed++;
        // still due there; an alert open there before stays open with what it said then
        const before = states.get(stateKey(alert, name));
        await deps.store.putAlertState(
          before === undefined
            ? { ...stateOf(alert, name, now), open: false, failedAt: now }
            : { ...before, failedAt: now },
        );
        continue;
      }
      await deps.store.putAlertState(stateOf(alert, name, now));
    }
    await deps.store.putAlertSend({ key, claimedAt: now, channels: results });
    sending.outcomes.push({ key, alert, status: 'sent', destinations: results });
  }

  const resolved = new Map<string, { notice: ResolvedNotice; destinations: Record<string, string> }>();
  for (const state of states.values()) {
    if (!state.open || firing.has(stateKey(state, state.destination))) continue;
    if (!hasResolved(Date.parse(state.lastFiredAt), deps.now.getTime(), detection.windowHours)) continue;
    await deps.store.putAlertState({ ...state, open: false, resolvedAt: now });
    const subject = `${state.kind}\u0000${state.subject}`;
    let entry = resolved.get(subject);
    if (entry === undefined) {
      entry = { notice: resolvedNotice(state, profile, detection.windowHours, now), destinations: {} };
      resolved.set(subject, entry);
    }
    // a surge's end is news to whoever was told it began; a burst or a backlash just ends
    const destination = destinations.find(({ name }) => name === state.destination);
    if (!profile.alerts.resolvedNotice || state.kind !== 'negative-surge' || destination === undefined) continue;
    const outcome = await deps.send(
      destination.channel,
      entry.notice,
      alertKey(detection.brand, entry.notice, detection.at),
    );
    entry.destinations[destination.name] = outcome.status === 'delivered' ? 'delivered' : outcome.reason;
    // a notice that does not arrive is not sent again: the next alert says more than a late "resolved"
  }
  sending.resolved = [...resolved.values()];
  return sending;
}

/** The state of an alert just sent to a destination: open, with its size then. */
function stateOf(alert: Alert, destination: string, now: string): AlertState {
  return {
    kind: alert.kind,
    subject: alert.subject,
    valueId: valueIdOf(alert),
    channel: alert.channel,
    destination,
    open: true,
    ...sizeOf(alert),
    windowTo: alert.window.to,
    sentAt: now,
    lastFiredAt: now,
  };
}

function resolvedNotice(state: AlertState, profile: Profile, windowHours: number, now: string): ResolvedNotice {
  const value = profile.values.find((each) => each.id === state.valueId);
  return {
    kind: 'resolved',
    of: {
      kind: state.kind,
      subject: state.subject,
      value: value === undefined ? null : { id: value.id, label: value.label, promise: value.promise },
      channel: state.channel,
    },
    sentAt: state.sentAt,
    lastFiredAt: state.lastFiredAt,
    resolvedAt: now,
    windowHours,
    subject: `resolved#${state.subject}`,
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: the daily cap's day. */
export function dayIn(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
