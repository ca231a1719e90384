// Digest: the weekly digest function, scheduled at the profile's weekday and hour in its time
// zone, allowed to send mail only as the profile's sender identity.
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { digestSummaryChannels } from '#domain/alerts/settings';
import type { Profile } from '#domain/profile';
import { CongruenceFunction } from './lambda';
import { ScheduledInvoke } from './scheduled-invoke';
import { allowSendingAs } from './ses';
import type { Store } from './store';
import { DIGEST_FUNCTION } from './sizing';

/** EventBridge Scheduler's cron day-of-week names. */
const SCHEDULER_DAYS = {
  monday: 'MON',
  tuesday: 'TUE',
  wednesday: 'WED',
  thursday: 'THU',
  friday: 'FRI',
  saturday: 'SAT',
  sunday: 'SUN',
} as const;

/** `cron(0 8 ? * MON *)`: minute 0 of the hour, every week on the weekday. */
export function weeklyDigestExpression(digest: Pick<Profile['digest'], 'weekday' | 'hour'>): string {
  return `cron(0 ${digest.hour} ? * ${SCHEDULER_DAYS[digest.weekday]} *)`;
}

/** Every day at 3:30, in the digest's time zone: a quiet hour, and never the digest's own (hours are whole). */
export const DAILY_REVIEW_BURSTS_EXPRESSION = 'cron(30 3 * * ? *)';

export interface DigestProps {
  readonly profile: Profile;
  readonly store: Store;
  readonly schedulerDeadLetterQueue: sqs.IQueue;
  /**
   * The alerts' secret of channel addresses (infra/alerts.ts): read to post the digest's summary to
   * Slack and Teams when the profile asks for it (alerts.digestSummary).
   * @default - no summary is posted
   */
  readonly destinationsSecret?: secretsmanager.ISecret;
}

export class Digest extends Construct {
  readonly lambdaFunction: NodejsFunction;
  readonly schedule: ScheduledInvoke;

  constructor(scope: Construct, id: string, props: DigestProps) {
    super(scope, id);
    const { profile } = props;
    // the secret only when a summary goes to Slack or Teams
    const summarySecret = digestSummaryChannels(profile).length > 0 ? props.destinationsSecret : undefined;
    this.lambdaFunction = new CongruenceFunction(this, 'Digest', {
      name: 'digest',
      description: `Congruence: the weekly alignment digest of ${profile.brand.name}`,
      // sized from the digest-scale benchmark (sizing.ts)
      memorySize: DIGEST_FUNCTION.memoryMb,
      timeout: Duration.seconds(DIGEST_FUNCTION.timeoutSeconds),
      environment: {
        TABLE_NAME: props.store.table.tableName,
        BRAND_ID: profile.brand.id,
        ...(summarySecret ? { ALERT_DESTINATIONS_SECRET_ARN: summarySecret.secretArn } : {}),
      },
    }).lambdaFunction;
    // Reads the week's scores, writes the snapshot and the sent marker.
    props.store.grantReadWrite(this.lambdaFunction);

    allowSendingAs(this.lambdaFunction, profile.digest.sender);
    if (summarySecret)
      // GetSecretValue alone, on this one secret, as the alert function
      this.lambdaFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [summarySecret.secretArn] }),
      );

    this.schedule = new ScheduledInvoke(this, 'Schedule', {
      lambdaFunction: this.lambdaFunction,
      timezone: profile.digest.timezone,
      deadLetterQueue: props.schedulerDeadLetterQueue,
      // A digest more than 6 hours late is better sent by hand than in the middle of the night.
      maxEventAge: Duration.hours(6),
      schedules: [
        {
          id: 'Weekly',
          description: `Congruence: weekly digest, ${profile.digest.weekday} ${profile.digest.hour}:00 ${profile.digest.timezone}`,
          expression: weeklyDigestExpression(profile.digest),
          input: {},
        },
        {
          // the weekly digest then reads the review bursts as found, not a week of reviews one by one
          id: 'DailyReviewBursts',
          description: `Congruence: daily search for review bursts, 3:30 ${profile.digest.timezone}`,
          expression: DAILY_REVIEW_BURSTS_EXPRESSION,
          input: { searchReviewBursts: true },
        },
      ],
    });
  }
}
