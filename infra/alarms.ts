// Alarms: anything in a dead-letter queue, any function error or throttle, and any count above 0 of
// the metrics the functions publish (failed alert deliveries) go to one SNS topic; an e-mail address
// given at deploy time is subscribed to it.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Dead-letter queues by a readable name, e.g. "scoring". */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  /** Functions by a readable name, e.g. "ingest". */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /**
   * Metrics of our own by alarm id, e.g. "alert-DeliveriesFailed": any datapoint above 0 raises the
   * alarm. The metric brings its period and statistic. Each is published by every run, 0 included,
   * so a period without a datapoint is a run not made yet: the alarm keeps its state until the next
   * run says otherwise, instead of clearing in between.
   * @default - none
   */
  readonly counts?: Readonly<Record<string, { readonly metric: cloudwatch.IMetric; readonly description: string }>>;
  /**
   * Subscribed to the alarm topic (the address confirms the subscription by e-mail).
   * @default - no subscription: the topic's alarms are seen in the CloudWatch console only
   */
  readonly email?: string;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // Alarm notifications carry alarm names and states only; the topic uses SNS's default
    // encryption at rest and refuses non-TLS publishers (docs/deploy.md, "Alarms").
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Congruence alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    const period = Duration.minutes(5);

    const add = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      description: string,
      treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
    ) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      add(
        `${name}-DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        `Messages are waiting in the ${name} dead-letter queue (docs/deploy.md: dead-letter queues).`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      add(
        `${name}-Errors`,
        fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        `The ${name} function failed.`,
      );
      add(
        `${name}-Throttles`,
        fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
        `The ${name} function was throttled.`,
      );
    }
    for (const [alarmId, { metric, description }] of Object.entries(props.counts ?? {}))
      add(alarmId, metric, description, cloudwatch.TreatMissingData.IGNORE);
  }
}
