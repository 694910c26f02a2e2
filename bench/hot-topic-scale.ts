/**
 * Read units of one hot-topic scan on DynamoDB Local, for a table of 10,000 and of 1,000,000
 * stored complaints (received evenly over a year, 3,000-word vocabulary, six terms each).
 * The scan reads only counter partitions (6 hours + 28 days), so what it reads grows with the
 * complaints per day (more distinct terms per bucket), never with the items stored. The
 * counters are written as the counting function would have left them, aggregated, so a
 * million complaints need not be triaged first.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDbHotTopicRepository,
  ID_SAMPLE_CAP,
} from '../shared/adapters/dynamodb-hot-topic-repository.ts';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { scanBuckets, topicKey } from '../shared/domain/hot-topics.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import { HotTopicService } from '../shared/services/hot-topic-service.ts';

const VOCABULARY = 3000;
const TERMS_PER_COMPLAINT = 6;
const CATEGORIES = ['waiting_time', 'staff_attitude', 'billing_payment', 'product_quality', 'delivery'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counter keys with their counts for `complaints` drawn complaints (Zipf terms). */
function drawCounts(complaints: number, random: () => number): Map<string, number> {
  const harmonic = Array.from({ length: VOCABULARY }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
  const counts = new Map<string, number>([['total', complaints]]);
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let c = 0; c < complaints; c += 1) {
    add(topicKey('category', CATEGORIES[c % CATEGORIES.length] as string));
    for (let t = 0; t < TERMS_PER_COMPLAINT; t += 1) {
      let u = random() * harmonic;
      let rank = 0;
      while (u > 1 / (rank + 1) && rank < VOCABULARY - 1) {
        u -= 1 / (rank + 1);
        rank += 1;
      }
      add(topicKey('term', `w${rank}`));
    }
  }
  return counts;
}

async function writeAll(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as Record<string, unknown>[];
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
}

export interface ScanScaleResult {
  storedComplaints: number;
  complaintsPerDay: number;
  counterItemsRead: number;
  bucketsRead: number;
  readUnits: number;
  seconds: number;
}

/** Seeds one volume's counters in its own year (so volumes never mix) and measures one scan. */
export async function measureScan(
  client: DynamoDBDocumentClient,
  tableName: string,
  storedComplaints: number,
  year: number,
): Promise<ScanScaleResult> {
  const config = parseStackConfig({});
  const random = prng(storedComplaints);
  const perDay = storedComplaints / 365;
  const now = new Date(`${year}-06-15T06:20:00Z`);
  const buckets = scanBuckets(now, config.hotTopics, config.calendar.timezone);
  const items: Record<string, unknown>[] = [];
  for (const day of buckets.baseline) {
    for (const [key, n] of drawCounts(Math.round(perDay), random))
      items.push({ pk: `HOTDAY#${day}`, sk: `c#${key}`, n, entity: 'hot-count' });
  }
  let seq = 0;
  for (const hour of buckets.window) {
    for (const [key, n] of drawCounts(Math.round(perDay / 24), random)) {
      items.push({ pk: `HOTHOUR#${hour}`, sk: `c#${key}`, n, entity: 'hot-count' });
      const ids = Array.from({ length: Math.min(n, ID_SAMPLE_CAP) }, () => {
        seq += 1;
        return `01JBENCH${String(seq).padStart(18, '0')}`;
      });
      items.push({ pk: `HOTHOUR#${hour}`, sk: `i#${key}`, ids: new Set(ids), entity: 'hot-sample' });
    }
  }
  await writeAll(client, tableName, items);
  const mailer: Mailer = { send: async () => ({ messageId: 'bench' }) };
  const repository = new DynamoDbHotTopicRepository(client, tableName);
  const service = new HotTopicService({ repository, mailer, config, publicBaseUrl: 'http://bench' });
  const started = performance.now();
  const summary = await service.scan(now);
  return {
    storedComplaints,
    complaintsPerDay: Math.round(perDay),
    counterItemsRead: items.length,
    bucketsRead: summary.bucketsRead,
    readUnits: Math.round(summary.readUnits * 10) / 10,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
