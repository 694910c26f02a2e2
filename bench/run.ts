/**
 * `npm run bench`: performance measured side by side in one run on this machine (noisy machines
 * make ratios the figures that matter). Starts its own local stack; writes bench/results.json
 * and docs/PERFORMANCE.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { buildConsole } from '../infra/local/console-build.ts';
import { localDynamoDbClient } from '../infra/local/dynamodb-local.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { countTableItems, freePort } from '../infra/local/local-tools.ts';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { DynamoDbFeedbackRepository } from '../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbSnapshotRepository } from '../shared/adapters/dynamodb-snapshot-repository.ts';
import { toFeedbackItem } from '../shared/adapters/feedback-item.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { BusinessCalendar } from '../shared/domain/calendar.ts';
import { deadlinesFor } from '../shared/domain/priority-policy.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import { EscalationService } from '../shared/services/escalation-service.ts';
import { SnapshotService } from '../shared/services/snapshot-service.ts';
import { SPECTRAL_BEFORE, spectralCounts } from './api-lint.ts';
import { measureBundles } from './bundles.ts';
import { measureConsole } from './console.ts';
import { costInputsOf, costPerMillion } from './cost-model.ts';
import { startCountingProxy } from './counting-proxy.ts';
import { startFakeComprehend } from './fake-comprehend.ts';
import { EMBEDDED_HISTORY_BEFORE, measureHistoryWrites } from './history-writes.ts';
import { measureScan } from './hot-topic-scale.ts';
import { measureImport } from './import-scale.ts';
import { measureLifecycle } from './lifecycle.ts';
import { meteredDocumentClient } from './metered-client.ts';
import { benchRecord, openItems, seed } from './seed.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SIZES = {
  intakePairs: Number(process.env.BENCH_INTAKE_PAIRS ?? 300),
  triageItems: Number(process.env.BENCH_TRIAGE_ITEMS ?? 1000),
  loadRequests: Number(process.env.BENCH_LOAD_REQUESTS ?? 5000),
  loadConcurrency: Number(process.env.BENCH_LOAD_CONCURRENCY ?? 50),
  snapshotItems: Number(process.env.BENCH_SNAPSHOT_ITEMS ?? 2000),
  lifecycleItems: Number(process.env.BENCH_LIFECYCLE_ITEMS ?? 200),
  sweepSmall: 1000,
  sweepLarge: 20_000,
};

const log = (line: string) => console.log(`[bench] ${line}`);
const p50 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const r = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const started = Date.now();
await buildConsole({ onlyIfStale: true });
const comprehend = await startFakeComprehend();
const dynamoPort = await freePort();
const proxy = await startCountingProxy(() => `http://127.0.0.1:${dynamoPort}`);
const stack = await startLocalStack({
  port: await freePort(),
  dynamoDbPort: dynamoPort,
  sesPort: await freePort(),
  apiKey: 'bench-key',
  staffToken: 'bench-staff',
  sentimentProvider: 'comprehend',
  comprehendEndpoint: comprehend.url,
  functionsDynamoDbEndpoint: proxy.url,
});
log(
  `local stack ready in ${Date.now() - started} ms (functions → counting proxy → DynamoDB Local; Comprehend → stub)`,
);
const direct = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
const viaProxy = DynamoDBDocumentClient.from(localDynamoDbClient(proxy.url), {
  marshallOptions: { removeUndefinedValues: true },
});
const config = parseStackConfig({});
const stubMailer: Mailer = { send: async () => ({ messageId: 'bench' }) };

async function postFeedback(body: unknown): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${stack.apiUrl}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'bench-key' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id?: string };
  return { status: response.status, ...(json.id ? { id: json.id } : {}) };
}

async function countReceived(): Promise<number> {
  const client = localDynamoDbClient(stack.dynamoDbEndpoint);
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :r',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': { S: 'received' } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  client.destroy();
  return count;
}

const countFeedback = () => countTableItems(stack.dynamoDbEndpoint);

try {
  // 1. Intake latency: POST through the local stack vs a bare PutItem of the same item, interleaved.
  const body = (i: number) => ({
    channel: 'web',
    text: `Bench feedback ${i}: the queue was long.`,
    language: 'en',
    ratings: { csat: 3 },
  });
  for (let i = 0; i < 30; i += 1) {
    await postFeedback(body(i));
    await viaProxy.send(
      new PutCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        Item: toFeedbackItem(benchRecord(new Date(), i)),
      }),
    );
  }
  // Stream work would run in this same process during the comparison and load only one side of it.
  await stack.poller.stop();
  const intakeMs: number[] = [];
  const putMs: number[] = [];
  for (let i = 0; i < SIZES.intakePairs; i += 1) {
    const timePost = async () => {
      const t = performance.now();
      const answer = await postFeedback(body(i));
      intakeMs.push(performance.now() - t);
      if (answer.status !== 201) throw new Error(`intake answered ${answer.status}`);
    };
    const timePut = async () => {
      const item = toFeedbackItem(benchRecord(new Date(), i));
      const t = performance.now();
      await viaProxy.send(
        new PutCommand({
          TableName: FEEDBACK_TABLE.logicalName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      putMs.push(performance.now() - t);
    };
    if (i % 2 === 0) {
      await timePost();
      await timePut();
    } else {
      await timePut();
      await timePost();
    }
  }
  stack.poller.start();
  await stack.poller.settle(120_000);
  const intake = {
    pairs: SIZES.intakePairs,
    p50Ms: r(p50(intakeMs)),
    putItemP50Ms: r(p50(putMs)),
    overheadRatio: r(p50(intakeMs) / p50(putMs)),
  };
  log(`intake p50 ${intake.p50Ms} ms vs PutItem p50 ${intake.putItemP50Ms} ms → ${intake.overheadRatio}×`);

  // 2. Triage: new feedback without a language through the real stream, Comprehend counted.
  comprehend.reset();
  proxy.reset();
  const triageStart = Date.now();
  const now = new Date();
  await seed(
    direct,
    Array.from({ length: SIZES.triageItems }, (_, i) => toFeedbackItem(benchRecord(now, i))),
  );
  await stack.poller.settle(300_000);
  const comprehendCalls = [...comprehend.calls.values()].reduce((a, b) => a + b, 0);
  const triageWrites = proxy.writes();
  const stillReceived = await countReceived();
  const triage = {
    items: SIZES.triageItems,
    comprehendCalls,
    comprehendDocuments: comprehend.documents(),
    comprehendDocumentsPerItem: r(comprehend.documents() / SIZES.triageItems, 3),
    comprehendCallsByOperation: Object.fromEntries(comprehend.calls),
    itemsPerComprehendCall: r(SIZES.triageItems / comprehendCalls),
    writesPerItem: r(triageWrites / SIZES.triageItems, 3),
    writesByOperation: Object.fromEntries(
      [...proxy.counts.entries()].filter(([op]) => /Put|Update|Delete|Write/.test(op)),
    ),
    untriaged: stillReceived,
    seconds: r((Date.now() - triageStart) / 1000, 1),
  };
  log(
    `triage ${triage.items} items: ${comprehendCalls} Comprehend calls (${triage.itemsPerComprehendCall}/call), ${triage.comprehendDocumentsPerItem} documents/item, ${triage.writesPerItem} writes/item`,
  );

  // 3. Load: submissions at a fixed concurrency; all must be stored and triaged.
  const before = await countFeedback();
  let errors = 0;
  let next = 0;
  const loadStart = performance.now();
  await Promise.all(
    Array.from({ length: SIZES.loadConcurrency }, async () => {
      while (next < SIZES.loadRequests) {
        const i = next++;
        try {
          const answer = await postFeedback({
            channel: 'app',
            text: `Load ${i}: 服务太慢了，等了很久。`,
            customer: { id: `load-${i % 500}` },
          });
          if (answer.status !== 201) errors += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await stack.poller.settle(600_000);
  const stored = (await countFeedback()) - before;
  const load = {
    requests: SIZES.loadRequests,
    concurrency: SIZES.loadConcurrency,
    errors,
    stored,
    triaged: stored - (await countReceived()),
    rps: r(SIZES.loadRequests / loadSeconds, 1),
    seconds: r(loadSeconds, 1),
    deadLetters: stack.poller.deadLetters.length,
  };
  log(
    `load ${load.requests} @ ${load.concurrency}: ${load.errors} errors, ${load.stored} stored, ${load.triaged} triaged, ${load.rps} req/s`,
  );

  // 3b. The whole life of a feedback, every request counted: the cost model's inputs.
  const lifecycle = await measureLifecycle({
    apiUrl: stack.apiUrl,
    sesUrl: stack.sesUrl,
    apiKey: 'bench-key',
    staffToken: 'bench-staff',
    poller: stack.poller,
    proxy,
    comprehend,
    items: SIZES.lifecycleItems,
  });
  log(
    `lifecycle of ${lifecycle.items} items (full life): ${lifecycle.fullLife.apiRequestsPerItem} API requests, ${lifecycle.fullLife.lambdaInvocationsPerItem} invocations, ${lifecycle.fullLife.writeUnitsPerItem} WU, ${lifecycle.fullLife.readUnitsPerItem} RU, ${lifecycle.fullLife.comprehendUnitsPerItem} Comprehend units, ${lifecycle.fullLife.emailsPerItem} emails, ${lifecycle.fullLife.eventsPerItem} events per item`,
  );

  // 4. Snapshot read units: the quarter alone, then with 10× as many items in other quarters.
  const quarterStart = Date.parse('2025-03-31T16:00:00Z');
  const quarterMs = Date.parse('2025-06-30T16:00:00Z') - quarterStart;
  await seed(
    direct,
    openItems(
      SIZES.snapshotItems,
      (i) => new Date(quarterStart + ((i + 0.5) / SIZES.snapshotItems) * quarterMs),
    ),
  );
  const snapshotService = (client: DynamoDBDocumentClient) =>
    new SnapshotService({
      repository: new DynamoDbSnapshotRepository(client, FEEDBACK_TABLE.logicalName),
      mailer: stubMailer,
      config,
      publicBaseUrl: stack.apiUrl,
    });
  const asOf = new Date('2025-07-01T01:00:00+08:00');
  let t = performance.now();
  const alone = await snapshotService(direct).compute('2025-Q2', asOf);
  const aloneSeconds = (performance.now() - t) / 1000;
  const otherQuarters = ['2024-06-15', '2024-11-15', '2025-02-10', '2025-08-20', '2025-12-01'];
  await seed(
    direct,
    openItems(
      SIZES.snapshotItems * 10,
      (i) => new Date(`${otherQuarters[i % otherQuarters.length]}T0${i % 9}:00:00Z`),
    ),
  );
  t = performance.now();
  const crowded = await snapshotService(direct).compute('2025-Q2', asOf);
  const crowdedSeconds = (performance.now() - t) / 1000;
  const snapshot = {
    items: alone.totals.feedback,
    otherItems: SIZES.snapshotItems * 10,
    readUnitsAlone: alone.readUnits,
    readUnitsWithOthers: crowded.readUnits,
    readRatio: r(crowded.readUnits / alone.readUnits, 3),
    secondsAlone: r(aloneSeconds, 2),
    secondsWithOthers: r(crowdedSeconds, 2),
    sameFigures:
      JSON.stringify({ ...alone, computedAt: 0 }) === JSON.stringify({ ...crowded, computedAt: 0 }),
  };
  log(
    `snapshot of ${snapshot.items}: ${snapshot.readUnitsAlone} RU alone, ${snapshot.readUnitsWithOthers} RU with ${snapshot.otherItems} others → ${snapshot.readRatio}×`,
  );

  // 5. Sweep read units: 10 due among 1,000 open items, then among 20,000.
  const calendar = new BusinessCalendar(config.calendar);
  const dueSoon = (at: string) => (record: ReturnType<typeof benchRecord>) => ({
    deadlines: deadlinesFor('P3', new Date(record.receivedAt), config.policy, calendar),
    clockStartedAt: record.receivedAt,
    nextEscalation: { at, deadline: 'firstResponse' as const, level: 1 as const },
  });
  const sweepRun = async (label: string) => {
    await seed(
      direct,
      openItems(10, (i) => new Date(Date.UTC(2020, 0, 1, 0, i)), dueSoon('2020-01-02T00:00:00.000Z')),
    );
    const metered = meteredDocumentClient(stack.dynamoDbEndpoint);
    const service = new EscalationService({
      repository: new DynamoDbFeedbackRepository(metered.client, {
        tableName: FEEDBACK_TABLE.logicalName,
        listHorizonMonths: 36,
      }),
      mailer: stubMailer,
      config,
      publicBaseUrl: stack.apiUrl,
    });
    const summary = await service.sweep(new Date('2021-01-01T00:00:00.000Z'));
    log(`sweep (${label}): ${summary.examined} due, ${summary.sent} sent, ${r(metered.readUnits(), 1)} RU`);
    return { readUnits: metered.readUnits(), examined: summary.examined };
  };
  await seed(
    direct,
    openItems(
      SIZES.sweepSmall,
      (i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      dueSoon('2030-01-01T00:00:00.000Z'),
    ),
  );
  const small = await sweepRun(`${SIZES.sweepSmall} open`);
  await seed(
    direct,
    openItems(
      SIZES.sweepLarge - SIZES.sweepSmall,
      (i) => new Date(Date.UTC(2026, 1, 1, 0, 0, i)),
      dueSoon('2030-01-01T00:00:00.000Z'),
    ),
  );
  const large = await sweepRun(`${SIZES.sweepLarge} open`);
  const sweep = {
    dueItems: 10,
    openSmall: SIZES.sweepSmall,
    openLarge: SIZES.sweepLarge,
    readUnitsSmall: r(small.readUnits, 1),
    readUnitsLarge: r(large.readUnits, 1),
    readRatio: r(large.readUnits / small.readUnits, 3),
  };

  // 6. Bundles and cold-start module init.
  const { bundles, minimal, minimalSingleFile } = await measureBundles(5);
  const largestInit = Math.max(...bundles.map((b) => b.initMs));
  const bundleInitRatio = r(largestInit / minimal.initMs);
  const bundleInitCpuRatio = r(Math.max(...bundles.map((b) => b.initCpuMs)) / minimal.initCpuMs);
  const bundleInitCpuRatioVsSingleFile = r(
    Math.max(...bundles.map((b) => b.initCpuMs)) / minimalSingleFile.initCpuMs,
  );
  log(`bundles: largest init ${largestInit} ms vs minimal ${minimal.initMs} ms → ${bundleInitRatio}×`);

  // 6b. Hot-topic scan read units at 10,000 and 1,000,000 stored complaints (counters only).
  const hotTopicScan = [];
  for (const [stored, year] of [
    [10_000, 2040],
    [1_000_000, 2041],
  ] as const) {
    const measured = await measureScan(direct, FEEDBACK_TABLE.logicalName, stored, year);
    log(
      `hot-topic scan at ${stored} stored complaints: ${measured.bucketsRead} buckets, ${measured.readUnits} RU, ${measured.seconds} s`,
    );
    hotTopicScan.push(measured);
  }

  // 8. The staff console: first-page JS and the inbox's first render with 5,000 open items.
  const consoleFigures = await measureConsole({
    apiUrl: stack.apiUrl,
    staffToken: 'bench-staff',
    client: direct,
  });
  log(
    `console: first page ${consoleFigures.firstLoadKb} KB gzipped; inbox first render p50 ${consoleFigures.inboxRenderMs} ms with ${consoleFigures.openItems} open items`,
  );

  // 7. Cost per million feedback items from the measured counts.
  const cost = costPerMillion(costInputsOf(lifecycle.arrival));
  const costFullLife = costPerMillion(costInputsOf(lifecycle.fullLife));
  log(
    `cost per million items: arrival $${cost.total} (Comprehend $${cost.lines.comprehend}); full life $${costFullLife.total}`,
  );

  // 9. CSV import throughput and memory (1 MB and 5 MB files, each in its own process). Slow
  // on a loaded machine: BENCH_IMPORT=carry keeps the figures of the last `npm run bench:import`.
  const resultsFile = path.join(PROJECT_ROOT, 'bench', 'results.json');
  const previous = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
    : {};
  const importFigures =
    process.env.BENCH_IMPORT === 'carry' && previous.import
      ? previous.import
      : { ...(await measureImport(log)), measuredAt: new Date().toISOString() };

  // 8. Write units of a note at the 1st and the 500th change of one feedback (history items),
  // next to the same figures measured on the embedded-history design; Spectral's counts.
  const historyWrites = {
    ...(await measureHistoryWrites(stack.dynamoDbEndpoint)),
    before: EMBEDDED_HISTORY_BEFORE,
  };
  log(
    `history writes: ${historyWrites.writeUnitsFirst} WU at the 1st change, ${historyWrites.writeUnitsLast} WU at the ${historyWrites.changes}th (before: ${EMBEDDED_HISTORY_BEFORE.writeUnitsFirst} → ${EMBEDDED_HISTORY_BEFORE.writeUnitsLast})`,
  );
  const apiLint = { spectral: spectralCounts(), spectralBefore: SPECTRAL_BEFORE };
  log(`spectral: ${apiLint.spectral.errors} errors (before: ${SPECTRAL_BEFORE.errors})`);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    sizes: SIZES,
    intake,
    triage,
    load,
    snapshot,
    sweep,
    hotTopicScan,
    bundles,
    minimalBundle: minimal,
    bundleInitRatio,
    bundleInitCpuRatio,
    minimalSingleFileBundle: minimalSingleFile,
    bundleInitCpuRatioVsSingleFile,
    console: consoleFigures,
    lifecycle,
    costPerMillionUsd: cost.total,
    cost,
    costPerMillionFullLifeUsd: costFullLife.total,
    costFullLife,
    historyWrites,
    apiLint,
    import: importFigures,
    // Written by `npm run bench:snapshot` (a million items take longer than this run should).
    ...(previous.snapshotScale ? { snapshotScale: previous.snapshotScale } : {}),
    // Written by `npm run bench:checkpoint` (what a snapshot over several runs carries between them).
    ...(previous.snapshotCheckpoint ? { snapshotCheckpoint: previous.snapshotCheckpoint } : {}),
    // Written by `npm run bench:init-parts` (per-dependency init, what bounds bundleInitRatio).
    ...(previous.initParts ? { initParts: previous.initParts } : {}),
    seconds: r((Date.now() - started) / 1000, 1),
  };
  mkdirSync(path.join(PROJECT_ROOT, 'bench'), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const { performanceReport } = await import('./report.ts');
  writeFileSync(path.join(PROJECT_ROOT, 'docs', 'PERFORMANCE.md'), performanceReport(results));
  console.log(`\n${performanceReport(results).split('## How to reproduce')[0]}`);
  log(`done in ${results.seconds} s; wrote bench/results.json and docs/PERFORMANCE.md`);
} finally {
  direct.destroy();
  viaProxy.destroy();
  await stack.stop();
  await proxy.stop();
  await comprehend.stop();
}
