import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FEEDBACK_TABLE } from '../definitions/table-definition.ts';
import type { RetentionState } from '../ports/retention-state.ts';

/** The bookkeeping entity of the retention mark (skipped by counts of stored feedback). */
export const RETENTION_STATE_ENTITY = 'retention-state';

/** {@link RetentionState} as one small item `RETENTION` / `STATE` in the feedback table. */
export class DynamoDbRetentionState implements RetentionState {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  #key() {
    return { [FEEDBACK_TABLE.partitionKey]: 'RETENTION', [FEEDBACK_TABLE.sortKey]: 'STATE' };
  }

  async erasedThrough(): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: this.#key(), ConsistentRead: true }),
    );
    return typeof Item?.erasedThrough === 'string' ? Item.erasedThrough : undefined;
  }

  async markErasedThrough(instant: string, now: Date): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: this.#key(),
          UpdateExpression: 'SET entity = :entity, erasedThrough = :through, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(erasedThrough) OR erasedThrough < :through',
          ExpressionAttributeValues: {
            ':entity': RETENTION_STATE_ENTITY,
            ':through': instant,
            ':now': now.toISOString(),
          },
        }),
      );
    } catch (error) {
      // A later run (or a retry of this one) already went further: nothing to record.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
