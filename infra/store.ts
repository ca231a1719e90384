// The single DynamoDB table, built from the same key definition local mode uses
// (shared/adapters/store/table.ts), and the table permissions each function gets.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '#adapters/store/table';

export { TTL_ATTRIBUTE };

/**
 * The calls shared/adapters/store/dynamo-store.ts makes in AWS; add one here when the store starts
 * using it. (deleteExpired scans, but only local mode calls it: TTL deletes in AWS.)
 */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
export const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export interface StoreProps {
  /**
   * What happens to the table when it leaves the stack (tests and throwaway stacks pass DESTROY).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export class Store extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StoreProps = {}) {
    super(scope, id);
    const attribute = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(TABLE_KEYS.partitionKey),
      sortKey: attribute(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /**
   * What `table.grantReadData` / `grantReadWriteData` would give, tightened: only the item calls
   * the store makes (no Scan, no DescribeTable, no streams), on the table and its two named indexes
   * instead of `index/*`.
   */
  grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [...READ_ACTIONS, ...WRITE_ACTIONS], true);
  }

  /**
   * The reads, PutItem (conditional puts included) and BatchWriteItem on the table: what the alert
   * function does (its state is written with puts, shared/adapters/store/alerts.ts; a day's review
   * bursts are replaced in batches, shared/adapters/store/review-bursts.ts). No DeleteItem.
   */
  grantReadAndPut(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'], true);
  }

  /** PutItem on the table itself: all the profile sync does. */
  grantPutItem(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ['dynamodb:PutItem'], false);
  }

  private grant(grantee: iam.IGrantable, actions: string[], withIndexes: boolean): iam.Grant {
    const indexArns = withIndexes
      ? TABLE_KEYS.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`)
      : [];
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.table.tableArn, ...indexArns] });
  }
}
