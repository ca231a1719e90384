// Profile sync: a custom resource that writes the validated brand profile to the table on every
// deploy whose profile changed (its properties carry the profile and its hash).
import { type CfnElement, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import type { Profile } from '#domain/profile';
import { CongruenceFunction } from './lambda';
import type { Store } from './store';

export interface ProfileSyncProps {
  readonly profile: Profile;
  readonly store: Store;
}

export class ProfileSync extends Construct {
  readonly lambdaFunction: NodejsFunction;
  readonly provider: cr.Provider;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ProfileSyncProps) {
    super(scope, id);
    this.lambdaFunction = new CongruenceFunction(this, 'ProfileSync', {
      name: 'profile-sync',
      description: 'Congruence: write the deployed brand profile to the table',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: props.store.table.tableName },
    }).lambdaFunction;
    props.store.grantPutItem(this.lambdaFunction);

    // The provider framework's own function: its log group and role are ours, so it gets no
    // AWS-managed policy and its logs expire.
    const frameworkLogs = new logs.LogGroup(this, 'ProviderLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const frameworkRole = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CDK custom-resource provider framework for the Congruence profile sync',
    });
    frameworkLogs.grantWrite(frameworkRole);
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.lambdaFunction,
      logGroup: frameworkLogs,
      frameworkOnEventRole: frameworkRole,
    });
    const onEventLogicalId = Stack.of(this).getLogicalId(this.lambdaFunction.node.defaultChild as CfnElement);
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${onEventLogicalId}.Arn>:*]`,
      reason:
        'The CDK provider framework grants lambda:InvokeFunction on the profile-sync function and its versions (ARN:*); it is that one function only.',
    });

    const profileJson = JSON.stringify(props.profile);
    this.resource = new CustomResource(this, 'Profile', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::CongruenceProfile',
      properties: {
        Profile: profileJson,
        ProfileHash: createHash('sha256').update(profileJson).digest('hex'),
      },
    });
  }
}
