// The Congruence stack: one brand profile deployed as a table, its profile sync, scheduled
// ingestion, queued scoring, the weekly digest, the hourly alerts and the alarms watching them.
// Environment-agnostic: nothing is looked up at synth time.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Profile } from '#domain/profile';
import { Alarms } from './alarms';
import { Alerts } from './alerts';
import { Digest } from './digest';
import { Ingestion } from './ingestion';
import { ProfileSync } from './profile-sync';
import { secureQueue } from './queue';
import { Scoring } from './scoring';
import { Store } from './store';
import { acknowledgeSchedulerDeadLetterQueue } from './nag';

export interface CongruenceStackProps extends StackProps {
  readonly profile: Profile;
  /** Folder of the config file; `path` sources are relative to it. */
  readonly configDir: string;
  /**
   * Subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * What happens to the table when the stack is deleted; tests and throwaway stacks may pass DESTROY.
   * @default RemovalPolicy.RETAIN
   */
  readonly tableRemovalPolicy?: RemovalPolicy;
}

export class CongruenceStack extends Stack {
  readonly store: Store;
  readonly profileSync: ProfileSync;
  readonly scoring: Scoring;
  readonly ingestion: Ingestion;
  readonly digest: Digest;
  readonly alerts: Alerts;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: CongruenceStackProps) {
    super(scope, id, props);
    const { profile } = props;

    this.store = new Store(this, 'Store', { removalPolicy: props.tableRemovalPolicy ?? RemovalPolicy.RETAIN });
    this.profileSync = new ProfileSync(this, 'ProfileSync', { profile, store: this.store });

    // Invocations the scheduler could not deliver after its retries, for every scheduled function.
    const schedulerDeadLetterQueue = secureQueue(this, 'SchedulerDeadLetterQueue');
    acknowledgeSchedulerDeadLetterQueue(schedulerDeadLetterQueue);

    this.scoring = new Scoring(this, 'Scoring', { brandId: profile.brand.id, store: this.store });
    this.ingestion = new Ingestion(this, 'Ingestion', {
      profile,
      configDir: props.configDir,
      store: this.store,
      scoringQueue: this.scoring.queue,
      schedulerDeadLetterQueue,
    });
    this.alerts = new Alerts(this, 'Alerts', { profile, store: this.store, schedulerDeadLetterQueue });
    this.digest = new Digest(this, 'Digest', {
      profile,
      store: this.store,
      schedulerDeadLetterQueue,
      ...(this.alerts.destinationsSecret ? { destinationsSecret: this.alerts.destinationsSecret } : {}),
    });

    // No schedule fires before the deployed profile is in the table.
    for (const schedules of [this.ingestion.schedules, this.digest.schedule, this.alerts.schedule])
      schedules.node.addDependency(this.profileSync.resource);

    this.alarms = new Alarms(this, 'Alarms', {
      deadLetterQueues: { scoring: this.scoring.deadLetterQueue, scheduler: schedulerDeadLetterQueue },
      functions: {
        ingest: this.ingestion.lambdaFunction,
        score: this.scoring.lambdaFunction,
        digest: this.digest.lambdaFunction,
        alert: this.alerts.lambdaFunction,
        'profile-sync': this.profileSync.lambdaFunction,
      },
      counts: {
        'alert-DeliveriesFailed': {
          metric: this.alerts.deliveryFailures,
          description:
            'An alert, or the weekly digest’s summary, could not be delivered to one of alerts.channels; an alert is tried again the next hour (docs/deploy.md: Alerts).',
        },
      },
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });

    // What docs/deploy.md's operations section refers to.
    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('TableName', this.store.table.tableName, 'The Congruence table (retained on cdk destroy)');
    for (const [name, part] of [
      ['Ingest', this.ingestion],
      ['Score', this.scoring],
      ['Digest', this.digest],
      ['Alert', this.alerts],
      ['ProfileSync', this.profileSync],
    ] as const) {
      output(`${name}FunctionName`, part.lambdaFunction.functionName, `The ${name} function`);
      output(`${name}LogGroupName`, part.lambdaFunction.logGroup.logGroupName, `Logs of the ${name} function`);
    }
    output('ScoringQueueUrl', this.scoring.queue.queueUrl, 'Signals waiting to be scored');
    output(
      'ScoringDeadLetterQueueArn',
      this.scoring.deadLetterQueue.queueArn,
      'Scoring messages that failed five times',
    );
    output(
      'ScoringDeadLetterQueueUrl',
      this.scoring.deadLetterQueue.queueUrl,
      'Scoring messages that failed five times',
    );
    output(
      'SchedulerDeadLetterQueueUrl',
      schedulerDeadLetterQueue.queueUrl,
      'Scheduled invocations that could not be delivered',
    );
    if (this.alerts.destinationsSecret)
      output(
        'AlertDestinationsSecretArn',
        this.alerts.destinationsSecret.secretArn,
        "The alert channels' addresses and webhook secrets (docs/deploy.md: Alerts)",
      );
    output('AlarmTopicArn', this.alarms.topic.topicArn, 'Alarm notifications');
  }
}
