import { createServer } from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { localDynamoDbClient } from './dynamodb-local.ts';

/** A TCP port the OS says is free now (for tests and the benchmark to start stacks side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Items the stream's functions write beside a change (its history entry, hot-topic counters,
 * domain-event claims): not "stored" by a request, so counts of what a request stored skip them.
 */
const BOOKKEEPING_ENTITIES = [
  'history',
  'hot-count',
  'hot-mark',
  'hot-sample',
  'event-claim',
  'retention-state',
] as const;

/**
 * How many items the feedback table on a DynamoDB Local holds, bookkeeping aside (it is written
 * by the stream's functions at any moment): a full scan, for tests and benchmarks only.
 */
export async function countTableItems(endpoint: string): Promise<number> {
  const client = localDynamoDbClient(endpoint);
  try {
    let count = 0;
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: FEEDBACK_TABLE.logicalName,
          Select: 'COUNT',
          FilterExpression: `attribute_not_exists(#entity) OR NOT (#entity IN (${BOOKKEEPING_ENTITIES.map((_, i) => `:e${i}`).join(', ')}))`,
          ExpressionAttributeNames: { '#entity': 'entity' },
          ExpressionAttributeValues: Object.fromEntries(
            BOOKKEEPING_ENTITIES.map((entity, i) => [`:e${i}`, { S: entity }]),
          ),
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return count;
  } finally {
    client.destroy();
  }
}
