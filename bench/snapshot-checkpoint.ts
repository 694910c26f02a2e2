/**
 * `npm run bench:checkpoint`: what a snapshot that outgrows one Lambda run carries between runs.
 * BENCH_CHECKPOINT_ITEMS feedback (default 100,000) go into one `SnapshotAccumulator`, every one
 * answered and resolved (nine timed values each), in two mixes: the heaviest (every item a
 * complaint from a customer seen once: one repeat-complainant key each) and a typical one (one
 * in three a complaint, each customer complaining twice). Measured in this process: the
 * accumulator's heap, the checkpoint's bytes as `S3SnapshotCheckpoints` writes them
 * (`node:v8`), the time to write and to resume, and that the resumed figures equal the
 * original's. Per item, so the README can say how large a quarter the configured memory holds.
 */

import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FUNCTIONS } from '../shared/definitions/function-definitions.ts';
import { BusinessCalendar } from '../shared/domain/calendar.ts';
import { SnapshotAccumulator } from '../shared/domain/snapshot-math.ts';
import type { HistoryEntry } from '../shared/schemas/feedback-record.ts';
import { mergeIntoResults } from './results-file.ts';
import { benchRecord } from './seed.ts';

const ITEMS = Number(process.env.BENCH_CHECKPOINT_ITEMS ?? 100_000);
const log = (line: string) => console.log(`[snapshot-checkpoint] ${line}`);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const r = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const gc = () => (global.gc ? global.gc() : undefined);

const config = parseStackConfig({});
const calendar = new BusinessCalendar(config.calendar);
const asOf = '2025-07-01T00:00:00.000Z';
const from = Date.parse('2025-03-31T16:00:00Z');
const span = Date.parse('2025-06-30T16:00:00Z') - from;
const at = (ms: number) => new Date(ms).toISOString();

/** An answered, resolved complaint (a praise when the mix says so). */
function heaviest(i: number) {
  const received = from + ((i + 0.5) / ITEMS) * span * 0.9;
  const entry = (ms: number, action: string, extra: Partial<HistoryEntry> = {}) =>
    ({ at: at(ms), action, actor: 'staff:bench', ...extra }) as HistoryEntry;
  const record = benchRecord(new Date(received), i, {
    type: 'complaint',
    status: 'resolved',
    category: ['waiting_time', 'staff_attitude', 'billing_payment'][i % 3] ?? 'waiting_time',
    deadlines: {
      firstResponseDue: at(received + 8 * 3_600_000),
      resolutionDue: at(received + 72 * 3_600_000),
    },
  });
  record.history = [
    entry(received, 'received', { to: 'received' }),
    entry(received, 'triaged', { from: 'received', to: 'open' }),
    entry(received + ((i % 7) + 1) * 3_600_000, 'acknowledge', { from: 'open', to: 'acknowledged' }),
    entry(received + ((i % 40) + 10) * 3_600_000, 'resolve', { from: 'acknowledged', to: 'resolved' }),
  ];
  return record;
}

const memoryMb = FUNCTIONS.quarterlySnapshot.memoryMb;

/** Counts `ITEMS` records of one mix, checkpoints and resumes them, and answers the figures per item. */
function measure(kind: string, complaintEvery: number, complaintsPerCustomer: number, items = ITEMS) {
  const heapNow = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  };
  const heapBefore = heapNow();
  let accumulator: SnapshotAccumulator | undefined = new SnapshotAccumulator(asOf, calendar, {
    ids: ['service-desk'],
    fallback: 'service-desk',
  });
  let t = performance.now();
  for (let i = 0; i < items; i += 1) {
    const record = heaviest(i);
    if (i % complaintEvery !== 0) record.type = 'praise';
    const customer = Math.floor(i / complaintsPerCustomer);
    accumulator.add(record, createHash('sha256').update(`customer-${customer}`).digest('base64url'));
  }
  const addSeconds = (performance.now() - t) / 1000;
  const heapWithIt = heapNow();

  t = performance.now();
  let bytes: Buffer | undefined = serialize(accumulator.state());
  const writeMs = performance.now() - t;
  t = performance.now();
  let resumed: SnapshotAccumulator | undefined = SnapshotAccumulator.resume(deserialize(bytes), calendar);
  const resumeMs = performance.now() - t;
  const sameFigures = JSON.stringify(resumed.figures()) === JSON.stringify(accumulator.figures());
  if (!sameFigures) throw new Error(`${kind}: resumed figures differ from the original`);
  const checkpointBytes = bytes.byteLength;
  // What the accumulator holds: the heap with it, less the heap before it.
  const heapHeld = heapWithIt - heapBefore;
  accumulator = undefined;
  resumed = undefined;
  bytes = undefined;

  const heapBytesPerItem = heapHeld / items;
  const checkpointBytesPerItem = checkpointBytes / items;
  // While a run checkpoints it holds the accumulator, the state's copies of its series and the
  // serialized bytes: about the heap per item plus twice the checkpoint per item.
  const peakBytesPerItem = heapBytesPerItem + 2 * checkpointBytesPerItem;
  const figures = {
    kind,
    items: items,
    addSeconds: r(addSeconds, 1),
    heapMb: mb(heapHeld),
    heapBytesPerItem: r(heapBytesPerItem, 1),
    checkpointMb: mb(checkpointBytes),
    checkpointBytesPerItem: r(checkpointBytesPerItem, 1),
    writeMs: r(writeMs, 0),
    resumeMs: r(resumeMs, 0),
    writeMsPerMillionItems: r((writeMs / items) * 1e6, 0),
    resumeMsPerMillionItems: r((resumeMs / items) * 1e6, 0),
    sameFigures,
    checkpointMbAtTenMillion: mb(checkpointBytesPerItem * 1e7),
    peakMbAtTenMillion: mb(peakBytesPerItem * 1e7),
    /** Items a quarter may hold before a checkpointing run needs more memory than the function has (60 % of it; the rest is the runtime, pages and the SDK). */
    memoryLimitItems: Math.floor((memoryMb * 1e6 * 0.6) / peakBytesPerItem),
  };
  log(
    `${kind}: ${items} items, ${figures.heapMb} MB held (${figures.heapBytesPerItem} B each), checkpoint ${figures.checkpointMb} MB (${figures.checkpointBytesPerItem} B each), ` +
      `written in ${figures.writeMs} ms, resumed in ${figures.resumeMs} ms; ${memoryMb} MB holds ~${figures.memoryLimitItems} such items`,
  );
  return figures;
}

// A first small run warms the code up, so its compiled code is not counted as held memory.
measure('warm-up', 1, 1, Math.min(ITEMS, 5_000));
const heaviestMix = measure('every item a complaint from a new customer', 1, 1);
const typicalMix = measure('one item in three a complaint, each customer complaining twice', 3, 2);
const figures = {
  items: ITEMS,
  functionMemoryMb: memoryMb,
  heaviest: heaviestMix,
  typical: typicalMix,
  measuredAt: new Date().toISOString(),
};

await mergeIntoResults({ snapshotCheckpoint: figures });
console.log(JSON.stringify(figures, null, 2));
