import { DomainError } from '../domain/errors.ts';
import { decideInbound, type InboundMessage, type SkipReason } from '../domain/inbound-email.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import { feedbackInputSchema } from '../schemas/feedback-input.ts';
import { submitFeedback } from './submit-feedback.ts';

/** The integration inbound email is recorded under (`submittedBy: channel:inbound-email`). */
export const INBOUND_EMAIL_INTEGRATION = 'inbound-email';

/** What became of one received message. */
export type InboundOutcome =
  | { outcome: 'created' | 'duplicate'; feedbackId: string }
  | { outcome: 'skipped'; reason: SkipReason; detail: string };

export interface InboundEmailServiceDependencies {
  repository: FeedbackRepository;
  /** Parses the raw message (RFC 5322 / MIME) into what the rules read. */
  parse: (raw: Buffer) => Promise<InboundMessage>;
  now?: () => Date;
}

/**
 * Turns a received email into feedback through the API's own path: the rules in
 * shared/domain/inbound-email.ts build a `POST /v1/feedback` body, `feedbackInputSchema`
 * validates it and `submitFeedback` stores it with one conditional write under an id derived
 * from the Message-ID (or the object key), so a retried event or a second delivery adds nothing.
 */
export class InboundEmailService {
  readonly #deps: InboundEmailServiceDependencies;

  constructor(deps: InboundEmailServiceDependencies) {
    this.#deps = deps;
  }

  /** Stores the message as feedback, or answers why it was skipped; throws only on a failure worth retrying. */
  async receive(raw: Buffer, objectKey: string): Promise<InboundOutcome> {
    const decision = decideInbound(await this.#deps.parse(raw), objectKey);
    if (!decision.ok) return { outcome: 'skipped', reason: decision.reason, detail: decision.detail };
    const parsed = feedbackInputSchema.safeParse(decision.input);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return { outcome: 'skipped', reason: 'invalid', detail };
    }
    try {
      const { record, replayed } = await submitFeedback(this.#deps.repository, {
        input: parsed.data,
        submitter: { integrationId: INBOUND_EMAIL_INTEGRATION },
        idempotencyKey: decision.idempotencyKey,
        now: this.#deps.now?.() ?? new Date(),
      });
      return { outcome: replayed ? 'duplicate' : 'created', feedbackId: record.id };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'idempotency_key_reused') {
        return {
          outcome: 'skipped',
          reason: 'duplicate_message_id',
          detail: 'a different message with the same Message-ID is already stored',
        };
      }
      throw error;
    }
  }
}
