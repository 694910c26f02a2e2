import type { StackConfig } from '../config/stack-config.ts';
import { ERASED_TEXT } from '../domain/privacy.ts';
import type { RetentionState } from '../ports/retention-state.ts';
import type { SnapshotRepository } from '../ports/snapshot-repository.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import type { CampaignPrivacyService } from './campaign-privacy-service.ts';
import type { PrivacyService } from './privacy-service.ts';

const DAY = 86_400_000;
/** The actor of retention erasures in each history (a scheduled system run, not staff). */
export const RETENTION_ACTOR = 'system:retention';

/** Whether a feedback still holds personal data (an erased one carries only anonymous facts). */
export function holdsPersonalData(record: FeedbackRecord): boolean {
  return !(
    record.anonymous &&
    record.text === ERASED_TEXT &&
    !record.customer?.email &&
    !record.customer?.phone
  );
}

export interface RetentionServiceDependencies {
  /** The month-index read the snapshots use: the same items, page by page. */
  feedback: Pick<SnapshotRepository, 'forEachReceivedBetween'>;
  privacy: PrivacyService;
  /** Campaigns created before the cutoff lose their recipients' personal data (when given). */
  campaigns?: Pick<CampaignPrivacyService, 'eraseCampaignsCreatedBefore'>;
  state: RetentionState;
  config: Pick<StackConfig, 'personalDataRetentionDays' | 'recordRetentionDays'>;
}

/**
 * Retention (contract §11): erases the personal data of feedback received more than
 * `personalDataRetentionDays` ago with the same erasure as `POST /v1/customers/erasure`, and
 * leaves the anonymised record and its history to DynamoDB TTL (`expiresAt`, set at intake to
 * receipt + `recordRetentionDays`). Each run reads only the days received since the previous
 * run's mark; the first run starts `recordRetentionDays` back (anything older has expired).
 * Campaigns created before the same cutoff lose their recipients' contact data and their
 * answers' free text; their anonymous answers stay and still count.
 */
export class RetentionService {
  readonly #deps: RetentionServiceDependencies;

  constructor(deps: RetentionServiceDependencies) {
    this.#deps = deps;
  }

  async run(now: Date) {
    const { config, feedback, privacy, state } = this.#deps;
    const cutoff = new Date(now.getTime() - config.personalDataRetentionDays * DAY).toISOString();
    const from =
      (await state.erasedThrough()) ??
      new Date(now.getTime() - config.recordRetentionDays * DAY).toISOString();
    // Campaigns are few and marked once erased: checked on every run, whatever the feedback mark says.
    const campaigns = (await this.#deps.campaigns?.eraseCampaignsCreatedBefore(cutoff, now)) ?? {
      campaigns: 0,
      recipients: 0,
    };
    const campaignRecipientsErased = campaigns.recipients;
    if (from >= cutoff)
      return { from, cutoff, examined: 0, erased: 0, campaignRecipientsErased, readUnits: 0 };
    const due: string[] = [];
    const { items, readUnits } = await feedback.forEachReceivedBetween(from, cutoff, (record) => {
      // `to` of the month read is inclusive: a feedback received exactly at the cutoff waits a day.
      if (record.receivedAt < cutoff && holdsPersonalData(record)) due.push(record.id);
    });
    for (const id of due)
      await privacy.eraseFeedback(
        id,
        RETENTION_ACTOR,
        `personalDataRetentionDays (${config.personalDataRetentionDays})`,
      );
    await state.markErasedThrough(cutoff, now);
    return {
      from,
      cutoff,
      examined: items,
      erased: due.length,
      campaignRecipientsErased,
      readUnits: Math.round(readUnits * 10) / 10,
    };
  }
}
