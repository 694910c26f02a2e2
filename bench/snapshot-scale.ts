/**
 * `npm run bench:snapshot`: a snapshot of one quarter of BENCH_SNAPSHOT_SCALE feedback items
 * (default 1,000,000): how long it takes, the read units it consumes and the memory it needs.
 *
 * Up to BENCH_SNAPSHOT_TABLE_MAX items (default 20,000) are seeded into a fresh DynamoDB Local
 * and read through the real client. Past that, seeding takes longer than this machine can give
 * (about 60 items a second under load), so the same repository and service read a simulated
 * month index instead (bench/simulated-month-index.ts): generated items in index order, 1 MB
 * pages, read units by DynamoDB's rule. The table run's items are also read both ways
 * (calibration: same figures, read units within a few per cent); the time per item for the
 * Lambda limit comes from the table run, which includes DynamoDB Local's answers and the
 * client's unmarshalling.
 */

import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { DynamoDbSnapshotRepository } from '../shared/adapters/dynamodb-snapshot-repository.ts';
import { toFeedbackItem } from '../shared/adapters/feedback-item.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import type { Snapshot } from '../shared/schemas/snapshot.ts';
import { SnapshotService } from '../shared/services/snapshot-service.ts';
import { mergeIntoResults } from './results-file.ts';
import { benchRecord, seed } from './seed.ts';
import { simulatedMonthIndexClient } from './simulated-month-index.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SCALE = Number(process.env.BENCH_SNAPSHOT_SCALE ?? 1_000_000);
const TABLE_MAX = Number(process.env.BENCH_SNAPSHOT_TABLE_MAX ?? 20_000);
/** Lambda's longest run, and the share of it a snapshot may plan to use (the rest is margin). */
const LAMBDA_SECONDS = 900;
const PLANNING_SHARE = 0.8;

const from = Date.parse('2025-03-31T16:00:00Z');
const span = Date.parse('2025-06-30T16:00:00Z') - from;
const itemOf = (scale: number) => (i: number) => {
  const record = benchRecord(new Date(from + ((i + 0.5) / scale) * span), i, {
    status: 'open',
    type: 'inquiry',
    priority: 'P3',
  });
  return toFeedbackItem(record) as Record<string, unknown>;
};
const log = (line: string) => console.log(`[snapshot-scale] ${line}`);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const r = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function service(client: unknown) {
  return new SnapshotService({
    repository: new DynamoDbSnapshotRepository(client as DynamoDBDocumentClient, FEEDBACK_TABLE.logicalName),
    mailer: { send: async () => ({ messageId: 'bench' }) },
    config: parseStackConfig({}),
    publicBaseUrl: 'http://127.0.0.1',
  });
}

async function timed(client: unknown): Promise<{ snapshot: Snapshot; seconds: number }> {
  const t = performance.now();
  const snapshot = await service(client).compute('2025-Q2', new Date('2025-07-01T01:00:00+08:00'));
  return { snapshot, seconds: (performance.now() - t) / 1000 };
}

const figuresOf = (snapshot: Snapshot) =>
  JSON.stringify({ ...snapshot, computedAt: 0, readUnits: 0, totals: { ...snapshot.totals } });

/** Seeds `scale` items into a fresh DynamoDB Local and snapshots them through the real client. */
async function tableRun(scale: number) {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  try {
    const raw = localDynamoDbClient(dynamo.endpoint);
    await ensureLocalTable(raw, FEEDBACK_TABLE);
    const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const make = itemOf(scale);
    const t = performance.now();
    for (let offset = 0; offset < scale; offset += 10_000) {
      const count = Math.min(10_000, scale - offset);
      await seed(
        client,
        Array.from({ length: count }, (_, i) => make(offset + i)),
        16,
      );
    }
    log(`seeded ${scale} items into DynamoDB Local in ${r((performance.now() - t) / 1000, 1)} s`);
    const run = await timed(client);
    client.destroy();
    return run;
  } finally {
    await dynamo.stop();
  }
}

const rssAtStart = process.memoryUsage().rss;

// 1. The table run: seeded into DynamoDB Local and read through the real client, which gives the
// time per item (DynamoDB Local answering, the client unmarshalling).
const tableScale = Math.min(SCALE, TABLE_MAX);
const table = await tableRun(tableScale);
log(
  `table run of ${table.snapshot.totals.feedback}: ${r(table.seconds, 1)} s, ${table.snapshot.readUnits} RU`,
);

// 2. Calibration: the same number of items through the simulated index must give the same
// figures and (close to) the same read units.
const calibrationSimulated = await timed(simulatedMonthIndexClient(tableScale, itemOf(tableScale)).client);
const calibration = {
  items: tableScale,
  readUnitsTable: table.snapshot.readUnits,
  readUnitsSimulated: calibrationSimulated.snapshot.readUnits,
  readUnitsRatio: r(calibrationSimulated.snapshot.readUnits / table.snapshot.readUnits, 3),
  sameFigures: figuresOf(table.snapshot) === figuresOf(calibrationSimulated.snapshot),
  secondsTable: r(table.seconds),
  secondsSimulated: r(calibrationSimulated.seconds),
};
log(
  `calibration at ${tableScale}: ${calibration.readUnitsTable} RU on DynamoDB Local vs ${calibration.readUnitsSimulated} RU simulated (${calibration.readUnitsRatio}×), same figures: ${calibration.sameFigures}`,
);

// 3. The full scale, on the simulated index when it is past the table run, with peak memory.
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const full = SCALE <= TABLE_MAX ? table : await timed(simulatedMonthIndexClient(SCALE, itemOf(SCALE)).client);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const secondsPerItem = table.seconds / table.snapshot.totals.feedback;
const simulatedSecondsPerItem = full.seconds / full.snapshot.totals.feedback;
const lambdaLimitItems = Math.floor((LAMBDA_SECONDS * PLANNING_SHARE) / secondsPerItem);
const figures = {
  items: full.snapshot.totals.feedback,
  mode: SCALE <= TABLE_MAX ? 'DynamoDB Local' : 'simulated month index (calibrated)',
  seconds: r(full.seconds, 1),
  readUnits: full.snapshot.readUnits,
  readUnitsPerThousandItems: r((full.snapshot.readUnits / full.snapshot.totals.feedback) * 1000, 2),
  peakRssMb: mb(peakRss),
  rssBeforeMb: mb(rssBefore),
  rssAtStartMb: mb(rssAtStart),
  tableItems: table.snapshot.totals.feedback,
  tableSeconds: r(table.seconds, 1),
  secondsPerMillionItems: r(secondsPerItem * 1e6, 0),
  simulatedSecondsPerMillionItems: r(simulatedSecondsPerItem * 1e6, 0),
  lambdaLimitItems,
  lambdaLimitNote: `one 15-minute Lambda run, planned at ${PLANNING_SHARE * 100} % of it, at the table run's ${r(secondsPerItem * 1e6, 0)} s per million items`,
  calibration,
  measuredAt: new Date().toISOString(),
};
log(
  `snapshot of ${figures.items} (${figures.mode}): ${figures.seconds} s, ${figures.readUnits} RU, peak RSS ${figures.peakRssMb} MB; ` +
    `${figures.secondsPerMillionItems} s per million on DynamoDB Local → one Lambda run is enough up to ~${lambdaLimitItems} items`,
);

await mergeIntoResults({ snapshotScale: figures });
console.log(JSON.stringify(figures, null, 2));
