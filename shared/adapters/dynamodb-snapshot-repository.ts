import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReadPosition, ReceivedReadRun, SnapshotRepository } from '../ports/snapshot-repository.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import type { Snapshot } from '../schemas/snapshot.ts';
import { DynamoDbStoredSnapshots } from './dynamodb-stored-snapshots.ts';
import {
  type FeedbackItem,
  fromFeedbackItem,
  HISTORY_ENTITY,
  historyEntryOf,
  mergeHistory,
} from './feedback-item.ts';
import { type IndexKey, indexKeyOf, readMonthIndex } from './month-index-reader.ts';
import { UpdateBuilder } from './update-builder.ts';

/**
 * {@link SnapshotRepository} on the feedback table: the stored snapshots ({@link DynamoDbStoredSnapshots}),
 * their summary-email claims, and the feedback a computation reads.
 */
export class DynamoDbSnapshotRepository extends DynamoDbStoredSnapshots implements SnapshotRepository {
  /** Items per Query page (DynamoDB's 1 MB when absent); tests use small pages to pause at every boundary. */
  pageItems: number | undefined;

  async put(snapshot: Snapshot): Promise<void> {
    // Keeps the summary-email record of an earlier computation of the same period.
    const update = new UpdateBuilder().set('entity', 'snapshot').set('snapshot', snapshot).build();
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: this.key(snapshot.period), ...update }),
    );
  }

  async forEachReceivedBetween(
    from: string,
    to: string,
    visit: (record: FeedbackRecord, customerKey: string | undefined) => void,
    run: ReceivedReadRun = {},
  ): Promise<{ items: number; readUnits: number; paused?: ReadPosition }> {
    let feedback = 0;
    const monthAttribute = 'receivedMonth';
    const { readUnits, paused } = await readMonthIndex(
      this.client,
      { tableName: this.tableName, indexName: 'byMonth', monthAttribute, from, to },
      (month) => {
        // A feedback's milestone history items sort right after it in the index: collect them
        // until the next feedback, then count the feedback with its history up to then.
        let pending: { item: FeedbackItem; entries: HistoryEntry[] } | undefined;
        // A paused read resumes before the pending feedback, which is then read whole again.
        let lastKey: IndexKey | null = run.resume?.[month] ?? null;
        let beforePending: IndexKey | null = lastKey;
        const flush = () => {
          if (!pending) return;
          const record = fromFeedbackItem(pending.item);
          const { customerKey } = pending.item;
          feedback += 1;
          visit(
            { ...record, history: mergeHistory(record.history, pending.entries) },
            typeof customerKey === 'string' ? customerKey : undefined,
          );
          pending = undefined;
        };
        return {
          item: (item) => {
            if (item.entity === HISTORY_ENTITY) {
              // An entry whose feedback is gone (expired first) has nothing to count.
              if (pending && item.feedbackId === pending.item.id) pending.entries.push(historyEntryOf(item));
            } else {
              flush();
              beforePending = lastKey;
              pending = { item: item as FeedbackItem, entries: [] };
            }
            lastKey = indexKeyOf(item, monthAttribute);
          },
          done: flush,
          resumeAfter: () => (pending ? beforePending : lastKey),
        };
      },
      { ...run, pageItems: this.pageItems },
    );
    return paused ? { items: feedback, readUnits, paused } : { items: feedback, readUnits };
  }

  async claimSummaryEmail(period: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(period),
          UpdateExpression: 'SET summaryEmail = :claim',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(summaryEmail)',
          ExpressionAttributeValues: { ':claim': { claimedAt: now.toISOString() } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async completeSummaryEmail(period: string, now: Date, messageId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(period),
        UpdateExpression: 'SET summaryEmail.sentAt = :at, summaryEmail.messageId = :id',
        ExpressionAttributeValues: { ':at': now.toISOString(), ':id': messageId },
      }),
    );
  }

  async releaseSummaryEmail(period: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(period),
        UpdateExpression: 'REMOVE summaryEmail',
      }),
    );
  }
}
