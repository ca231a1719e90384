// The one trust statement a scheduler role may have in an environment-agnostic stack, as the
// LambdaInvoke target writes it: EventBridge Scheduler may assume the role only when called from
// this account's default schedule group (the confused-deputy guard, aws:SourceAccount and
// aws:SourceArn).
export const SCHEDULER_TRUST_STATEMENT = {
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { Service: 'scheduler.amazonaws.com' },
  Condition: {
    StringEquals: {
      'aws:SourceAccount': { Ref: 'AWS::AccountId' },
      'aws:SourceArn': {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':scheduler:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':schedule-group/default',
          ],
        ],
      },
    },
  },
};
