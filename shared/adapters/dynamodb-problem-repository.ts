import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Problem, problemSchema } from '../domain/problems.ts';
import type { ProblemRepository } from '../ports/problem-repository.ts';

const PARTITION = 'PROBLEM';

/** {@link ProblemRepository} on the feedback table: problems live in one small partition, by id (ULID: time order). */
export class DynamoDbProblemRepository implements ProblemRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async create(problem: Problem): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { pk: PARTITION, sk: problem.id, entity: 'problem', problem, version: problem.version },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Problem | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: PARTITION, sk: id }, ConsistentRead: true }),
    );
    return Item ? problemSchema.parse(Item.problem) : undefined;
  }

  async list(limit: number): Promise<Problem[]> {
    const page = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PARTITION },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => problemSchema.parse(item.problem));
  }

  async save(previous: Problem, next: Problem): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk: PARTITION, sk: next.id, entity: 'problem', problem: next, version: next.version },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': previous.version },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
