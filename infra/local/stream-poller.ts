import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type EventPattern, passesFilters } from '../../shared/definitions/event-pattern.ts';

/** One stream-triggered function, as the event source mapping would run it. */
export interface StreamConsumer {
  name: string;
  batchSize: number;
  /** Like Lambda's MaximumBatchingWindowInSeconds: wait this long for a batch to fill. */
  maxBatchingWindowMs?: number;
  /** How often a failed batch is retried before its failed records go to the dead-letter list. */
  retryAttempts: number;
  filters?: readonly EventPattern[];
  invoke(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse | undefined>;
}

export interface DeadLetter {
  consumer: string;
  reason: string;
  record: DynamoDBRecord;
}

interface ShardState {
  iterator: string | undefined;
  parentShardId: string | undefined;
  done: boolean;
}

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  consumers: readonly StreamConsumer[];
  /** Where shards that exist at start begin: everything kept, or only what comes next. */
  startAt: 'TRIM_HORIZON' | 'LATEST';
  pollIntervalMs?: number;
  onError?: (message: string, error: unknown) => void;
}

/**
 * Reads a DynamoDB Local stream shard by shard and calls each consumer with the event Lambda
 * would deliver (same record shape, `eventSourceARN` filled in, filters applied, batches of
 * `batchSize`, partial-batch responses honoured). `settle()` waits until every record written
 * before the call, and every record those handlers wrote in turn, has been processed.
 */
export class StreamPoller {
  readonly deadLetters: DeadLetter[] = [];
  /** Invocations per consumer (retries included), as Lambda would bill them; the benchmark reads it. */
  readonly invocations = new Map<string, number>();
  readonly #options: StreamPollerOptions;
  readonly #shards = new Map<string, ShardState>();
  #running = false;
  #loop: Promise<void> | undefined;
  #cycle = 0;
  #quietCycles = 0;
  #lastDescribe = 0;
  #initialised = false;
  #waiters: { afterCycle: number; resolve: () => void }[] = [];
  /** Records waiting for their consumer's batch to fill or its batching window to pass. */
  readonly #buffers = new Map<StreamConsumer, { records: DynamoDBRecord[]; since: number }>();

