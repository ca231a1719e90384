// What one run of the alert function tells: the small summary it returns and the fields it logs
// (what fired, where each alert went or why not, what resolved). The metric line of failed
// deliveries is ../delivery-metric.ts.
import type { AlertDetection, AlertSending } from '#app/alerts';

export interface AlertRunSummary {
  /** The instant detection ran as at (ISO). */
  at: string;
  /** Alerts detection found. */
  fired: number;
  /** Deliveries that reached their destination. */
  delivered: number;
  /** Deliveries that did not: their alerts stay due, and the next run sends them. */
  failed: number;
  /** Open alerts that resolved in this run. */
  resolved: number;
}

export function runSummary(detection: AlertDetection, sending: AlertSending | undefined): AlertRunSummary {
  let delivered = 0;
  for (const outcome of sending?.outcomes ?? [])
    if (outcome.status === 'sent')
      delivered += Object.values(outcome.destinations).filter((result) => result === 'delivered').length;
  return {
    at: detection.at,
    fired: detection.alerts.length,
    delivered,
    failed: sending?.failed ?? 0,
    resolved: sending?.resolved.length ?? 0,
  };
}

/**
 * The run as the log keeps it: each alert by kind, value and idempotency key, with its numbers and
 * where it went or why not. No quotes: feed text stays in the table, where it expires.
 */
export function runLog(detection: AlertDetection, sending: AlertSending | undefined) {
  const about = (alert: AlertDetection['alerts'][number]) => ({
    kind: alert.kind,
    value: alert.value?.id ?? null,
    ...(alert.kind === 'negative-surge'
      ? { channel: alert.channel, negative: alert.negative, mentions: alert.mentions }
      : {}),
  });
  const alerts =
    sending === undefined
      ? detection.alerts.map((alert) => ({
          ...about(alert),
          status: 'not sent',
          reason: 'the profile lists no alerts.channels',
        }))
      : sending.outcomes.map(({ key, alert, ...outcome }) => ({ key, ...about(alert), ...outcome }));
  return {
    at: detection.at,
    sensitivity: detection.sensitivity,
    windowHours: detection.windowHours,
    alerts,
    resolved: sending?.resolved ?? [],
    failed: sending?.failed ?? 0,
  };
}
