/**
 * CSV import throughput and memory: a 1 MB and a 5 MB file, each imported in its own process
 * against DynamoDB Local. The import holds one batch of rows at a time, so the 5 MB import's
 * peak RSS should be within 10 % of the 1 MB import's (the file itself is the only difference).
 * A second comparison ({@link measureImportHeap}) imports both files with writes answered in
 * process, once with V8's default heap sizing and once with the heap capped, to tell what the
 * import retains from the garbage V8 lets pile up before it collects.
 * Run alone with `npm run bench:import` (merges its figures into bench/results.json;
 * `-- --heap-only` runs only the in-process comparison) or as part of `npm run bench`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { ensureLocalTable } from '../infra/local/local-tables.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { FUNCTIONS, heapFlags } from '../shared/definitions/function-definitions.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';

const run = promisify(execFile);

interface WorkerResult {
  bytes: number;
  rows: number;
  created: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  sampledPeakMb: number;
  liveHeapPeakMb: number;
}

/** A comment book of about `bytes` bytes: every contract column, quoted commas, some newlines. */
export function commentBook(bytes: number, seed: string): Buffer {
  const lines = [
    'text,channel,language,receivedOn,customerEmail,customerPhone,consent,csat,nps,anonymous,reference',
  ];
  let size = lines[0]?.length ?? 0;
  for (let i = 1; size < bytes; i += 1) {
    const text =
      i % 10 === 0
        ? `"${seed} row ${i}: the queue at window ${i % 9} was long,\nbut the staff were ""very"" kind"`
        : `"${seed} row ${i}: waited ${i % 60} minutes at window ${i % 9}, staff polite"`;
    const line = [
      text,
      i % 3 === 0 ? 'phone' : 'in_person',
      i % 2 ? 'en' : 'zh',
      `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      i % 4 ? `reader${i}@example.com` : '',
      i % 4 ? '' : `138${String(i % 100_000_000).padStart(8, '0')}`,
      'true',
      String((i % 5) + 1),
      String(i % 11),
      'false',
      `BOOK-${i}`,
    ].join(',');
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const r = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Processes per file size and heap mode in {@link measureImportHeap} (medians are reported). */
const HEAP_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** V8 limits of the capped run: 64 MB old space, 4 MB semi-spaces (young generation 12 MB). */
export const CAPPED_HEAP_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=4'];

/** The V8 flags the import functions are deployed with (`heapLimits`, set as `NODE_OPTIONS`). */
export const DEPLOYED_HEAP_FLAGS = heapFlags(FUNCTIONS.importFromS3.heapLimits);

async function importInWorker(sink: string, file: string, v8Flags: readonly string[]): Promise<WorkerResult> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', ...v8Flags, '--import', 'tsx', path.join('bench', 'import-worker.ts'), sink, file],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_REGION: 'us-east-1' },
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as WorkerResult;
}

/**
 * Both files imported with writes answered in process (no DynamoDB: parse, validate, build and
 * batch only), with V8's default heap sizing and with {@link CAPPED_HEAP_FLAGS}. If the capped
 * 5 MB import completes within 10 % of the capped 1 MB one, what the import needs is bounded and
 * the default run's extra RSS is garbage V8 chose not to collect yet.
 */
export async function measureImportHeap(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-heap-'));
  try {
    const files = {
      '1MB': path.join(dir, '1MB.csv'),
      '5MB': path.join(dir, '5MB.csv'),
    };
    writeFileSync(files['1MB'], commentBook(1024 * 1024 - 4096, `1MB-heap-${Date.now()}`));
    writeFileSync(files['5MB'], commentBook(5 * 1024 * 1024 - 4096, `5MB-heap-${Date.now()}`));
    const figures: Record<string, number | boolean | string> = {
      heapSink: 'memory',
      heapRuns: HEAP_RUNS,
      cappedHeapFlags: CAPPED_HEAP_FLAGS.join(' '),
      deployedHeapFlags: DEPLOYED_HEAP_FLAGS.join(' '),
    };
    for (const [mode, flags] of [
      ['DefaultHeap', []],
      ['CappedHeap', CAPPED_HEAP_FLAGS],
      ['DeployedHeap', DEPLOYED_HEAP_FLAGS],
    ] as const) {
      // Each size HEAP_RUNS times, alternating; medians, since the RSS before the import (module
      // loading, the machine's load) varies by several MB from one process to the next.
      const runs: Record<'1MB' | '5MB', WorkerResult[]> = { '1MB': [], '5MB': [] };
      for (let i = 0; i < HEAP_RUNS; i += 1) {
        for (const label of ['1MB', '5MB'] as const) {
          const result = await importInWorker('memory', files[label], flags);
          runs[label].push(result);
          log(
            `import ${label} in process, ${mode} #${i + 1}: ${result.rows} rows in ${r(result.seconds, 1)} s, peak RSS ${r(result.peakRssMb)} MB (before import ${r(result.rssBeforeMb)} MB)`,
          );
        }
      }
      const peak = (label: '1MB' | '5MB') => median(runs[label].map((x) => x.peakRssMb));
      const above = (label: '1MB' | '5MB') => median(runs[label].map((x) => x.peakRssMb - x.rssBeforeMb));
      figures[`peakRssMb${mode}1MB`] = r(peak('1MB'));
      figures[`peakRssMb${mode}`] = r(peak('5MB'));
      figures[`rssAboveStartMb${mode}1MB`] = r(above('1MB'));
      figures[`rssAboveStartMb${mode}`] = r(above('5MB'));
      figures[`peakRssGrowthPercent${mode}`] = r((peak('5MB') / peak('1MB') - 1) * 100);
      figures[`withinTenPercent${mode}`] = peak('5MB') / peak('1MB') < 1.1;
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both imports and answers the figures `npm run bench` reports under `import`. */
export async function measureImport(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-bench-'));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  try {
    const setup = localDynamoDbClient(dynamo.endpoint);
    await ensureLocalTable(setup, FEEDBACK_TABLE);
    setup.destroy();
    const results: Record<string, WorkerResult> = {};
    for (const [label, megabytes] of [
      ['1MB', 1],
      ['5MB', 5],
    ] as const) {
      const file = path.join(dir, `${label}.csv`);
      writeFileSync(file, commentBook(megabytes * 1024 * 1024 - 4096, `${label}-${Date.now()}`));
      // As deployed: with the import functions' heap limits.
      const result = await importInWorker(dynamo.endpoint, file, DEPLOYED_HEAP_FLAGS);
      results[label] = result;
      log(
        `import ${label}: ${result.rows} rows in ${r(result.seconds, 2)} s → ${r(result.rows / result.seconds, 0)} rows/s, peak RSS ${r(result.peakRssMb)} MB (before import ${r(result.rssBeforeMb)} MB), live heap peak ${r(result.liveHeapPeakMb)} MB`,
      );
    }
    const small = results['1MB'] as WorkerResult;
    const large = results['5MB'] as WorkerResult;
    return {
      batchRows: 25,
      heapFlags: DEPLOYED_HEAP_FLAGS.join(' '),
      rows: large.rows,
      bytes: large.bytes,
      seconds: r(large.seconds, 2),
      rowsPerSecond: r(large.rows / large.seconds, 0),
      peakRssMb: r(large.peakRssMb),
      peakRssMb1MB: r(small.peakRssMb),
      rowsPerSecond1MB: r(small.rows / small.seconds, 0),
      rssAboveStartMb: r(large.sampledPeakMb - large.rssBeforeMb),
      rssAboveStartMb1MB: r(small.sampledPeakMb - small.rssBeforeMb),
      liveHeapPeakMb: r(large.liveHeapPeakMb),
      liveHeapPeakMb1MB: r(small.liveHeapPeakMb),
      peakRssGrowthPercent: r((large.peakRssMb / small.peakRssMb - 1) * 100),
      withinTenPercent: large.peakRssMb / small.peakRssMb < 1.1,
      ...(await measureImportHeap(log)),
    };
  } finally {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const heapOnly = process.argv.includes('--heap-only');
  const log = (line: string) => console.log(`[bench] ${line}`);
  const measured = heapOnly ? await measureImportHeap(log) : await measureImport(log);
  // Read after measuring (minutes): only the import figures are ours to change.
  const resultsFile = path.join(PROJECT_ROOT, 'bench', 'results.json');
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  const figures = heapOnly ? { ...(results.import as Record<string, unknown>), ...measured } : measured;
  results.import = { ...figures, [heapOnly ? 'heapMeasuredAt' : 'measuredAt']: new Date().toISOString() };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
}
