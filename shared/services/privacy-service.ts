import { customerKeysFor } from '../domain/customer-key.ts';
import { ERASED_TEXT, type ErasureRequest, erasePersonalData } from '../domain/privacy.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { CampaignPrivacyService } from './campaign-privacy-service.ts';

export interface PrivacyServiceDependencies {
  repository: FeedbackRepository;
  /** The customer's campaign recipient entries and answers' free text (erased too when given). */
  campaigns?: Pick<CampaignPrivacyService, 'eraseCustomer'>;
  now?: () => Date;
}

/**
 * Erases one customer's personal data across all their feedback (found through the
 * `byCustomer` index under each key they may be stored by), recording the erasure in each
 * feedback's history, and across their campaign recipient entries. Safe to repeat: erased
 * feedback no longer carries the customer's keys.
 */
export class PrivacyService {
  readonly #deps: PrivacyServiceDependencies;

  constructor(deps: PrivacyServiceDependencies) {
    this.#deps = deps;
  }

  async erase(request: ErasureRequest, actor: string): Promise<{ erased: number; feedbackIds: string[] }> {
    const ids = new Set<string>();
    for (const key of customerKeysFor(request.customer)) {
      for (const record of await this.#deps.repository.byCustomerKey(key)) {
        if (ids.has(record.id)) continue;
        await this.eraseFeedback(record.id, actor, request.reason);
        ids.add(record.id);
      }
    }
    await this.#deps.campaigns?.eraseCustomer(
      customerKeysFor(request.customer),
      this.#deps.now?.() ?? new Date(),
    );
    return { erased: ids.size, feedbackIds: [...ids] };
  }

  /**
   * Erases one feedback (also the retention run's erasure) under optimistic concurrency, re-reading when it changed meanwhile.
   * Every note of its history goes first (staff notes are free text about the customer, survey
   * comments are the customer's own words); the record itself last, since erasing it drops the
   * customer keys that find it again, so an interrupted erasure is finished by a retry.
   */
  async eraseFeedback(id: string, actor: string, reason?: string): Promise<void> {
    await this.#deps.repository.eraseHistoryNotes(id, ERASED_TEXT);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const record = await this.#deps.repository.get(id);
      if (!record) return;
      const next = erasePersonalData(record, actor, this.#deps.now?.() ?? new Date(), reason);
      if (await this.#deps.repository.saveChanges(record, next)) return;
    }
    throw new Error(`Could not erase feedback ${id}: it kept changing`);
  }
}
