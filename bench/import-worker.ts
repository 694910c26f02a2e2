/**
 * One import in its own process, so its peak RSS is the import's alone:
 * `node --import tsx bench/import-worker.ts <dynamodb endpoint> <csv file>` prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from '../infra/local/dynamodb-local.ts';
import { DynamoDbFeedbackRepository } from '../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbImportLog } from '../shared/adapters/dynamodb-import-log.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { bufferSource, ImportService } from '../shared/services/import-service.ts';

const [endpoint, file] = process.argv.slice(2);
if (!endpoint || !file) throw new Error('usage: import-worker.ts <endpoint> <file>');
const client = DynamoDBDocumentClient.from(localDynamoDbClient(endpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
const service = new ImportService({
  repository: new DynamoDbFeedbackRepository(client, {
    tableName: FEEDBACK_TABLE.logicalName,
    listHorizonMonths: 36,
  }),
  log: new DynamoDbImportLog(client, FEEDBACK_TABLE.logicalName),
  config: parseStackConfig({}),
});
// Everything is loaded and the file read: what the import adds on top of this is what counts.
const body = readFileSync(file);
global.gc?.();
const rssBeforeMb = process.memoryUsage().rss / 1048576;
let sampledPeakMb = rssBeforeMb;
let liveHeapPeakMb = 0;
const sampler = setInterval(() => {
  sampledPeakMb = Math.max(sampledPeakMb, process.memoryUsage().rss / 1048576);
  // What the import retains, without the garbage V8 has not collected yet.
  global.gc?.();
  liveHeapPeakMb = Math.max(liveHeapPeakMb, process.memoryUsage().heapUsed / 1048576);
}, 200);
const started = performance.now();
const report = await service.run(
  bufferSource(body),
  { integrationId: 'bench' },
  { source: 'api', actor: 'channel:bench' },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
client.destroy();
console.log(
  JSON.stringify({
    bytes: body.byteLength,
    rows: report.rows,
    created: report.created,
    seconds,
    rssBeforeMb,
    // maxRSS is the process's high-water mark (KiB), module loading included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakMb,
    liveHeapPeakMb,
  }),
);
