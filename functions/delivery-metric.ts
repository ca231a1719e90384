// The CloudWatch metric of deliveries that failed, which the stack's alarm watches (infra/alerts.ts):
// alerts the alert function could not deliver, and digest summaries the digest function could not
// post to Slack or Teams.
import { ALERT_DELIVERY_METRIC } from '#adapters/lambda/contract';

/**
 * One CloudWatch embedded-metric-format line: the brand's failed deliveries in this run, 0
 * included, so the alarm sees every run. Written to stdout as it is (not through the console, which
 * the Lambda runtime wraps in its own JSON), CloudWatch Logs turns it into the metric.
 */
export function deliveryMetricLine(brandId: string, failed: number, timestamp: number): string {
  const { namespace, name, dimension } = ALERT_DELIVERY_METRIC;
  const metric = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        { Namespace: namespace, Dimensions: [[dimension]], Metrics: [{ Name: name, Unit: 'Count' }] },
      ],
    },
    [dimension]: brandId,
    [name]: failed,
  };
  return `${JSON.stringify(metric)}\n`;
}
