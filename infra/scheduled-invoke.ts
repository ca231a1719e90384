// EventBridge Scheduler schedules that invoke one function: one L2 `Schedule` per entry, in the
// brand's time zone, each with the `LambdaInvoke` target, its retry policy and the dead-letter
// queue (which, with the function's asynchronous-invocation failure destination, also receives
// runs that failed in the function). The target makes the role the scheduler assumes, one per
// function and shared by its schedules: it may invoke only that function and send failed invocations to the dead-letter queue,
// and only this account's default schedule group may assume it (aws:SourceAccount and
// aws:SourceArn, the confused-deputy guard).
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ConstructValidationError } from './errors';

/** Retries after a failed invocation, unless the props say otherwise. */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** Lambda's own retries of an invocation that fails in the function (its default, stated). */
export const FUNCTION_RETRY_ATTEMPTS = 2;
/** How long a failed invocation is retried, unless the props say otherwise. */
export const DEFAULT_MAX_EVENT_AGE = Duration.hours(1);

export interface ScheduleEntry {
  /** Construct id of the schedule. */
  readonly id: string;
  /** What the schedule is for, shown in the EventBridge Scheduler console. */
  readonly description: string;
  /** EventBridge Scheduler expression: rate(...) or cron(...). */
  readonly expression: string;
  /** The event the function receives. */
  readonly input: Record<string, unknown>;
}

export interface ScheduledInvokeProps {
  /** The function every schedule invokes. */
  readonly lambdaFunction: lambda.IFunction;
  /** At least one. */
  readonly schedules: readonly ScheduleEntry[];
  /** IANA time zone the expressions are read in. */
  readonly timezone: string;
  /** Where an invocation goes when it still fails after the retries. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * Retries after a failed invocation before the event goes to the dead-letter queue.
   * @default DEFAULT_RETRY_ATTEMPTS (3)
   */
  readonly retryAttempts?: number;
  /**
   * An event older than this is not retried any more, but sent to the dead-letter queue.
   * @default DEFAULT_MAX_EVENT_AGE (1 hour)
   */
  readonly maxEventAge?: Duration;
}

export class ScheduledInvoke extends Construct {
  readonly schedules: scheduler.Schedule[];
  /** The role the scheduler assumes to invoke the function; the target made it (see the header). */
  readonly role: iam.IRole;

  constructor(scope: Construct, id: string, props: ScheduledInvokeProps) {
    super(scope, id);
    const timeZone = TimeZone.of(props.timezone);
    const roles = new Set<iam.IRole>();
    this.schedules = props.schedules.map(
      (entry) =>
        new scheduler.Schedule(this, entry.id, {
          description: entry.description,
          schedule: scheduler.ScheduleExpression.expression(entry.expression, timeZone),
          timeWindow: scheduler.TimeWindow.off(),
          enabled: true,
          // One target per schedule, since the input is the target's; they share the role the
          // first one made for this function.
          target: notingRole(
            new LambdaInvoke(props.lambdaFunction, {
              input: scheduler.ScheduleTargetInput.fromObject(entry.input),
              deadLetterQueue: props.deadLetterQueue,
              retryAttempts: props.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS,
              maxEventAge: props.maxEventAge ?? DEFAULT_MAX_EVENT_AGE,
            }),
            (role) => roles.add(role),
          ),
        }),
    );
    // Schedules of one function share the role its first target made (LambdaInvoke's way); no role
    // means no schedule, and nothing was built.
    const [role] = roles;
    if (!role) {
      throw new ConstructValidationError(
        `no schedule given for ${props.lambdaFunction.node.path}; pass at least one`,
        this,
      );
    }
    this.role = role;

    // The scheduler invokes the function asynchronously: its dead-letter queue holds only the
    // invocations it could not deliver. One delivered that then fails in the function is Lambda's
    // to retry; sent to the same queue once those retries fail, a failed run is kept and alarmed
    // either way (docs/deploy.md, "Dead-letter queues").
    props.lambdaFunction.configureAsyncInvoke({
      onFailure: new SqsDestination(props.deadLetterQueue),
      retryAttempts: FUNCTION_RETRY_ATTEMPTS,
    });

    const functionId = Stack.of(this).getLogicalId(props.lambdaFunction.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'The LambdaInvoke scheduler target grants lambda:InvokeFunction on the function and its versions (ARN:*), as grantInvoke does; it is that one function only.',
    });
  }
}

/**
 * The target as it is, telling `onRole` which role it made when a schedule binds it: the L2 keeps
 * the role to itself, and ScheduledInvoke needs it for the role's cdk-nag acknowledgement.
 */
function notingRole(target: scheduler.IScheduleTarget, onRole: (role: iam.IRole) => void): scheduler.IScheduleTarget {
  return {
    bind(schedule) {
      const config = target.bind(schedule);
      onRole(config.role);
      return config;
    },
  };
}
