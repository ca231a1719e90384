// cdk-nag (AwsSolutions) acknowledgements, each applied next to the construct it concerns by the
// construct's file; this module holds the ones shared by several files.
import { Validations } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

export function acknowledgeSchedulerDeadLetterQueue(queue: sqs.IQueue): void {
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter queue of the EventBridge Scheduler targets; its depth is alarmed.',
  });
}
