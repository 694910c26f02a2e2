/**
 * Write units of a staff action at the 1st and the Nth change of one feedback, measured on
 * DynamoDB Local with `ReturnConsumedCapacity` (it reports what DynamoDB would bill: 1 unit per
 * KB written, twice for a transaction). Runs alone (`npm run bench:history`) or from `bench/run.ts`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { DynamoDbFeedbackRepository } from '../shared/adapters/dynamodb-feedback-repository.ts';
import { feedbackKey } from '../shared/adapters/feedback-item.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { WorkflowService } from '../shared/services/workflow-service.ts';
import { benchRecord } from './seed.ts';

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/** A document client that adds up the write units DynamoDB reports for every write. */
function writeMeteredClient(endpoint: string) {
  let units = 0;
  const base = new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (WRITES.has(String(context.commandName))) input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity as
        | { CapacityUnits?: number }
        | { CapacityUnits?: number }[]
        | undefined;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
        units += entry.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'meterWriteUnits' },
  );
  return {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    writeUnits: () => units,
    reset: () => {
      units = 0;
    },
  };
}

/**
 * The same measurement on main's design before issue 19 (history embedded in the feedback item,
 * commit 375947a): every note rewrote the whole item, so its cost grew with the history.
 */
export const EMBEDDED_HISTORY_BEFORE = {
  design: 'history embedded in the feedback item (375947a)',
  changes: 500,
  noteChars: 500,
  writeUnitsFirst: 10,
  writeUnitsLast: 1380,
  acknowledgeWriteUnitsAfter: 1661,
  recordKbAfter: 285.1,
  failedChanges: 0,
};

export interface HistoryWriteFigures {
  changes: number;
  noteChars: number;
  /** Write units of the note action that is the feedback's 1st staff change. */
  writeUnitsFirst: number;
  /** Write units of the note action that is its Nth staff change. */
  writeUnitsLast: number;
  /** Write units of an `acknowledge` after the N notes. */
  acknowledgeWriteUnitsAfter: number;
  /** Size of the feedback item (KB, JSON of its attributes) after the N changes. */
  recordKbAfter: number;
  /** Changes refused by DynamoDB (e.g. the 400 KB item limit); 0 means every one was stored. */
  failedChanges: number;
}

/** Runs `changes` notes of `noteChars` characters on one feedback against `endpoint`. */
export async function measureHistoryWrites(
  endpoint: string,
  changes = 500,
  noteChars = 500,
): Promise<HistoryWriteFigures> {
  const metered = writeMeteredClient(endpoint);
  const config = parseStackConfig({});
  const repository = new DynamoDbFeedbackRepository(metered.client, {
    tableName: FEEDBACK_TABLE.logicalName,
    listHorizonMonths: 12,
  });
  const service = new WorkflowService({ repository, config });
  const receivedAt = new Date();
  const record = benchRecord(receivedAt, 0, { status: 'open', priority: 'P3', type: 'complaint' });
  await repository.create(record, 'bench');
  const note = (i: number) => `${String(i).padStart(4, '0')} ${'x'.repeat(noteChars - 5)}`;
  let first = 0;
  let last = 0;
  let failed = 0;
  for (let i = 1; i <= changes; i += 1) {
    metered.reset();
    try {
      await service.act(record.id, { action: 'note', note: note(i) }, 'staff:bench');
    } catch {
      failed += 1;
    }
    if (i === 1) first = metered.writeUnits();
    if (i === changes) last = metered.writeUnits();
  }
  metered.reset();
  await service.act(record.id, { action: 'acknowledge' }, 'staff:bench').catch(() => {
    failed += 1;
  });
  const acknowledge = metered.writeUnits();
  const { Item } = await metered.client.send(
    new GetCommand({ TableName: FEEDBACK_TABLE.logicalName, Key: feedbackKey(record.id) }),
  );
  metered.client.destroy();
  return {
    changes,
    noteChars,
    writeUnitsFirst: first,
    writeUnitsLast: last,
    acknowledgeWriteUnitsAfter: acknowledge,
    recordKbAfter: Math.round(Buffer.byteLength(JSON.stringify(Item ?? {})) / 102.4) / 10,
    failedChanges: failed,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  try {
    const client = localDynamoDbClient(dynamo.endpoint);
    await ensureLocalTable(client, FEEDBACK_TABLE);
    client.destroy();
    console.log(JSON.stringify(await measureHistoryWrites(dynamo.endpoint), null, 2));
  } finally {
    await dynamo.stop();
  }
}
