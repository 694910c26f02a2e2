import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type HotTopicRecord, hotTopicSchema, topicKey } from '../domain/hot-topics.ts';
import type { CounterRow, HotTopicRepository } from '../ports/hot-topic-repository.ts';
import { queryAll } from './query-all.ts';

/** Ids kept per hour bucket and topic: enough to list a topic's feedback (≤ 50) and to see overlaps. */
export const ID_SAMPLE_CAP = 100;
/** Counters outlive the longest baseline the configuration allows (90 days) with a margin. */
const COUNTER_TTL_SECONDS = 100 * 86_400;
const REPORT_PARTITION = 'HOTTOPIC';
const TRANSACTION_ATTEMPTS = 4;

const hourPk = (hour: string) => `HOTHOUR#${hour}`;
const dayPk = (day: string) => `HOTDAY#${day}`;
const markerKey = (feedbackId: string) => ({ pk: `HOTMARK#${feedbackId}`, sk: 'HOTMARK' });
const topicClaimKey = (key: string) => ({ pk: `HOTKEY#${key}`, sk: 'HOTKEY' });

/**
 * {@link HotTopicRepository} on the feedback table. Counters are small items in one partition
 * per hour (`HOTHOUR#<hour>`: `c#<key>` counts, `i#<key>` id samples) and per local day
 * (`HOTDAY#<day>`: counts only), so a scan reads `windowHours + baselineDays` partitions
 * whatever the table holds. Each complaint is counted in one transaction with a marker item,
 * so a redelivered stream record can never count twice.
 */
export class DynamoDbHotTopicRepository implements HotTopicRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  #readUnits = 0;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  get consumedReadUnits(): number {
    return this.#readUnits;
  }

  async count(
    feedbackId: string,
    hourBucket: string,
    dayBucket: string,
    counterKeys: readonly string[],
  ): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(hourBucket) / 1000) + COUNTER_TTL_SECONDS;
    // Id samples stop growing at the cap, so a busy hour never makes an item too large.
    const sampled = await this.#countsBelowCap(hourBucket, counterKeys);
    const counterUpdate = (pk: string, counterKey: string) => ({
      Update: {
        TableName: this.#tableName,
        Key: { pk, sk: `c#${counterKey}` },
        UpdateExpression: 'ADD #n :one SET entity = :entity, expiresAt = :ttl',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'hot-count', ':ttl': expiresAt },
      },
    });
    const input: TransactWriteCommandInput = {
      TransactItems: [
        {
          Put: {
            TableName: this.#tableName,
            Item: { ...markerKey(feedbackId), entity: 'hot-mark', hour: hourBucket, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...counterKeys.flatMap((counterKey) => [
          counterUpdate(hourPk(hourBucket), counterKey),
          counterUpdate(dayPk(dayBucket), counterKey),
        ]),
        ...counterKeys
          .filter((counterKey) => sampled.has(counterKey))
          .map((counterKey) => ({
            Update: {
              TableName: this.#tableName,
              Key: { pk: hourPk(hourBucket), sk: `i#${counterKey}` },
              UpdateExpression: 'ADD ids :id SET entity = :entity, expiresAt = :ttl',
              ExpressionAttributeValues: {
                ':id': new Set([feedbackId]),
                ':entity': 'hot-sample',
                ':ttl': expiresAt,
              },
            },
          })),
      ],
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#client.send(new TransactWriteCommand(input));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        // Another complaint's transaction touched the same counter: try again shortly.
        if (attempt >= TRANSACTION_ATTEMPTS || !reasons.some((r) => r.Code === 'TransactionConflict'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }

  async #countsBelowCap(hourBucket: string, counterKeys: readonly string[]): Promise<Set<string>> {
    const below = new Set(counterKeys);
    const { Responses, ConsumedCapacity } = await this.#client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.#tableName]: {
            Keys: counterKeys.map((counterKey) => ({ pk: hourPk(hourBucket), sk: `c#${counterKey}` })),
            ProjectionExpression: 'sk, #n',
            ExpressionAttributeNames: { '#n': 'n' },
          },
        },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.#readUnits += (ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    for (const item of Responses?.[this.#tableName] ?? []) {
      if (Number(item.n) >= ID_SAMPLE_CAP) below.delete(String(item.sk).slice(2));
    }
    return below;
  }

  async hourCounters(hourBucket: string): Promise<CounterRow[]> {
    const items = await this.#queryAll({
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': hourPk(hourBucket) },
    });
    const rows = new Map<string, CounterRow>();
    const row = (counterKey: string) => {
      let found = rows.get(counterKey);
      if (!found) {
        found = { counterKey, count: 0, ids: [] };
        rows.set(counterKey, found);
      }
      return found;
    };
    for (const item of items) {
      const sk = String(item.sk);
      if (sk.startsWith('c#')) row(sk.slice(2)).count = Number(item.n ?? 0);
      else if (sk.startsWith('i#')) row(sk.slice(2)).ids = [...((item.ids as Set<string>) ?? [])].sort();
    }
    return [...rows.values()];
  }

  async dayCounters(dayBucket: string): Promise<CounterRow[]> {
    const items = await this.#queryAll({
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': dayPk(dayBucket) },
    });
    return items.map((item) => ({
      counterKey: String(item.sk).slice(2),
      count: Number(item.n ?? 0),
      ids: [],
    }));
  }

  async claimReport(report: HotTopicRecord, windowEndHour: string): Promise<boolean> {
    const keys = report.keys ?? [topicKey(report.kind, report.key)];
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tableName,
                Item: { pk: REPORT_PARTITION, sk: report.id, entity: 'hot-topic', report, status: 'claimed' },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            // A topic is reported again only in a window that does not overlap its last report's.
            ...keys.map((key) => ({
              Update: {
                TableName: this.#tableName,
                Key: topicClaimKey(key),
                UpdateExpression: 'SET lastWindowEnd = :end, reportId = :id, entity = :entity',
                ConditionExpression: 'attribute_not_exists(lastWindowEnd) OR lastWindowEnd <= :start',
                ExpressionAttributeValues: {
                  ':end': windowEndHour,
                  ':start': report.windowStart,
                  ':id': report.id,
                  ':entity': 'hot-topic-claim',
                },
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
      )
        return false;
      throw error;
    }
  }

  async markReportSent(id: string, messageId: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: REPORT_PARTITION, sk: id },
        UpdateExpression: 'SET #status = :sent, messageId = :messageId',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId },
      }),
    );
  }

  async releaseReport(report: HotTopicRecord): Promise<void> {
    for (const key of report.keys ?? [topicKey(report.kind, report.key)]) {
      try {
        await this.#client.send(
          new DeleteCommand({
            TableName: this.#tableName,
            Key: topicClaimKey(key),
            ConditionExpression: 'reportId = :id',
            ExpressionAttributeValues: { ':id': report.id },
          }),
        );
      } catch {
        // Claimed meanwhile by another report: leave it.
      }
    }
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: { pk: REPORT_PARTITION, sk: report.id } }),
    );
  }

  async listReports(limit: number): Promise<HotTopicRecord[]> {
    const page = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REPORT_PARTITION },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => hotTopicSchema.parse(item.report));
  }

  async getReport(id: string): Promise<HotTopicRecord | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: REPORT_PARTITION, sk: id } }),
    );
    return Item ? hotTopicSchema.parse(Item.report) : undefined;
  }

  #queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    return queryAll(this.#client, { ...input, ReturnConsumedCapacity: 'TOTAL' }, (page) => {
      this.#readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    });
  }
}
