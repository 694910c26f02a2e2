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

  async list(limit: number, teams?: readonly string[]): Promise<Problem[]> {
    if (teams && teams.length === 0) return [];
    const found: Problem[] = [];
    let cursor: Record<string, unknown> | undefined;
    // With `teams`, a filter on the problem's teams; pages until `limit` match or the
    // (small, problems-only) partition ends.
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          ...(teams
            ? {
                FilterExpression: teams.map((_, i) => `contains(#problem.#teams, :team${i})`).join(' OR '),
                ExpressionAttributeNames: { '#problem': 'problem', '#teams': 'teams' },
              }
            : {}),
          ExpressionAttributeValues: {
            ':pk': PARTITION,
            ...Object.fromEntries((teams ?? []).map((team, i) => [`:team${i}`, team])),
          },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      found.push(...(page.Items ?? []).map((item) => problemSchema.parse(item.problem)));
      cursor = teams ? page.LastEvaluatedKey : undefined;
    } while (cursor && found.length < limit);
    return found.slice(0, limit);
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
