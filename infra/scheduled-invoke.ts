// EventBridge Scheduler schedules that invoke one function: a role the scheduler assumes that may
// invoke only that function (and send failed invocations to the dead-letter queue), and one
// schedule per entry, in the brand's time zone, with a retry policy and the dead-letter queue.
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ScheduleEntry {
  /** Construct id of the schedule. */
  readonly id: string;
  readonly description: string;
  /** EventBridge Scheduler expression: rate(...) or cron(...). */
  readonly expression: string;
  /** The event the function receives. */
  readonly input: Record<string, unknown>;
}

export interface ScheduledInvokeProps {
  readonly lambdaFunction: lambda.IFunction;
  readonly schedules: readonly ScheduleEntry[];
  /** IANA time zone the expressions are read in. */
  readonly timezone: string;
  readonly deadLetterQueue: sqs.IQueue;
  /** Retries after a failed invocation before the event goes to the dead-letter queue. */
  readonly maximumRetryAttempts?: number;
  /** An event older than this is not retried any more, seconds. */
  readonly maximumEventAgeInSeconds?: number;
}

export class ScheduledInvoke extends Construct {
  readonly role: iam.Role;
  readonly schedules: scheduler.CfnSchedule[];

  constructor(scope: Construct, id: string, props: ScheduledInvokeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'SchedulerRole', {
      description: 'EventBridge Scheduler: invoke one Congruence function',
      // Confused-deputy guard: only schedules of this account may assume the role.
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.lambdaFunction.functionArn] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
    );

    this.schedules = props.schedules.map(
      (entry) =>
        new scheduler.CfnSchedule(this, entry.id, {
          description: entry.description,
          scheduleExpression: entry.expression,
          scheduleExpressionTimezone: props.timezone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: props.lambdaFunction.functionArn,
            roleArn: this.role.roleArn,
            input: JSON.stringify(entry.input),
            retryPolicy: {
              maximumRetryAttempts: props.maximumRetryAttempts ?? 3,
              maximumEventAgeInSeconds: props.maximumEventAgeInSeconds ?? 3600,
            },
            deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
          },
        }),
    );
  }
}
