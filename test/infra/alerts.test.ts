// The stack's alerts for the Fernhill example with alert channels added: the hourly schedule, the
// secret of the channels' addresses and who may read it, mail only with an e-mail channel, the alarm
// on failed deliveries, and cdk-nag's AwsSolutions checks. The functions are not bundled (the
// context skips it): what is checked here is the template.
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import type { Profile } from '#domain/profile';
import { destinationSecretKeys } from '#infra/alerts';
import { CongruenceStack } from '#infra/stack';
import { actionsOf, TemplateReader } from './fernhill-stack';

type Channels = Profile['alerts']['channels'];

const EVERY_KIND: Channels = [
  { kind: 'slack', urlEnv: 'CONGRUENCE_SLACK_WEBHOOK' },
  { kind: 'teams', urlEnv: 'CONGRUENCE_TEAMS_WEBHOOK' },
  { kind: 'webhook', urlEnv: 'CONGRUENCE_ALERT_WEBHOOK', secretEnv: 'CONGRUENCE_ALERT_SECRET' },
  { kind: 'email', to: ['ops@fernhillbikes.example'] },
];

function synthesize(channels: Channels, digestSummary = false) {
  const loaded = loadProfile('examples/fernhill/brand.yaml');
  const profile: Profile = { ...loaded.profile, alerts: { ...loaded.profile.alerts, channels, digestSummary } };
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new CongruenceStack(app, 'Congruence-alerts-test', { profile, configDir: loaded.baseDir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  return { app, stack, template, read: new TemplateReader(stack, template) };
}

const withEveryKind = synthesize(EVERY_KIND);
const emailOnly = synthesize([{ kind: 'email' }]);
const withoutChannels = synthesize([]);
const withDigestSummary = synthesize(EVERY_KIND, true);

describe('the alert function', () => {
  const { stack, template, read } = withEveryKind;

  it('runs at a quarter past every hour in the digest time zone, once the profile is in the table', () => {
    const [schedule, ...others] = read
      .resources('AWS::Scheduler::Schedule')
      .filter(([, each]) =>
        JSON.stringify(each.Properties!.Target.Arn).includes(read.logicalId(stack.alerts.lambdaFunction)),
      );
    expect(others).toEqual([]);
    expect(schedule?.[1].Properties).toEqual({
      Description: 'Congruence: alerts between digests, every hour at :15 Europe/London',
      ScheduleExpression: 'cron(15 * * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [read.logicalId(stack.alerts.lambdaFunction), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [read.logicalId(stack.alerts.schedule.role), 'Arn'] },
        Input: '{}',
        // an invocation not delivered within 45 minutes gives way to the next hour's
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 45 * 60 },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [read.logicalId(stack.node.findChild('SchedulerDeadLetterQueue')), 'Arn'] },
        },
      },
    });
    expect(schedule?.[1].DependsOn).toContain(read.logicalId(stack.profileSync.resource));
  });

  it('has 512 MB and 5 minutes, and the table, the brand and the secret’s ARN in its environment', () => {
    expect(read.propertiesOf(stack.alerts.lambdaFunction)).toMatchObject({
      MemorySize: 512,
      Timeout: 300,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: read.logicalId(stack.store.table) },
          BRAND_ID: 'fernhill-bikes',
          ALERT_DESTINATIONS_SECRET_ARN: { Ref: read.logicalId(stack.alerts.destinationsSecret!) },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('may read the table and put items in it (one by one, or a day’s review bursts in a batch), and nothing else of it', () => {
    const tableArn = { 'Fn::GetAtt': [read.logicalId(stack.store.table), 'Arn'] };
    const dynamo = read
      .policyStatementsOfRole(read.logicalId(stack.alerts.lambdaFunction.role!))
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect(actionsOf(dynamo[0]!).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    expect([dynamo[0]!.Resource].flat()).toContainEqual(tableArn);
  });

  it('is named in the stack outputs with its log group and its secret', () => {
    template.hasOutput('AlertFunctionName', { Value: { Ref: read.logicalId(stack.alerts.lambdaFunction) } });
    template.hasOutput('AlertLogGroupName', { Value: { Ref: read.logicalId(stack.alerts.lambdaFunction.logGroup) } });
    template.hasOutput('AlertDestinationsSecretArn', {
      Value: { Ref: read.logicalId(stack.alerts.destinationsSecret!) },
    });
  });
});

describe('the alert destinations secret', () => {
  it('is made once, empty whatever the channels (a deploy that changes them keeps the addresses put in), naming them in its description', () => {
    const { template } = withEveryKind;
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const [, secret] = withEveryKind.read.resources('AWS::SecretsManager::Secret')[0]!;
    expect(secret.Properties!.SecretString).toBe('{}');
    const [, renamedSecret] = synthesize([{ kind: 'slack', urlEnv: 'ANOTHER_NAME' }]).read.resources(
      'AWS::SecretsManager::Secret',
    )[0]!;
    expect(renamedSecret.Properties!.SecretString).toBe('{}');
    expect(secret.Properties!.Description).toContain(
      'CONGRUENCE_SLACK_WEBHOOK, CONGRUENCE_TEAMS_WEBHOOK, CONGRUENCE_ALERT_WEBHOOK, CONGRUENCE_ALERT_SECRET',
    );
  });

  it('may be read by the alert function alone, with GetSecretValue alone, on that secret alone', () => {
    const { stack, read } = withEveryKind;
    const secrets = read
      .statements()
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
    const expected = {
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: { Ref: read.logicalId(stack.alerts.destinationsSecret!) },
    };
    expect(secrets).toEqual([expected]);
    expect(read.policyStatementsOfRole(read.logicalId(stack.alerts.lambdaFunction.role!))).toContainEqual(expected);
  });

  it('may also be read by the digest function when the digest’s summary goes to Slack and Teams', () => {
    const { stack, read } = withDigestSummary;
    const expected = {
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: { Ref: read.logicalId(stack.alerts.destinationsSecret!) },
    };
    expect(read.policyStatementsOfRole(read.logicalId(stack.digest.lambdaFunction.role!))).toContainEqual(expected);
    const digestEnvironment = read.propertiesOf(stack.digest.lambdaFunction).Environment.Variables;
    expect(digestEnvironment.ALERT_DESTINATIONS_SECRET_ARN).toEqual({
      Ref: read.logicalId(stack.alerts.destinationsSecret!),
    });
    // without alerts.digestSummary, the digest function neither may nor is told where to
    const digestRole = withEveryKind.read.policyStatementsOfRole(
      withEveryKind.read.logicalId(withEveryKind.stack.digest.lambdaFunction.role!),
    );
    expect(
      digestRole.some((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:'))),
    ).toBe(false);
  });

  it('names each address once, however many channels share it, and none for e-mail', () => {
    expect(
      destinationSecretKeys([
        { kind: 'slack', urlEnv: 'SHARED_HOOK' },
        { kind: 'webhook', urlEnv: 'SHARED_HOOK', secretEnv: 'HOOK_SECRET' },
        { kind: 'email' },
      ]),
    ).toEqual(['SHARED_HOOK', 'HOOK_SECRET']);
  });

  it('is not made when no channel needs an address, and the function is told of none', () => {
    for (const { stack, template, read } of [emailOnly, withoutChannels]) {
      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(stack.alerts.destinationsSecret).toBeUndefined();
      expect(read.propertiesOf(stack.alerts.lambdaFunction).Environment.Variables).not.toHaveProperty(
        'ALERT_DESTINATIONS_SECRET_ARN',
      );
      expect(Object.keys(template.findOutputs('AlertDestinationsSecretArn'))).toEqual([]);
      const secrets = read.statements().filter((statement) => JSON.stringify(statement).includes('secretsmanager:'));
      expect(secrets).toEqual([]);
    }
  });
});

describe('mail from the alert function', () => {
  const sesOf = ({ stack, read }: ReturnType<typeof synthesize>) =>
    read
      .policyStatementsOfRole(read.logicalId(stack.alerts.lambdaFunction.role!))
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));

  it('may be sent only as the digest sender’s identities, and only with an e-mail channel', () => {
    for (const built of [withEveryKind, emailOnly]) {
      const [statement, ...others] = sesOf(built);
      expect(others).toEqual([]);
      expect(actionsOf(statement!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      // the digest's own statement names the same two identities
      const digestSes = built.read
        .policyStatementsOfRole(built.read.logicalId(built.stack.digest.lambdaFunction.role!))
        .find((each) => actionsOf(each).includes('ses:SendEmail'));
      expect(statement!.Resource).toEqual(digestSes!.Resource);
      expect(JSON.stringify(statement!.Resource)).toContain(':identity/congruence@fernhillbikes.example');
    }
    expect(sesOf(withoutChannels)).toEqual([]);
  });
});

describe('the alarms of the alerts', () => {
  const { stack, template, read } = withEveryKind;
  const topicRef = () => ({ Ref: read.logicalId(stack.alarms.topic) });

  it('fire when a delivery failed in an hour, and keep their state between the hourly runs', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Congruence',
      MetricName: 'AlertDeliveriesFailed',
      Dimensions: [{ Name: 'BrandId', Value: 'fernhill-bikes' }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      // every run publishes the count, 0 included: no datapoint means no run yet
      TreatMissingData: 'ignore',
      AlarmActions: [topicRef()],
      AlarmDescription: Match.stringLikeRegexp('could not be delivered.*tried again the next hour'),
    });
  });

  it('fire on any error or throttle of the alert function', () => {
    for (const metric of ['Errors', 'Throttles'])
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: read.logicalId(stack.alerts.lambdaFunction) } }],
        AlarmActions: [topicRef()],
      });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding with every kind of channel, e-mail only, or none', () => {
    for (const { app } of [withEveryKind, emailOnly, withoutChannels]) {
      const report = new AwsSolutionsChecks().validateScope(app);
      expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.description}`)).toEqual([]);
      expect(report.success).toBe(true);
    }
  });
});
