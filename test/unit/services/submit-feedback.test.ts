import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { idempotentFeedbackId } from '../../../shared/domain/ids.ts';
import type { CreateFeedbackResult, FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { FeedbackInput } from '../../../shared/schemas/feedback-input.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { submitFeedback } from '../../../shared/services/submit-feedback.ts';

const NOW = new Date('2026-12-02T03:00:00.000Z');
const input: FeedbackInput = { channel: 'web', text: 'The counter was closed.' } as FeedbackInput;
const submitter = { integrationId: 'web-form' };

/** `create` in memory; `collide` answers every write as an existing item (an id clash). */
function memoryStore(collide = false) {
  const records = new Map<string, { record: FeedbackRecord; fingerprint: string }>();
  const create = async (record: FeedbackRecord, fingerprint: string): Promise<CreateFeedbackResult> => {
    const stored = records.get(record.id);
    if (stored || collide)
      return {
        outcome: 'exists',
        record: stored?.record ?? record,
        sameRequest: (stored?.fingerprint ?? fingerprint) === fingerprint,
      };
    records.set(record.id, { record, fingerprint });
    return { outcome: 'created', record };
  };
  return { repository: { create } as unknown as FeedbackRepository, records };
}

describe('submitFeedback', () => {
  it('stores a new feedback and answers it as not replayed', async () => {
    // Prepare
    const { repository, records } = memoryStore();

    // Act
    const result = await submitFeedback(repository, { input, submitter, now: NOW });

    // Assess
    expect(result.replayed).toBe(false);
    expect(result.record).toMatchObject({
      text: 'The counter was closed.',
      receivedAt: '2026-12-02T03:00:00.000Z',
    });
    expect([...records.keys()]).toEqual([result.record.id]);
  });

  it('answers a retry with the same key and body with the stored feedback, replayed', async () => {
    // Prepare
    const { repository, records } = memoryStore();
    const first = await submitFeedback(repository, { input, submitter, idempotencyKey: 'k-1', now: NOW });

    // Act
    const retry = await submitFeedback(repository, {
      input,
      submitter,
      idempotencyKey: 'k-1',
      now: new Date('2026-12-02T03:05:00.000Z'),
    });

    // Assess
    expect(first).toMatchObject({ replayed: false, record: { id: idempotentFeedbackId('web-form', 'k-1') } });
    expect(retry.replayed).toBe(true);
    expect(retry.record.receivedAt).toBe('2026-12-02T03:00:00.000Z');
    expect(records.size).toBe(1);
  });

  it('refuses a reused key with a different body', async () => {
    // Prepare
    const { repository } = memoryStore();
    await submitFeedback(repository, { input, submitter, idempotencyKey: 'k-1', now: NOW });

    // Act
    const error = await submitFeedback(repository, {
      input: { ...input, text: 'Another thing.' },
      submitter,
      idempotencyKey: 'k-1',
      now: NOW,
    }).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'idempotency_key_reused',
      message: 'This Idempotency-Key was already used with a different request body.',
      issues: [{ path: 'Idempotency-Key', message: 'use a new key for a new feedback' }],
    });
  });

  it('fails loudly on an id clash without a key rather than answering someone else’s feedback', async () => {
    // Prepare
    const { repository } = memoryStore(true);

    // Act
    const error = await submitFeedback(repository, { input, submitter, now: NOW }).catch(
      (thrown: unknown) => thrown,
    );

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/^Feedback id collision on [0-9A-Z]{26}$/);
  });
});
