/**
 * One import in its own process, so its peak RSS is the import's alone:
 * `node --expose-gc [V8 flags] --import tsx bench/import-worker.ts <dynamodb endpoint | memory> <csv file>`
 * prints one JSON line. `memory` answers each write in process (no DynamoDB), to measure the
 * parse, validate and batch path alone, quickly.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from '../infra/local/dynamodb-local.ts';
import { DynamoDbFeedbackRepository } from '../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbImportLog } from '../shared/adapters/dynamodb-import-log.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import type { FeedbackRepository } from '../shared/ports/feedback-repository.ts';
import type { FeedbackRecord } from '../shared/schemas/feedback-record.ts';
import { bufferSource, ImportService } from '../shared/services/import-service.ts';

const [endpoint, file] = process.argv.slice(2);
if (!endpoint || !file) throw new Error('usage: import-worker.ts <endpoint | memory> <file>');

let sampledPeakMb = 0;
let liveHeapPeakMb = 0;
/** Peak RSS so far, and the live heap: what the import retains, after a forced collection. */
function sample(): void {
  sampledPeakMb = Math.max(sampledPeakMb, process.memoryUsage().rss / 1048576);
  global.gc?.();
  liveHeapPeakMb = Math.max(liveHeapPeakMb, process.memoryUsage().heapUsed / 1048576);
}

const client =
  endpoint === 'memory'
    ? undefined
    : DynamoDBDocumentClient.from(localDynamoDbClient(endpoint), {
        marshallOptions: { removeUndefinedValues: true },
      });
let written = 0;
// In memory the import never waits on I/O, so timers never fire: sample RSS every 500 writes
// instead, without forcing a collection (the forced ones would shape the very peak measured).
const memoryRepository = {
  create: async (record: FeedbackRecord) => {
    written += 1;
    if (written % 500 === 0) sampledPeakMb = Math.max(sampledPeakMb, process.memoryUsage().rss / 1048576);
    return { outcome: 'created' as const, record };
  },
} as unknown as FeedbackRepository;
const service = new ImportService({
  repository: client
    ? new DynamoDbFeedbackRepository(client, { tableName: FEEDBACK_TABLE.logicalName, listHorizonMonths: 36 })
    : memoryRepository,
  log: client ? new DynamoDbImportLog(client, FEEDBACK_TABLE.logicalName) : { record: async () => undefined },
  config: parseStackConfig({}),
});
// Everything is loaded and the file read: what the import adds on top of this is what counts.
const body = readFileSync(file);
global.gc?.();
const rssBeforeMb = process.memoryUsage().rss / 1048576;
sampledPeakMb = rssBeforeMb;
const sampler = setInterval(sample, 200);
const started = performance.now();
const report = await service.run(
  bufferSource(body),
  { integrationId: 'bench' },
  { source: 'api', actor: 'channel:bench' },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
client?.destroy();
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
