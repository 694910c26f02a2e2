import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackIndexName } from '../definitions/table-definition.ts';
import { monthsBetween } from '../domain/period.ts';

/** A month-partitioned index (partition `YYYY-MM`, sort key `listSk` = `<instant>#<id>`) and a range. */
export interface MonthIndexRange {
  tableName: string;
  indexName: FeedbackIndexName;
  /** The index's partition attribute (`receivedMonth`, `responseMonth`). */
  monthAttribute: string;
  /** ISO instants; `listSk BETWEEN from AND to`, so `to` itself is never included (`<to>#…` sorts after it). */
  from: string;
  to: string;
}

/** What one month's items go to: each item in index order, then `done` once the month is read. */
export interface MonthVisitor {
  item(item: Record<string, unknown>): void;
  done?(): void;
}

/**
 * Reads every item of [from, to) from a month-partitioned index: one Query per month of the
 * range (the months side by side, they are independent partitions), page by page, so memory
 * stays flat whatever the period holds. The snapshot's feedback, the campaign audience and the
 * snapshot's campaign answers all read this way. Answers the items seen and the read units
 * DynamoDB reported.
 */
export async function readMonthIndex(
  client: DynamoDBDocumentClient,
  range: MonthIndexRange,
  visitorFor: (month: string) => MonthVisitor,
): Promise<{ items: number; readUnits: number }> {
  const totals = { items: 0, readUnits: 0 };
  await Promise.all(
    monthsBetween(range.from, range.to).map(async (month) => {
      const visitor = visitorFor(month);
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: range.tableName,
            IndexName: range.indexName,
            KeyConditionExpression: '#month = :month AND listSk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#month': range.monthAttribute },
            ExpressionAttributeValues: { ':month': month, ':from': range.from, ':to': range.to },
            ReturnConsumedCapacity: 'TOTAL',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        totals.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
        for (const item of page.Items ?? []) {
          totals.items += 1;
          visitor.item(item);
        }
        start = page.LastEvaluatedKey;
      } while (start);
      visitor.done?.();
    }),
  );
  return totals;
}
