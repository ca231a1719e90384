// ScheduledInvoke on its own, around a small inline function: the schedules it writes, the one
// role the scheduler assumes and who may assume it, and what it refuses at synth time.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { ConstructValidationError } from '#infra/errors';
import { ScheduledInvoke, type ScheduledInvokeProps } from '#infra/scheduled-invoke';
import { SCHEDULER_TRUST_STATEMENT } from './scheduler-trust';

function build(props: Partial<ScheduledInvokeProps> = {}) {
  const stack = new Stack(new App(), 'Test');
  const lambdaFunction = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  const deadLetterQueue = new sqs.Queue(stack, 'DeadLetters');
  const invoke = new ScheduledInvoke(stack, 'Invoke', {
    lambdaFunction,
    timezone: 'Europe/London',
    deadLetterQueue,
    schedules: [
      { id: 'Hourly', description: 'every hour', expression: 'rate(1 hour)', input: { sourceId: 'news' } },
      { id: 'Weekly', description: 'Monday 8:00', expression: 'cron(0 8 ? * MON *)', input: {} },
    ],
    ...props,
  });
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as Parameters<Stack['getLogicalId']>[0]);
  return { stack, invoke, template: Template.fromStack(stack), id, lambdaFunction, deadLetterQueue };
}

describe('ScheduledInvoke', () => {
  it('writes one enabled schedule per entry, in the time zone, with its input, retries and dead-letter queue', () => {
    const { template, id, lambdaFunction, deadLetterQueue, invoke } = build();
    template.resourceCountIs('AWS::Scheduler::Schedule', 2);
    const target = (input: string) => ({
      Arn: { 'Fn::GetAtt': [id(lambdaFunction), 'Arn'] },
      RoleArn: { 'Fn::GetAtt': [id(invoke.role), 'Arn'] },
      Input: input,
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(deadLetterQueue), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Description: 'every hour',
      ScheduleExpression: 'rate(1 hour)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: target('{"sourceId":"news"}'),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Description: 'Monday 8:00',
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: target('{}'),
    });
  });

  it('sends a run that fails in the function, after Lambda’s two retries, to the same dead-letter queue', () => {
    const { template, id, lambdaFunction, deadLetterQueue } = build();
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: id(lambdaFunction) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id(deadLetterQueue), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage']),
            Resource: { 'Fn::GetAtt': [id(deadLetterQueue), 'Arn'] },
          }),
        ]),
      },
      Roles: [{ Ref: id(lambdaFunction.role as unknown as { node: { defaultChild?: unknown } }) }],
    });
  });

  it('takes other retries and event age when given', () => {
    const { template } = build({ retryAttempts: 5, maxEventAge: Duration.hours(6) });
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 21_600 } }),
    });
  });

  it('lets only this account’s default schedule group assume one role shared by the schedules', () => {
    const { template, id, invoke } = build();
    template.resourceCountIs('AWS::IAM::Role', 2); // the function's and the scheduler's
    expect(template.toJSON().Resources[id(invoke.role)].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      SCHEDULER_TRUST_STATEMENT,
    ]);
  });

  it('lets the role invoke only its function (and its versions) and send only to the dead-letter queue', () => {
    const { template, id, invoke, lambdaFunction, deadLetterQueue } = build();
    const functionArn = { 'Fn::GetAtt': [id(lambdaFunction), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: id(invoke.role) }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [functionArn, { 'Fn::Join': ['', [functionArn, ':*']] }],
          },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [id(deadLetterQueue), 'Arn'] } },
        ],
      },
    });
  });

  it('refuses an empty list of schedules, naming the construct', () => {
    expect(() => build({ schedules: [] })).toThrow(ConstructValidationError);
    expect(() => build({ schedules: [] })).toThrow(
      /no schedule given for Test\/Fn; pass at least one \(Test\/Invoke\)/,
    );
  });
});
