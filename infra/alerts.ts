// Alerts between digests: the alert function, invoked at a quarter past every hour in
// digest.timezone; the Secrets Manager secret holding the channels' addresses, made only when a
// channel needs one and readable by that function alone; mail as the digest's sender, only with an
// e-mail channel; and the metric of failed deliveries that the alarms watch.
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALERT_DELIVERY_METRIC } from '#adapters/lambda/contract';
import type { Profile } from '#domain/profile';
import { CongruenceFunction } from './lambda';
import { ScheduledInvoke } from './scheduled-invoke';
import { allowSendingAs } from './ses';
import { ALERT_FUNCTION } from './sizing';
import type { Store } from './store';

/**
 * Every hour at minute 15: detection counts whole hours, and the quarter hour gives what was
 * ingested in the hour just ended time to be scored into its rollups.
 */
export const HOURLY_ALERTS_EXPRESSION = 'cron(15 * * * ? *)';

/** The names the channels give their addresses and webhook secrets (urlEnv, secretEnv), each once. */
export function destinationSecretKeys(channels: Profile['alerts']['channels']): string[] {
  const names = channels.flatMap((channel) => {
    if (channel.kind === 'email') return [];
    if (channel.kind === 'webhook') return [channel.urlEnv, channel.secretEnv];
    return [channel.urlEnv];
  });
  return [...new Set(names)];
}

export interface AlertsProps {
  readonly profile: Profile;
  readonly store: Store;
  readonly schedulerDeadLetterQueue: sqs.IQueue;
}

export class Alerts extends Construct {
  readonly lambdaFunction: NodejsFunction;
  readonly schedule: ScheduledInvoke;
  /** The channels' addresses by name; undefined when no channel needs one (e-mail only, or none). */
  readonly destinationsSecret?: secretsmanager.Secret;
  /** Deliveries that failed in each hour, summed; the function publishes it every run. */
  readonly deliveryFailures: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    const { profile } = props;
    const channels = profile.alerts.channels;
    const keys = destinationSecretKeys(channels);
    if (keys.length > 0) {
      this.destinationsSecret = new secretsmanager.Secret(this, 'Destinations', {
        description: `Congruence: the alert destinations of ${profile.brand.name} (${keys.join(', ')}); docs/deploy.md, "Alerts"`,
        // An empty object, the same whatever the channels: CloudFormation writes a secret's value
        // again only when its template value changes, so a deploy that adds or renames a channel
        // keeps the addresses the operator put in (put-secret-value; they never pass through the
        // repository or the template). A name missing from it is reported as "not set" with the
        // fix; the names are in the description.
        secretObjectValue: {},
      });
      Validations.of(this.destinationsSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'It holds webhook addresses issued by Slack, Teams or the receiver and a secret shared with the receiver; a rotation Lambda cannot issue new ones, so they are replaced by hand (docs/deploy.md, "Alerts").',
      });
    }

    const fn = new CongruenceFunction(this, 'Alert', {
      name: 'alert',
      description: `Congruence: hourly alerts between digests for ${profile.brand.name}`,
      // sizing.ts says why
      memorySize: ALERT_FUNCTION.memoryMb,
      timeout: Duration.seconds(ALERT_FUNCTION.timeoutSeconds),
      environment: {
        TABLE_NAME: props.store.table.tableName,
        BRAND_ID: profile.brand.id,
        ...(this.destinationsSecret ? { ALERT_DESTINATIONS_SECRET_ARN: this.destinationsSecret.secretArn } : {}),
      },
    });
    this.lambdaFunction = fn.lambdaFunction;
    // Reads rollups, signals and the alert state; writes the alert state, sendings and daily slots.
    props.store.grantReadAndPut(this.lambdaFunction);
    if (this.destinationsSecret)
      // GetSecretValue alone (grantRead would add DescribeSecret), on this one secret
      this.lambdaFunction.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.destinationsSecret.secretArn],
        }),
      );
    if (channels.some((channel) => channel.kind === 'email'))
      allowSendingAs(this.lambdaFunction, profile.digest.sender);

    this.schedule = new ScheduledInvoke(this, 'Schedule', {
      lambdaFunction: this.lambdaFunction,
      timezone: profile.digest.timezone,
      deadLetterQueue: props.schedulerDeadLetterQueue,
      // An invocation not delivered within 45 minutes gives way to the next hour's, which covers its hours.
      maxEventAge: Duration.minutes(45),
      schedules: [
        {
          id: 'Hourly',
          description: `Congruence: alerts between digests, every hour at :15 ${profile.digest.timezone}`,
          expression: HOURLY_ALERTS_EXPRESSION,
          input: {},
        },
      ],
    });

    this.deliveryFailures = new cloudwatch.Metric({
      namespace: ALERT_DELIVERY_METRIC.namespace,
      metricName: ALERT_DELIVERY_METRIC.name,
      dimensionsMap: { [ALERT_DELIVERY_METRIC.dimension]: profile.brand.id },
      statistic: cloudwatch.Stats.SUM,
      // one run an hour, so one datapoint a period: the alarm follows the runs, raised by a run
      // with failures and cleared by the next one without
      period: Duration.hours(1),
    });
  }
}
