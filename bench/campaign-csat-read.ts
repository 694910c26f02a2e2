/**
 * `npm run bench:campaign-csat`: what a month's campaign CSAT costs a snapshot to read. Stores
 * N campaign responses answered in November 2026 (eight answers each, one a 120-character
 * comment) on its own DynamoDB Local, twice: in the feedback table as defined (`byResponseMonth`
 * copies only `csatRating`) and in a copy whose index copies every attribute (`ALL`), then reads
 * the month `2026-11` (Shanghai: two UTC month partitions) through the snapshot's campaign source
 * and prints the read units DynamoDB Local reports for each.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { DynamoDbCampaignCsatSource } from '../shared/adapters/dynamodb-campaign-csat-source.ts';
import { FEEDBACK_TABLE, type TableDefinition } from '../shared/definitions/table-definition.ts';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1000);
const ALL: TableDefinition = {
  ...FEEDBACK_TABLE,
  logicalName: 'FeedbackTableAllProjected',
  indexes: FEEDBACK_TABLE.indexes.map(({ include: _include, ...index }) => index),
};

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const base = localDynamoDbClient(dynamo.endpoint);
try {
  const client = DynamoDBDocumentClient.from(base);
  for (const definition of [FEEDBACK_TABLE, ALL]) await ensureLocalTable(base, definition);
  const campaignId = '01KBENCH000000000000000000';
  const items = Array.from({ length: RESPONSES }, (_, i) => {
    const id = `01KBENCH${String(i).padStart(18, '0')}`;
    // Spread over November in Shanghai: 2026-10-31T16:00Z … 2026-11-30T15:59Z
    const answeredAt = new Date(
      Date.parse('2026-10-31T16:00:00.000Z') + i * ((30 * 86_400_000) / RESPONSES),
    ).toISOString();
    const answers = {
      attitude: 1 + (i % 5),
      speed: 1 + ((i + 1) % 5),
      solved: 4,
      process: 3,
      place: 5,
      recommend: i % 11,
      visit: 'branch',
      comment: 'x'.repeat(120),
    };
    return {
      pk: `CAMPAIGN#${campaignId}`,
      sk: `RESPONSE#${id}`,
      entity: 'campaign-response',
      response: { id, campaignId, recipientId: id, answeredAt, channel: 'email', language: 'zh', answers },
      responseMonth: answeredAt.slice(0, 7),
      listSk: `${answeredAt}#${id}`,
      csatRating: (answers.attitude + answers.speed + 4 + 3 + 5) / 5,
    };
  });
  for (const definition of [FEEDBACK_TABLE, ALL])
    for (let i = 0; i < items.length; i += 25)
      await Promise.all(
        items
          .slice(i, i + 25)
          .map((Item) => client.send(new PutCommand({ TableName: definition.logicalName, Item }))),
      );
  for (const definition of [FEEDBACK_TABLE, ALL]) {
    const counts = await new DynamoDbCampaignCsatSource(client, definition.logicalName).csatBetween(
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    );
    console.log(
      JSON.stringify({
        projection: definition === ALL ? 'ALL' : 'INCLUDE csatRating',
        responses: counts.responses,
        average: Math.round((counts.sum / counts.responses) * 100) / 100,
        readUnits: counts.readUnits,
      }),
    );
  }
} finally {
  base.destroy();
  await dynamo.stop();
}
