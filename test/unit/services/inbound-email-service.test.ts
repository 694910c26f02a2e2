import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { idempotentFeedbackId } from '../../../shared/domain/ids.ts';
import type { InboundMessage } from '../../../shared/domain/inbound-email.ts';
import type { CreateFeedbackResult, FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { InboundEmailService } from '../../../shared/services/inbound-email-service.ts';

const NOW = new Date('2026-12-02T03:00:00.000Z');

/** `create` in memory: one conditional write per id, a retry told apart by its fingerprint. */
function memoryStore(failWith?: Error) {
  const records = new Map<string, { record: FeedbackRecord; fingerprint: string }>();
  const create = async (record: FeedbackRecord, fingerprint: string): Promise<CreateFeedbackResult> => {
    if (failWith) throw failWith;
    const stored = records.get(record.id);
    if (stored)
      return { outcome: 'exists', record: stored.record, sameRequest: stored.fingerprint === fingerprint };
    records.set(record.id, { record, fingerprint });
    return { outcome: 'created', record };
  };
  return { repository: { create } as unknown as FeedbackRepository, records };
}

function message(extra: Partial<InboundMessage> = {}): InboundMessage {
  return {
    messageId: 'abc123@mail.example.org',
    from: { address: 'Li.Wei@Example.org', name: 'Li Wei' },
    subject: 'Broken lift',
    text: 'The lift at gate 3 has been broken for a week.',
    headers: new Map(),
    contentType: 'text/plain',
    attachments: 0,
    ...extra,
  };
}

function setup(options: { failWith?: Error; withClock?: boolean } = {}) {
  const store = memoryStore(options.failWith);
  const raws: Buffer[] = [];
  let next = message();
  const service = new InboundEmailService({
    repository: store.repository,
    parse: async (raw) => {
      raws.push(raw);
      return next;
    },
    ...(options.withClock === false ? {} : { now: () => NOW }),
  });
  return { service, store, raws, deliver: (m: InboundMessage) => (next = m) };
}

const idOf = (source: string) =>
  idempotentFeedbackId('inbound-email', `email-${createHash('sha256').update(source).digest('hex')}`);

describe('InboundEmailService.receive', () => {
  it('stores a message as email feedback under an id derived from its Message-ID', async () => {
    // Prepare
    const { service, store, raws } = setup();
    const raw = Buffer.from('raw message');

    // Act
    const outcome = await service.receive(raw, 'inbound/obj-1');

    // Assess
    const id = idOf('message-id:abc123@mail.example.org');
    expect(outcome).toEqual({ outcome: 'created', feedbackId: id });
    expect(raws).toEqual([raw]);
    expect(store.records.get(id)?.record).toMatchObject({
      channel: 'email',
      customer: { email: 'li.wei@example.org', name: 'Li Wei' },
      consent: { contact: true },
      receivedAt: '2026-12-02T03:00:00.000Z',
      history: [{ actor: 'channel:inbound-email', action: 'received' }],
    });
  });

  it('answers a duplicate and adds nothing when the same message arrives again', async () => {
    // Prepare
    const { service, store } = setup();
    await service.receive(Buffer.from('raw'), 'inbound/obj-1');

    // Act
    const again = await service.receive(Buffer.from('raw'), 'inbound/obj-2');

    // Assess
    expect(again).toEqual({ outcome: 'duplicate', feedbackId: idOf('message-id:abc123@mail.example.org') });
    expect(store.records.size).toBe(1);
  });

  it('skips a different message that reuses a stored Message-ID', async () => {
    // Prepare
    const { service, store, deliver } = setup();
    await service.receive(Buffer.from('raw'), 'inbound/obj-1');
    deliver(message({ text: 'Something else entirely.' }));

    // Act
    const outcome = await service.receive(Buffer.from('raw 2'), 'inbound/obj-2');

    // Assess
    expect(outcome).toEqual({
      outcome: 'skipped',
      reason: 'duplicate_message_id',
      detail: 'a different message with the same Message-ID is already stored',
    });
    expect(store.records.size).toBe(1);
  });

  it('keys a message without Message-ID by its object key', async () => {
    // Prepare
    const { service, deliver } = setup();
    deliver(message({ messageId: undefined }));

    // Act
    const outcome = await service.receive(Buffer.from('raw'), 'inbound/obj-7');

    // Assess
    expect(outcome).toEqual({ outcome: 'created', feedbackId: idOf('object:inbound/obj-7') });
  });

  it.each([
    ['a bounce', message({ contentType: 'multipart/report' }), 'bounce', 'Content-Type: multipart/report'],
    [
      'an auto-reply',
      message({ headers: new Map([['auto-submitted', 'auto-replied']]) }),
      'auto_reply',
      'Auto-Submitted: auto-replied',
    ],
    ['a message without text', message({ text: '  ' }), 'no_text', expect.stringContaining('no text body')],
  ])('skips %s and stores nothing', async (_, received, reason, detail) => {
    // Prepare
    const { service, store, deliver } = setup();
    deliver(received);

    // Act
    const outcome = await service.receive(Buffer.from('raw'), 'inbound/obj-1');

    // Assess
    expect(outcome).toEqual({ outcome: 'skipped', reason, detail });
    expect(store.records.size).toBe(0);
  });

  it('skips a message the feedback schema refuses, naming each issue', async () => {
    // Prepare
    const { service, store, deliver } = setup();
    deliver(message({ from: { address: `${'x'.repeat(260)}@@example.org`, name: undefined } }));

    // Act
    const outcome = await service.receive(Buffer.from('raw'), 'inbound/obj-1');

    // Assess
    expect(outcome).toMatchObject({ outcome: 'skipped', reason: 'invalid' });
    const detail = (outcome as { detail: string }).detail;
    expect(detail.split('; ')).toEqual([
      expect.stringMatching(/^customer\.email: ./),
      expect.stringMatching(/^customer\.email: ./),
    ]);
    expect(store.records.size).toBe(0);
  });

  it('lets a refusal other than a reused key through', async () => {
    // Prepare
    const { service } = setup({ failWith: new DomainError('conflict', 'The feedback changed meanwhile.') });

    // Act
    const failure = await service
      .receive(Buffer.from('raw'), 'inbound/obj-1')
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'conflict' });
  });

  it('lets a storage failure through, so the event is retried', async () => {
    // Prepare
    const { service } = setup({ failWith: new Error('ProvisionedThroughputExceeded') });

    // Act
    const failure = await service
      .receive(Buffer.from('raw'), 'inbound/obj-1')
      .catch((error: unknown) => error);

    // Assess
    expect((failure as Error).message).toBe('ProvisionedThroughputExceeded');
  });

  it('runs on the wall clock when no clock is given', async () => {
    // Prepare
    const { service, store } = setup({ withClock: false });

    // Act
    const outcome = await service.receive(Buffer.from('raw'), 'inbound/obj-1');

    // Assess
    expect(outcome.outcome).toBe('created');
    expect(store.records.size).toBe(1);
  });
});
