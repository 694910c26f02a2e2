import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FEEDBACK_TABLE, type FeedbackIndexName } from '../definitions/table-definition.ts';
import { monthsBetween } from '../domain/period.ts';
import type { ReadPosition } from '../ports/snapshot-repository.ts';

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

/** An item's position in a month index: the table key and the index key, as a Query resumes after it. */
export type IndexKey = Readonly<Record<string, string>>;

/** What one month's items go to: each item in index order, then `done` once the month is read. */
export interface MonthVisitor {
  item(item: Record<string, unknown>): void;
  done?(): void;
  /**
   * Where the month may resume if the read pauses now, given the key DynamoDB would resume
   * after: a visitor still holding items it has not handed on answers the key before them
   * (`null`: the month's start). Without it the read resumes where DynamoDB stopped.
   */
  resumeAfter?(lastEvaluatedKey: IndexKey): IndexKey | null;
}

/** How a read may be split over runs (a quarter larger than one Lambda run). */
export interface MonthReadRun {
  /** A paused read's position: only its months are read, each after its key. Absent: all from the start. */
  resume?: ReadPosition | undefined;
  /** Asked after each page; true pauses every month at its next page boundary. */
  shouldPause?: (() => boolean) | undefined;
  /** Items per Query page (DynamoDB's 1 MB otherwise): small pages test every page boundary. */
  pageItems?: number | undefined;
}

/** The table and index key of an item read from a month index: where a Query resumes after it. */
export function indexKeyOf(item: Record<string, unknown>, monthAttribute: string): IndexKey {
  const key: Record<string, string> = {};
  for (const name of [FEEDBACK_TABLE.partitionKey, FEEDBACK_TABLE.sortKey, monthAttribute, 'listSk'])
    key[name] = String(item[name]);
  return key;
}

function sameKey(a: IndexKey | null, b: IndexKey | null): boolean {
  if (a === null || b === null) return a === b;
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/**
 * Reads every item of [from, to) from a month-partitioned index: one Query per month of the
 * range (the months side by side, they are independent partitions), page by page, so memory
 * stays flat whatever the period holds. The snapshot's feedback, the campaign audience and the
 * snapshot's campaign answers all read this way. Answers the items seen and the read units
 * DynamoDB reported, and where the read stopped when `run.shouldPause` paused it.
 *
 * A paused month always moves on: it pauses only at a position past the one it resumed from,
 * so a run that reads at least one page makes progress whatever the page size.
 */
export async function readMonthIndex(
  client: DynamoDBDocumentClient,
  range: MonthIndexRange,
  visitorFor: (month: string) => MonthVisitor,
  run: MonthReadRun = {},
): Promise<{ items: number; readUnits: number; paused?: ReadPosition }> {
  const totals = { items: 0, readUnits: 0 };
  const paused: Record<string, IndexKey | null> = {};
  const months = run.resume ? Object.keys(run.resume).sort() : monthsBetween(range.from, range.to);
  await Promise.all(
    months.map(async (month) => {
      const resumedAfter = run.resume?.[month] ?? null;
      const visitor = visitorFor(month);
      let start: Record<string, unknown> | undefined = resumedAfter ?? undefined;
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
            ...(run.pageItems ? { Limit: run.pageItems } : {}),
          }),
        );
        totals.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
        for (const item of page.Items ?? []) {
          totals.items += 1;
          visitor.item(item);
        }
        start = page.LastEvaluatedKey;
        if (start && run.shouldPause?.()) {
          const lastKey = indexKeyOf(start, range.monthAttribute);
          const at = visitor.resumeAfter ? visitor.resumeAfter(lastKey) : lastKey;
          if (!sameKey(at, resumedAfter)) {
            paused[month] = at;
            return;
          }
        }
      } while (start);
      visitor.done?.();
    }),
  );
  return Object.keys(paused).length ? { ...totals, paused } : totals;
}
