import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type ITableV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../shared/definitions/table-definition.ts';

export interface FeedbackTableProps {
  definition: TableDefinition;
  /** A customer-managed key; AWS-owned encryption when absent. */
  encryptionKey?: IKey;
}

/**
 * The feedback table from its shared definition: on-demand, streamed (new and old images),
 * encrypted, point-in-time recovery on, retained when the stack is deleted.
 */
export class FeedbackTable extends Construct {
  readonly table: ITableV2;
  readonly tableV2: TableV2;

  constructor(scope: Construct, id: string, props: FeedbackTableProps) {
    super(scope, id);
    const { definition } = props;
    const table = new TableV2(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: props.encryptionKey
        ? TableEncryptionV2.customerManagedKey(props.encryptionKey)
        : TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.include === undefined
          ? { projectionType: ProjectionType.ALL }
          : index.include.length
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
            : { projectionType: ProjectionType.KEYS_ONLY }),
      })),
    });
    this.table = table;
    this.tableV2 = table;
  }
}
