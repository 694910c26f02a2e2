import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SnapshotRepository } from '../ports/snapshot-repository.ts';
import { type Snapshot, snapshotSchema } from '../schemas/snapshot.ts';
import { queryAll } from './query-all.ts';

const SNAPSHOT_PARTITION = 'SNAPSHOT';

/**
 * The stored snapshots, read: one small partition of the feedback table. On its own so that the plan
 * routes and the public board, which only read snapshots, do not load the feedback record's schemas
 * that computing one needs ({@link DynamoDbSnapshotRepository}).
 */
export class DynamoDbStoredSnapshots implements Pick<SnapshotRepository, 'get' | 'list'> {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  protected key(period: string) {
    return { pk: SNAPSHOT_PARTITION, sk: period };
  }

  async get(period: string): Promise<Snapshot | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(period) }),
    );
    return Item ? snapshotSchema.parse(Item.snapshot) : undefined;
  }

  async list(): Promise<Snapshot[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': SNAPSHOT_PARTITION },
    });
    return items.map((item) => snapshotSchema.parse(item.snapshot));
  }
}