  constructor(options: StreamPollerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  /** Resolves once two consecutive full poll cycles, begun after this call, found nothing. */
  settle(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stream did not settle in time')), timeoutMs);
      this.#waiters.push({
        afterCycle: this.#cycle + 1,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /**
   * Delivers again every record the stream still holds (those `include` keeps), to every
   * consumer whose filters pass it, as Lambda does when it retries or re-reads a shard: the
   * local proof that a redelivered record changes and sends nothing twice. Answers how many
   * records were replayed.
   */
  async replay(include: (record: DynamoDBRecord) => boolean = () => true): Promise<number> {
    const { StreamDescription } = await this.#options.client.send(
      new DescribeStreamCommand({ StreamArn: this.#options.streamArn }),
    );
    const records: DynamoDBRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await this.#options.client.send(
        new GetShardIteratorCommand({
          StreamArn: this.#options.streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      let iterator = ShardIterator;
      while (iterator) {
        const page = await this.#options.client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
        );
        const batch = (page.Records ?? []).map((record) => toLambdaRecord(record, this.#options.streamArn));
        records.push(...batch.filter(include));
        // An open shard always answers a next iterator; stop once it has nothing more.
        iterator = batch.length ? page.NextShardIterator : undefined;
      }
    }
    for (const consumer of this.#options.consumers) {
      const mine = records.filter((record) => passesFilters(consumer.filters, record));
      for (let at = 0; at < mine.length; at += consumer.batchSize) {
        await this.#invokeWithRetries(consumer, mine.slice(at, at + consumer.batchSize));
      }
    }
    return records.length;
  }

  async #run(): Promise<void> {
    const interval = this.#options.pollIntervalMs ?? 100;
    while (this.#running) {
      let found = 0;
      try {
        found = await this.#pollOnce();
      } catch (error) {
        this.#options.onError?.('stream poll failed', error);
        found = 1;
      }
      this.#cycle += 1;
      this.#quietCycles = found === 0 ? this.#quietCycles + 1 : 0;
      if (this.#quietCycles >= 2) {
        const ready = this.#waiters.filter((w) => this.#cycle - 1 > w.afterCycle);
        this.#waiters = this.#waiters.filter((w) => !ready.includes(w));
        for (const waiter of ready) waiter.resolve();
      }
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  async #pollOnce(): Promise<number> {
    await this.#refreshShards();
    // Records held for a batching window count as work: the stream is not settled yet.
    let found = [...this.#buffers.values()].some((b) => b.records.length > 0) ? await this.#deliver([]) : 0;
    for (const [shardId, shard] of this.#shards) {
      if (shard.done || !shard.iterator) continue;
      const parent = shard.parentShardId ? this.#shards.get(shard.parentShardId) : undefined;
      if (parent && !parent.done) continue; // keep per-key order: a child waits for its parent
      const page = await this.#options.client.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }),
      );
      const records = (page.Records ?? []).map((record) => toLambdaRecord(record, this.#options.streamArn));
      found += records.length;
      if (records.length) found += await this.#deliver(records);
      shard.iterator = page.NextShardIterator;
      if (!shard.iterator) {
        shard.done = true;
        this.#shards.set(shardId, shard);
      }
    }
    return found;
  }

  async #refreshShards(): Promise<void> {
    if (this.#initialised && Date.now() - this.#lastDescribe < 1000) return;
    this.#lastDescribe = Date.now();
    const { StreamDescription } = await this.#options.client.send(
      new DescribeStreamCommand({ StreamArn: this.#options.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.#shards.has(shard.ShardId)) continue;
      const type = this.#initialised ? 'TRIM_HORIZON' : this.#options.startAt;
      const isOpen = !shard.SequenceNumberRange?.EndingSequenceNumber;
      if (!this.#initialised && type === 'LATEST' && !isOpen) {
        this.#shards.set(shard.ShardId, {
          iterator: undefined,
          parentShardId: shard.ParentShardId,
          done: true,
        });
        continue;
      }
      const { ShardIterator } = await this.#options.client.send(
        new GetShardIteratorCommand({
          StreamArn: this.#options.streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: type,
        }),
      );
      this.#shards.set(shard.ShardId, {
        iterator: ShardIterator,
        parentShardId: shard.ParentShardId,
        done: false,
      });
    }
    this.#initialised = true;
  }

  async #deliver(records: DynamoDBRecord[]): Promise<number> {
    let held = 0;
    for (const consumer of this.#options.consumers) {
      const buffer = this.#buffers.get(consumer) ?? { records: [], since: Date.now() };
      if (buffer.records.length === 0) buffer.since = Date.now();
      buffer.records.push(...records.filter((record) => passesFilters(consumer.filters, record)));
      while (buffer.records.length >= consumer.batchSize) {
        await this.#invokeWithRetries(consumer, buffer.records.splice(0, consumer.batchSize));
      }
      const windowPassed = Date.now() - buffer.since >= (consumer.maxBatchingWindowMs ?? 0);
      if (buffer.records.length > 0 && windowPassed)
        await this.#invokeWithRetries(consumer, buffer.records.splice(0));
      held += buffer.records.length;
      this.#buffers.set(consumer, buffer);
    }
    return held;
  }

  /** Lambda semantics: a partial failure retries from the first failed record onwards. */
  async #invokeWithRetries(consumer: StreamConsumer, batch: DynamoDBRecord[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      let firstFailed: number;
      let reason: string;
      try {
        this.invocations.set(consumer.name, (this.invocations.get(consumer.name) ?? 0) + 1);
        const response = await consumer.invoke({ Records: pending });
        const failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        if (failedIds.size === 0) return;
        firstFailed = pending.findIndex((r) => failedIds.has(r.dynamodb?.SequenceNumber ?? ''));
        if (firstFailed < 0) firstFailed = 0;
        reason = 'reported as a batch item failure';
      } catch (error) {
        this.#options.onError?.(`${consumer.name} failed`, error);
        firstFailed = 0;
        reason = error instanceof Error ? error.message : String(error);
      }
      pending = pending.slice(firstFailed);
      if (attempt >= consumer.retryAttempts) {
        for (const record of pending) this.deadLetters.push({ consumer: consumer.name, reason, record });
        return;
      }
    }
  }
}

type JsonAttribute = Record<string, unknown>;

/**
 * DynamoDB Local writes an empty map to its stream as `{}`; DynamoDB (and so Lambda) writes
 * `{"M":{}}`. Repairs that, at any depth, so handlers see what they get when deployed.
 */
export function repairEmptyMaps(image: Record<string, JsonAttribute>): void {
  for (const [name, value] of Object.entries(image)) image[name] = repairAttribute(value);
}

function repairAttribute(value: JsonAttribute): JsonAttribute {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M && typeof value.M === 'object') repairEmptyMaps(value.M as Record<string, JsonAttribute>);
  if (Array.isArray(value.L)) value.L = (value.L as JsonAttribute[]).map(repairAttribute);
  return value;
}

/** The record as Lambda delivers it: epoch-second timestamps, plain JSON, ARN filled in. */
function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const json = JSON.parse(JSON.stringify(record)) as DynamoDBRecord;
  if (json.dynamodb) {
    if (created instanceof Date)
      json.dynamodb.ApproximateCreationDateTime = Math.floor(created.getTime() / 1000);
    for (const image of [json.dynamodb.NewImage, json.dynamodb.OldImage]) {
      if (image) repairEmptyMaps(image as Record<string, JsonAttribute>);
    }
  }
  // DynamoDB Local's records carry no eventSourceARN; Lambda's always do.
  json.eventSourceARN = streamArn;
  return json;
}
