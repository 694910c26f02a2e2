import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toFeedbackItem } from '../shared/adapters/feedback-item.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { newFeedbackRecord } from '../shared/domain/feedback.ts';
import { newFeedbackId } from '../shared/domain/ids.ts';
import type { FeedbackRecord } from '../shared/schemas/feedback-record.ts';

const TEXTS = [
  '服务太慢了，等了一个小时！',
  '非常感谢你们的耐心帮助，服务很好。',
  '建议增加周末营业时间',
  '櫃檯人員態度很差，等了很久。',
  'The staff were rude and the queue was very long.',
  'Thank you for the quick and friendly help!',
  'What are your opening hours on Saturday?',
  'Could you add online booking? It would be nice.',
];

/** A feedback as intake would store it, optionally already triaged (so triage leaves it alone). */
export function benchRecord(
  receivedAt: Date,
  i: number,
  overrides: Partial<FeedbackRecord> = {},
): FeedbackRecord {
  const record = newFeedbackRecord(
    {
      channel: (['web', 'app', 'email', 'phone'] as const)[i % 4] ?? 'web',
      text: TEXTS[i % TEXTS.length] as string,
      ratings: { csat: (i % 5) + 1, nps: i % 11 },
    },
    newFeedbackId(receivedAt),
    receivedAt,
    { integrationId: 'bench' },
  );
  return { ...record, ...overrides };
}

/** Writes items with BatchWriteItem, 25 at a time, `parallel` requests in flight. */
export async function seed(
  client: DynamoDBDocumentClient,
  items: Record<string, unknown>[],
  parallel = 8,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as Record<string, unknown>[];
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const answer = await client.send(
            new BatchWriteCommand({ RequestItems: { [FEEDBACK_TABLE.logicalName]: pending } }),
          );
          pending = (answer.UnprocessedItems?.[FEEDBACK_TABLE.logicalName] ?? []) as typeof pending;
        }
      }
    }),
  );
}

/** Items that are already open, so no stream function acts on them (benchmark background data). */
export function openItems(
  count: number,
  receivedAt: (i: number) => Date,
  extra: (record: FeedbackRecord) => Partial<FeedbackRecord> = () => ({}),
) {
  return Array.from({ length: count }, (_, i) => {
    const record = benchRecord(receivedAt(i), i, { status: 'open', type: 'inquiry', priority: 'P3' });
    return toFeedbackItem({ ...record, ...extra(record) });
  });
}
