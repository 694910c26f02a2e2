import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FEEDBACK_TABLE } from '../definitions/table-definition.ts';
import type { EventClaims } from '../ports/event-publisher.ts';

/** Claims are kept a week: longer than a stream keeps a record (24 h), so every replay meets one. */
const CLAIM_DAYS = 7;

export interface DynamoDbEventClaimsOptions {
  tableName: string;
  /** A claim older than this and still unpublished was left by a crashed invocation. */
  staleAfterSeconds: number;
}

/** {@link EventClaims} as small items `EVENT#<idempotency id>` in the feedback table, expired by TTL. */
export class DynamoDbEventClaims implements EventClaims {
  readonly #client: DynamoDBDocumentClient;
  readonly #options: DynamoDbEventClaimsOptions;

  constructor(client: DynamoDBDocumentClient, options: DynamoDbEventClaimsOptions) {
    this.#client = client;
    this.#options = options;
  }

  #key(idempotencyId: string) {
    return { [FEEDBACK_TABLE.partitionKey]: `EVENT#${idempotencyId}`, [FEEDBACK_TABLE.sortKey]: 'EVENT' };
  }

  async claim(idempotencyId: string, now: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: {
            ...this.#key(idempotencyId),
            entity: 'event-claim',
            state: 'claimed',
            claimedAt: now.toISOString(),
            [FEEDBACK_TABLE.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + CLAIM_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR (#state = :claimed AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#pk': FEEDBACK_TABLE.partitionKey, '#state': 'state' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':stale': new Date(now.getTime() - this.#options.staleAfterSeconds * 1000).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async complete(idempotencyId: string, now: Date): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#options.tableName,
        Key: this.#key(idempotencyId),
        UpdateExpression: 'SET #state = :published, publishedAt = :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':published': 'published', ':now': now.toISOString() },
      }),
    );
  }

  async release(idempotencyId: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#options.tableName, Key: this.#key(idempotencyId) }),
    );
  }
}
