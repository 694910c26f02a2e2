import { randomUUID } from 'node:crypto';
import { smsEncoding } from '../../shared/domain/sms.ts';
import type { LocalQueue } from './local-queue.ts';

/** A text message the local stack captured instead of sending. */
export interface CapturedSms {
  at: string;
  messageId: string;
  to: string;
  body: string;
  encoding: 'gsm7' | 'ucs2';
  /** Characters of its one segment the message uses (GSM extension characters count twice). */
  units: number;
  messageType: string | null;
  originationIdentity: string | null;
  context: Record<string, string>;
}

/** A domain event the local stack captured instead of putting it on EventBridge. */
export interface CapturedEvent {
  at: string;
  eventId: string;
  source: string;
  detailType: string;
  eventBusName: string;
  detail: unknown;
}

type Answer = { status: number; body: unknown };

/**
 * Stand-ins for End User Messaging SMS (`SendTextMessage`) and EventBridge (`PutEvents`):
 * the functions' real SDK clients are pointed here (`AWS_ENDPOINT_URL_*`), so the same adapter
 * code runs locally; what arrives is listed at `GET /_local/sms` and `GET /_local/events`.
 */
export class AwsCapture {
  readonly sms: CapturedSms[] = [];
  readonly events: CapturedEvent[] = [];
  /** SQS stand-ins by queue name (the last segment of the queue URL). */
  readonly queues = new Map<string, LocalQueue>();

  /** Answers a request for the capture's paths; undefined for any other path. */
  handle(method: string, pathname: string, body: Buffer): Answer | undefined {
    if (method === 'GET' && pathname === '/_local/sms') return { status: 200, body: { items: this.sms } };
    if (method === 'GET' && pathname === '/_local/events')
      return { status: 200, body: { items: this.events } };
    if (method === 'POST' && pathname.startsWith('/_local/aws/sms')) return this.#sendText(body);
    if (method === 'POST' && pathname.startsWith('/_local/aws/events')) return this.#putEvents(body);
    if (method === 'POST' && pathname.startsWith('/_local/aws/sqs')) return this.#sendMessages(body);
    return undefined;
  }

  #sendText(body: Buffer): Answer {
    const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const to = String(input.DestinationPhoneNumber ?? '');
    const text = String(input.MessageBody ?? '');
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      return {
        status: 400,
        body: { __type: 'ValidationException', message: 'DestinationPhoneNumber must be E.164' },
      };
    }
    const messageId = randomUUID();
    this.sms.push({
      at: new Date().toISOString(),
      messageId,
      to,
      body: text,
      ...smsEncoding(text),
      messageType: typeof input.MessageType === 'string' ? input.MessageType : null,
      originationIdentity: typeof input.OriginationIdentity === 'string' ? input.OriginationIdentity : null,
      context: (input.Context as Record<string, string> | undefined) ?? {},
    });
    return { status: 200, body: { MessageId: messageId } };
  }

  /** SQS `SendMessageBatch` (JSON protocol) to a local queue. */
  #sendMessages(body: Buffer): Answer {
    const input = JSON.parse(body.toString('utf8')) as {
      QueueUrl?: string;
      Entries?: { Id: string; MessageBody: string }[];
    };
    const queue = this.queues.get(
      String(input.QueueUrl ?? '')
        .split('/')
        .pop() ?? '',
    );
    if (!queue || !Array.isArray(input.Entries))
      return {
        status: 400,
        body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'No such queue' },
      };
    const sent = queue.send(input.Entries.map((entry) => entry.MessageBody));
    return {
      status: 200,
      body: {
        Successful: input.Entries.map((entry, i) => ({
          Id: entry.Id,
          MessageId: sent[i]?.messageId,
          MD5OfMessageBody: sent[i]?.md5,
        })),
        Failed: [],
      },
    };
  }

  #putEvents(body: Buffer): Answer {
    const input = JSON.parse(body.toString('utf8')) as { Entries?: Record<string, unknown>[] };
    const entries = input.Entries ?? [];
    const answered = entries.map((entry) => {
      const eventId = randomUUID();
      this.events.push({
        at: new Date().toISOString(),
        eventId,
        source: String(entry.Source ?? ''),
        detailType: String(entry.DetailType ?? ''),
        eventBusName: String(entry.EventBusName ?? 'default'),
        detail: JSON.parse(String(entry.Detail ?? 'null')) as unknown,
      });
      return { EventId: eventId };
    });
    return { status: 200, body: { FailedEntryCount: 0, Entries: answered } };
  }
}
