import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CampaignSendMessage, SendQueue } from '../ports/send-queue.ts';

/** The environment variable that names the campaign send queue (set for the dispatch function). */
export const CAMPAIGN_QUEUE_URL_ENV = 'CAMPAIGN_SEND_QUEUE_URL';

/** {@link SendQueue} on SQS: `SendMessageBatch` of up to 10 messages, failed entries retried. */
export class SqsSendQueue implements SendQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async enqueue(messages: readonly CampaignSendMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      let entries = messages
        .slice(i, i + 10)
        .map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) }));
      for (let attempt = 0; entries.length; attempt += 1) {
        const answer = await this.#client.send(
          new SendMessageBatchCommand({ QueueUrl: this.#queueUrl, Entries: entries }),
        );
        const failed = new Set((answer.Failed ?? []).map((f) => f.Id));
        if (failed.size && attempt >= 4)
          throw new Error(`SQS refused ${failed.size} campaign send message(s)`);
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}
