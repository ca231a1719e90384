// The synthesized Congruence stack for the Fernhill example: what gets deployed, and that cdk-nag's
// AwsSolutions checks find nothing unacknowledged. Its permissions are in permissions.test.ts.
import type { App } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourcePath, type Profile } from '#domain/profile';
import { weeklyDigestExpression } from '#infra/digest';
import type { CongruenceStack } from '#infra/stack';
import { synthesizeFernhillStack, type TemplateReader } from './fernhill-stack';

let app: App;
let stack: CongruenceStack;
let template: Template;
let read: TemplateReader;
let profile: Profile;
let assemblyDir: string;

beforeAll(() => {
  ({ app, stack, template, read, profile, assemblyDir } = synthesizeFernhillStack());
}, 180_000);

describe('the table', () => {
  it('is on-demand, with point-in-time recovery, AWS-managed encryption, the TTL attribute and both indexes', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
        Match.objectLike({
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ],
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the scoring queue', () => {
  it('hides a message for six times the score timeout and parks it in the dead-letter queue after five receives', () => {
    const scoreTimeout = read.propertiesOf(stack.scoring.lambdaFunction).Timeout as number;
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: scoreTimeout * 6,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [read.logicalId(stack.scoring.deadLetterQueue), 'Arn'] },
        maxReceiveCount: 5,
      },
      SqsManagedSseEnabled: true,
    });
  });

  it('every queue is SQS-encrypted and refuses requests without TLS', () => {
    for (const [, queue] of read.resources('AWS::SQS::Queue'))
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    const policies = read.resources('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(3);
    for (const [, policy] of policies) {
      expect(policy.Properties!.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds the score function ten records at a time with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: read.logicalId(stack.scoring.lambdaFunction) },
      EventSourceArn: { 'Fn::GetAtt': [read.logicalId(stack.scoring.queue), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('the functions', () => {
  const tableRef = () => ({ Ref: read.logicalId(stack.store.table) });

  it('run on Node.js 24 on ARM with a log group kept one month', () => {
    const fns = [stack.ingestion, stack.scoring, stack.digest, stack.alerts, stack.profileSync].map(
      (part) => part.lambdaFunction,
    );
    for (const fn of fns) {
      expect(read.propertiesOf(fn)).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: read.logicalId(fn.logGroup) } },
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('get the environment their handlers validate', () => {
    expect(read.propertiesOf(stack.ingestion.lambdaFunction).Environment.Variables).toEqual({
      TABLE_NAME: tableRef(),
      BRAND_ID: 'fernhill-bikes',
      QUEUE_URL: { Ref: read.logicalId(stack.scoring.queue) },
      SOURCE_FILES_DIR: '/var/task/source-files',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(read.propertiesOf(stack.scoring.lambdaFunction).Environment.Variables).toEqual({
      TABLE_NAME: tableRef(),
      BRAND_ID: 'fernhill-bikes',
      WORD_VECTORS_DIR: '/var/task/word-vectors',
      WORD_SENSES_DIR: '/var/task/word-senses',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(read.propertiesOf(stack.digest.lambdaFunction).Environment.Variables).toEqual({
      TABLE_NAME: tableRef(),
      BRAND_ID: 'fernhill-bikes',
      NODE_OPTIONS: '--enable-source-maps',
    });
    // the example lists no alert channels: no secret to name
    expect(read.propertiesOf(stack.alerts.lambdaFunction).Environment.Variables).toEqual({
      TABLE_NAME: tableRef(),
      BRAND_ID: 'fernhill-bikes',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(read.propertiesOf(stack.profileSync.lambdaFunction).Environment.Variables).toEqual({
      TABLE_NAME: tableRef(),
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('bundles the score function with the word vectors and senses where its environment says they are', () => {
    const code = read.propertiesOf(stack.scoring.lambdaFunction).Code as { S3Key: string };
    const assetDir = join(assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    for (const [folder, file] of [
      ['word-vectors', 'model.json'],
      ['word-vectors', 'words.txt'],
      ['word-vectors', 'vectors.bin'],
      ['word-senses', 'model.json'],
      ['word-senses', 'senses.txt'],
      ['word-senses', 'LICENSE'],
    ] as const) {
      // Buffer.equals: a deep comparison of 6 MB byte by byte would take the test's whole time
      expect(
        readFileSync(join(assetDir, folder, file)).equals(readFileSync(join('models', folder, file))),
        `${folder}/${file}`,
      ).toBe(true);
    }
  });

  it('bundles the ingest function with every path source under source-files/, keeping its relative path', () => {
    const code = read.propertiesOf(stack.ingestion.lambdaFunction).Code as { S3Key: string };
    const assetDir = join(assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
    for (const source of profile.sources) {
      const path = sourcePath(source);
      if (path === undefined) continue;
      const bundled = join(assetDir, 'source-files', path);
      expect(readFileSync(bundled, 'utf8')).toBe(readFileSync(join('examples/fernhill', path), 'utf8'));
    }
  });
});

describe('the schedules', () => {
  const schedules = () => read.resources('AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties!);

  it('invoke ingest once per source, at its schedule, in the digest time zone', () => {
    const ingestArn = { 'Fn::GetAtt': [read.logicalId(stack.ingestion.lambdaFunction), 'Arn'] };
    const ingest = schedules().filter((schedule) => JSON.stringify(schedule.Target.Arn) === JSON.stringify(ingestArn));
    const bySource = Object.fromEntries(
      ingest.map((schedule) => [JSON.parse(schedule.Target.Input).sourceId, schedule]),
    );
    expect(Object.keys(bySource).sort()).toEqual(profile.sources.map((source) => source.id).sort());
    expect(bySource['news-search']?.ScheduleExpression).toBe('rate(6 hours)');
    expect(bySource['shop-reviews']?.ScheduleExpression).toBe('rate(1 day)');
    expect(bySource['social-mentions']?.ScheduleExpression).toBe('rate(1 hour)');
    // a competitor's own source is read on its own schedule, like the brand's
    expect(profile.sources.find((source) => source.id === 'cobalt-reviews')?.about).toBe('cobalt-cycles');
    expect(bySource['cobalt-reviews']?.ScheduleExpression).toBe('rate(1 day)');
    expect(ingest).toHaveLength(profile.sources.length);
    for (const source of profile.sources) {
      expect(bySource[source.id]).toMatchObject({
        Description: `Congruence: ingest source ${source.id} (${source.schedule})`,
        ScheduleExpressionTimezone: 'Europe/London',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          RoleArn: { 'Fn::GetAtt': [read.logicalId(stack.ingestion.schedules.role), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [read.logicalId(stack.node.findChild('SchedulerDeadLetterQueue')), 'Arn'] },
          },
        },
      });
    }
  });

  it('send the digest weekly at the profile weekday and hour, in its time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Description: 'Congruence: weekly digest, monday 8:00 Europe/London',
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [read.logicalId(stack.digest.lambdaFunction), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [read.logicalId(stack.digest.schedule.role), 'Arn'] },
        Input: '{}',
        // A digest more than 6 hours late is not retried any more.
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [read.logicalId(stack.node.findChild('SchedulerDeadLetterQueue')), 'Arn'] },
        },
      },
    });
    expect(weeklyDigestExpression({ weekday: 'sunday', hour: 23 })).toBe('cron(0 23 ? * SUN *)');
  });

  it('search the digest function for review bursts daily, so the weekly digest reads them as found', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: {
        Arn: { 'Fn::GetAtt': [read.logicalId(stack.digest.lambdaFunction), 'Arn'] },
        Input: '{"searchReviewBursts":true}',
      },
    });
    // one per source, the weekly digest, the daily search and the hourly alerts
    expect(schedules()).toHaveLength(profile.sources.length + 3);
  });

  it('wait for the profile sync, so no function runs before the profile is in the table', () => {
    const profileId = read.logicalId(stack.profileSync.resource);
    for (const [, schedule] of Object.entries(template.findResources('AWS::Scheduler::Schedule'))) {
      expect(schedule.DependsOn).toContain(profileId);
    }
  });
});

describe('the profile custom resource', () => {
  it('carries the validated profile as JSON and its hash', () => {
    const [, resource] = read.resources('Custom::CongruenceProfile')[0]!;
    const properties = resource.Properties!;
    expect(JSON.parse(properties.Profile)).toEqual(profile);
    expect(properties.ProfileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(properties.ServiceToken['Fn::GetAtt'][0]).toMatch(/ProviderframeworkonEvent/);
  });
});

describe('the alarms', () => {
  const topicRef = () => ({ Ref: read.logicalId(stack.alarms.topic) });

  it('fire on any message in either dead-letter queue', () => {
    for (const queue of [stack.scoring.deadLetterQueue, stack.node.findChild('SchedulerDeadLetterQueue')]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [read.logicalId(queue), 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef()],
      });
    }
  });

  it('fire on any error or throttle of each function', () => {
    for (const part of [stack.ingestion, stack.scoring, stack.digest, stack.alerts, stack.profileSync]) {
      for (const metric of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metric,
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: read.logicalId(part.lambdaFunction) } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [topicRef()],
        });
      }
    }
    // and the alert function's failed deliveries (alerts.test.ts)
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2 + 5 * 2 + 1);
  });

  it('go to a TLS-only topic with the e-mail subscription from the context', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@fernhillbikes.example',
      TopicArn: topicRef(),
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map((violation) => `${violation.ruleName}: ${violation.description}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leaves no AwsSolutions error or warning annotation on the stack', () => {
    const rule = Match.stringLikeRegexp('AwsSolutions-.*');
    expect(Annotations.fromStack(stack).findError('*', rule)).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', rule)).toEqual([]);
  });
});
