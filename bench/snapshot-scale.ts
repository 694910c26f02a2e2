/**
 * `npm run bench:snapshot`: one quarter of BENCH_SNAPSHOT_SCALE feedback items (default 100,000)
 * on a fresh DynamoDB Local; reports how long the snapshot takes, the read units it consumed
 * and the heap it needed.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { DynamoDbSnapshotRepository } from '../shared/adapters/dynamodb-snapshot-repository.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { SnapshotService } from '../shared/services/snapshot-service.ts';
import { openItems, seed } from './seed.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const scale = Number(process.env.BENCH_SNAPSHOT_SCALE ?? 100_000);
const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
try {
  const raw = localDynamoDbClient(dynamo.endpoint);
  await ensureLocalTable(raw, FEEDBACK_TABLE);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const from = Date.parse('2025-03-31T16:00:00Z');
  const span = Date.parse('2025-06-30T16:00:00Z') - from;
  let t = performance.now();
  for (let offset = 0; offset < scale; offset += 10_000) {
    const count = Math.min(10_000, scale - offset);
    await seed(
      client,
      openItems(count, (i) => new Date(from + ((offset + i + 0.5) / scale) * span)),
      16,
    );
  }
  console.log(`[snapshot-scale] seeded ${scale} items in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const service = new SnapshotService({
    repository: new DynamoDbSnapshotRepository(client, FEEDBACK_TABLE.logicalName),
    mailer: { send: async () => ({ messageId: 'bench' }) },
    config: parseStackConfig({}),
    publicBaseUrl: 'http://127.0.0.1',
  });
  const heapBefore = process.memoryUsage().heapUsed;
  t = performance.now();
  const snapshot = await service.compute('2025-Q2', new Date('2025-07-01T01:00:00+08:00'));
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `[snapshot-scale] snapshot of ${snapshot.totals.feedback} items: ${seconds.toFixed(1)} s, ${snapshot.readUnits} read units, ` +
      `heap +${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB (peak rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB)`,
  );
  client.destroy();
} finally {
  await dynamo.stop();
}
