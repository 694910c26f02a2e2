import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../infra/local/dynamodb-local.ts';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

/**
 * A document client that asks DynamoDB for the capacity every read consumed and adds it up:
 * read units are how the benchmark compares the cost of a snapshot or a sweep.
 */
export function meteredDocumentClient(endpoint: string): {
  client: DynamoDBDocumentClient;
  readUnits: () => number;
  reset(): void;
} {
  let units = 0;
  const base = new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (READS.has(String(context.commandName))) input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const consumed = (
        result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
      ).ConsumedCapacity;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
        units += entry.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'meterReadUnits' },
  );
  return {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    readUnits: () => units,
    reset: () => {
      units = 0;
    },
  };
}
