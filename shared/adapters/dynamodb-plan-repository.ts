import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Plan, planSchema } from '../domain/plans.ts';
import type { PlanRepository } from '../ports/plan-repository.ts';

const PARTITION = 'PLAN';

/**
 * {@link PlanRepository} on the feedback table: plans live in one partition keyed by id (ULID:
 * time order), so a list is one Query, newest first. An organisation has tens of plans a
 * quarter, so the plans a snapshot checks are the same Query filtered by target quarter.
 */
export class DynamoDbPlanRepository implements PlanRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  #item(plan: Plan) {
    return {
      pk: PARTITION,
      sk: plan.id,
      entity: 'plan',
      targetPeriod: plan.targetPeriod,
      planTeam: plan.team ?? '-',
      plan,
      version: plan.version,
    };
  }

  async create(plan: Plan): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: this.#item(plan),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Plan | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: PARTITION, sk: id }, ConsistentRead: true }),
    );
    return Item ? planSchema.parse(Item.plan) : undefined;
  }

  async #query(filter: { expression: string; values: Record<string, unknown> } | undefined, limit: number) {
    const plans: Plan[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          ...(filter ? { FilterExpression: filter.expression } : {}),
          ExpressionAttributeValues: { ':pk': PARTITION, ...(filter?.values ?? {}) },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) plans.push(planSchema.parse(item.plan));
      cursor = page.LastEvaluatedKey;
    } while (cursor && plans.length < limit);
    return plans.slice(0, limit);
  }

  async list(limit: number, teams?: readonly string[]): Promise<Plan[]> {
    if (!teams) return this.#query(undefined, limit);
    if (!teams.length) return [];
    const names = teams.map((_, i) => `:t${i}`);
    return this.#query(
      {
        expression: `planTeam IN (${names.join(', ')})`,
        values: Object.fromEntries(teams.map((team, i) => [`:t${i}`, team])),
      },
      limit,
    );
  }

  async targeting(period: string): Promise<Plan[]> {
    return this.#query({ expression: 'targetPeriod = :period', values: { ':period': period } }, 10_000);
  }

  async save(previous: Plan, next: Plan): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: this.#item(next),
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
