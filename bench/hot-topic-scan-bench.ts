/**
 * `npm run bench:hot-topic-scan`: the scan's read units at 10,000 and 1,000,000 stored
 * complaints on its own DynamoDB Local (the same step `npm run bench` runs in its stack).
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { measureScan } from './hot-topic-scale.ts';

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const base = localDynamoDbClient(dynamo.endpoint);
try {
  await ensureLocalTable(base, FEEDBACK_TABLE);
  const client = DynamoDBDocumentClient.from(base);
  for (const [stored, year] of [
    [10_000, 2040],
    [1_000_000, 2041],
  ] as const) {
    console.log(JSON.stringify(await measureScan(client, FEEDBACK_TABLE.logicalName, stored, year)));
  }
} finally {
  base.destroy();
  await dynamo.stop();
}
