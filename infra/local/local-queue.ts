import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface LocalQueueOptions {
  name: string;
  batchSize: number;
  /** Consumers at once, like the event source mapping's maximum concurrency. */
  maxConcurrency: number;
  /** Deliveries before a message is set aside as a dead letter. */
  maxReceiveCount: number;
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  onError?: (message: string, error: unknown) => void;
}

interface Pending {
  messageId: string;
  body: string;
  receiveCount: number;
}

/**
 * An SQS queue with its Lambda event source mapping, in memory: messages sent through the SDK
 * (the capture's `SendMessageBatch`) are delivered in batches to the consumer by at most
 * `maxConcurrency` workers; items it reports failed are redelivered up to `maxReceiveCount`
 * times, then kept in `deadLetters`. `settle()` waits until nothing is queued or running.
 */
export class LocalQueue {
  readonly deadLetters: Pending[] = [];
  readonly #options: LocalQueueOptions;
  readonly #pending: Pending[] = [];
  #running = 0;
  #waiters: (() => void)[] = [];

  constructor(options: LocalQueueOptions) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.name;
  }

  /** Queues message bodies; answers each one's id and body MD5 as SQS does. */
  send(bodies: readonly string[]): { messageId: string; md5: string }[] {
    const sent = bodies.map((body) => {
      const message = { messageId: randomUUID(), body, receiveCount: 0 };
      this.#pending.push(message);
      return { messageId: message.messageId, md5: createHash('md5').update(body).digest('hex') };
    });
    this.#pump();
    return sent;
  }

  #pump(): void {
    while (this.#running < this.#options.maxConcurrency && this.#pending.length) {
      const batch = this.#pending.splice(0, this.#options.batchSize);
      this.#running += 1;
      void this.#deliver(batch).finally(() => {
        this.#running -= 1;
        this.#pump();
        if (this.#idle()) for (const resolve of this.#waiters.splice(0)) resolve();
      });
    }
  }

  async #deliver(batch: Pending[]): Promise<void> {
    for (const message of batch) message.receiveCount += 1;
    const records = batch.map(
      (message): SQSRecord => ({
        messageId: message.messageId,
        receiptHandle: message.messageId,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(message.body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${this.#options.name}`,
        awsRegion: 'us-east-1',
      }),
    );
    let failed: Set<string>;
    try {
      const answer = await this.#options.invoke({ Records: records });
      failed = new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      this.#options.onError?.(`queue ${this.#options.name}: the consumer failed`, error);
      failed = new Set(batch.map((m) => m.messageId));
    }
    for (const message of batch.filter((m) => failed.has(m.messageId))) {
      if (message.receiveCount >= this.#options.maxReceiveCount) this.deadLetters.push(message);
      else this.#pending.push(message);
    }
  }

  #idle(): boolean {
    return this.#running === 0 && this.#pending.length === 0;
  }

  /** True when nothing is queued or being delivered. */
  get idle(): boolean {
    return this.#idle();
  }

  /** Resolves once every queued message has been delivered (or set aside). */
  settle(): Promise<void> {
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
