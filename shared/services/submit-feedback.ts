import { DomainError } from '../domain/errors.ts';
import { newFeedbackRecord, type Submitter } from '../domain/feedback.ts';
import { idempotentFeedbackId, newFeedbackId, requestFingerprint } from '../domain/ids.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { FeedbackInput } from '../schemas/feedback-input.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

export interface SubmitFeedbackCommand {
  input: FeedbackInput;
  submitter: Submitter;
  idempotencyKey?: string | undefined;
  now: Date;
}

export interface SubmitFeedbackResult {
  record: FeedbackRecord;
  /** True when this answers a retry of a request that was already stored. */
  replayed: boolean;
}

/**
 * Stores a new feedback with one conditional write. With an idempotency key the id is derived
 * from it, so a retry meets the stored item: the same body gets the stored answer, a different
 * body is refused with `idempotency_key_reused`.
 */
export async function submitFeedback(
  repository: FeedbackRepository,
  command: SubmitFeedbackCommand,
): Promise<SubmitFeedbackResult> {
  const { input, submitter, idempotencyKey, now } = command;
  const id = idempotencyKey
    ? idempotentFeedbackId(submitter.integrationId, idempotencyKey)
    : newFeedbackId(now);
  const result = await repository.create(
    newFeedbackRecord(input, id, now, submitter),
    requestFingerprint(input),
  );
  if (result.outcome === 'created') return { record: result.record, replayed: false };
  if (!idempotencyKey) throw new Error(`Feedback id collision on ${id}`);
  if (!result.sameRequest) {
    throw new DomainError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request body.',
      [{ path: 'Idempotency-Key', message: 'use a new key for a new feedback' }],
    );
  }
  return { record: result.record, replayed: true };
}
