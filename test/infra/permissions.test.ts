// What the synthesized Congruence stack for the Fernhill example allows, role by role: no wildcard
// action, Comprehend and SES only where used, table grants without index wildcards, and scheduler
// roles that may invoke only their own function.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CongruenceStack } from '#infra/stack';
import { actionsOf, synthesizeFernhillStack, type TemplateReader } from './fernhill-stack';
import { SCHEDULER_TRUST_STATEMENT } from './scheduler-trust';

let stack: CongruenceStack;
let read: TemplateReader;

beforeAll(() => {
  ({ stack, read } = synthesizeFernhillStack());
}, 180_000);

describe('permissions', () => {
  it('grant no wildcard action anywhere', () => {
    const actions = read.statements().flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).not.toContain('*');
  });

  it('allow exactly the three Comprehend batch-detect calls, to the score function only', () => {
    const batchDetect = read
      .statements()
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('comprehend:Batch')));
    expect(batchDetect).toHaveLength(1);
    expect(actionsOf(batchDetect[0]!).sort()).toEqual([
      'comprehend:BatchDetectDominantLanguage',
      'comprehend:BatchDetectKeyPhrases',
      'comprehend:BatchDetectSentiment',
    ]);
    expect(read.policyStatementsOfRole(read.logicalId(stack.scoring.lambdaFunction.role!))).toContainEqual(
      batchDetect[0],
    );
  });

  it('allow the ingest function exactly one Comprehend call, DetectPiiEntities, to redact personal data', () => {
    const comprehend = read
      .policyStatementsOfRole(read.logicalId(stack.ingestion.lambdaFunction.role!))
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('comprehend:')));
    expect(comprehend).toEqual([{ Effect: 'Allow', Action: 'comprehend:DetectPiiEntities', Resource: '*' }]);
    const everywhere = read
      .statements()
      .flatMap(actionsOf)
      .filter((action) => action === 'comprehend:DetectPiiEntities');
    expect(everywhere).toHaveLength(1);
  });

  it('let the digest send mail only as the profile sender identity (address or domain)', () => {
    const ses = read
      .statements()
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const arn = (identity: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:identity/${identity}`,
        ],
      ],
    });
    expect(ses[0]!.Resource).toEqual([arn('congruence@fernhillbikes.example'), arn('fernhillbikes.example')]);
  });

  it('let ingest send only to the scoring queue, and nothing else send to it', () => {
    const sends = read.statements().filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    const scoringQueueArn = { 'Fn::GetAtt': [read.logicalId(stack.scoring.queue), 'Arn'] };
    const toScoring = sends.filter(
      (statement) => JSON.stringify(statement.Resource) === JSON.stringify(scoringQueueArn),
    );
    expect(toScoring).toHaveLength(1);
    for (const statement of sends) expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
  });

  it('give each scheduler role invoke on its own function only, and send only to the scheduler dead-letter queue', () => {
    const pairs = [
      [stack.ingestion.schedules.role, stack.ingestion.lambdaFunction],
      [stack.digest.schedule.role, stack.digest.lambdaFunction],
      [stack.alerts.schedule.role, stack.alerts.lambdaFunction],
    ] as const;
    expect(new Set(pairs.map(([role]) => read.logicalId(role))).size).toBe(pairs.length);
    for (const [role, fn] of pairs) {
      const functionArn = { 'Fn::GetAtt': [read.logicalId(fn), 'Arn'] };
      expect(read.policyStatementsOfRole(read.logicalId(role))).toEqual([
        // The LambdaInvoke target grants as grantInvoke does: the function and its versions.
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [functionArn, { 'Fn::Join': ['', [functionArn, ':*']] }],
        },
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [read.logicalId(stack.node.findChild('SchedulerDeadLetterQueue')), 'Arn'] },
        },
      ]);
    }
  });

  it('let only schedules of this account’s default schedule group assume the scheduler roles', () => {
    const schedulerRoles = read
      .resources('AWS::IAM::Role')
      .filter(([, role]) =>
        JSON.stringify(role.Properties!.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
      );
    expect(schedulerRoles.map(([id]) => id).sort()).toEqual(
      [stack.ingestion.schedules.role, stack.digest.schedule.role, stack.alerts.schedule.role]
        .map((role) => read.logicalId(role))
        .sort(),
    );
    for (const [, role] of schedulerRoles) {
      expect(role.Properties!.AssumeRolePolicyDocument.Statement).toEqual([SCHEDULER_TRUST_STATEMENT]);
    }
  });

  it('use table grants without index wildcards, and only PutItem for the profile sync', () => {
    const tableArn = { 'Fn::GetAtt': [read.logicalId(stack.store.table), 'Arn'] };
    const dynamo = read
      .statements()
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    for (const statement of dynamo) {
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
      expect([statement.Resource].flat()).toContainEqual(tableArn);
    }
    const syncDynamo = read
      .policyStatementsOfRole(read.logicalId(stack.profileSync.lambdaFunction.role!))
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(syncDynamo).toEqual([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: tableArn }]);
  });

  it('attach no AWS-managed policy to any role', () => {
    for (const [, role] of read.resources('AWS::IAM::Role')) expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });
});
