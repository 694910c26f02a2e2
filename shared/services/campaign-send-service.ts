import type { StackConfig } from '../config/stack-config.ts';
import { type Campaign, dueSend, inviteToken, type Recipient } from '../domain/campaigns.ts';
import { labelIn } from '../domain/questionnaire.ts';
import { campaignEmail, campaignSms } from '../email/campaign-email.ts';
import type { CampaignRepository } from '../ports/campaign-repository.ts';
import type { EventClaims } from '../ports/event-publisher.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { CampaignSendMessage } from '../ports/send-queue.ts';
import type { SmsSender } from '../ports/sms-sender.ts';

/** Waits; injectable so pacing is tested without real time. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Spaces sends `intervalMs` apart. Each worker of the queue (at most `campaignSendConcurrency`
 * at once) paces itself at `rate / concurrency`, so all of them together stay within `rate`.
 */
export class Pacer {
  readonly #intervalMs: number;
  readonly #sleep: Sleep;
  readonly #clock: () => number;
  #next = 0;

  constructor(intervalMs: number, sleep: Sleep, clock: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#sleep = sleep;
    this.#clock = clock;
  }

  /** Resolves when the next send may go. */
  async turn(): Promise<void> {
    const now = this.#clock();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    if (at > now) await this.#sleep(at - now);
  }
}

export interface CampaignSendDeps {
  repository: CampaignRepository;
  claims: EventClaims;
  mailer: Mailer;
  sms: SmsSender;
  config: Pick<StackConfig, 'campaignSendRatePerSecond' | 'campaignSendConcurrency' | 'calendar'>;
  publicBaseUrl: string;
  sleep?: Sleep;
}

export interface SendSummary {
  sent: number;
  skipped: number;
}

/**
 * Campaign sending (contract §11): `send` handles one queue message of
 * {@link CampaignDispatchService}. Every send is claimed first (`campaign-<kind>:<campaign>:<recipient>`), so a retried
 * dispatch or a redelivered message sends nothing twice.
 */
export class CampaignSendService {
  readonly #deps: CampaignSendDeps;
  readonly #pacer: Pacer;

  constructor(deps: CampaignSendDeps) {
    this.#deps = deps;
    const { campaignSendRatePerSecond: rate, campaignSendConcurrency: workers } = deps.config;
    this.#pacer = new Pacer(
      (1000 * workers) / rate,
      deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    );
  }

  async send(message: CampaignSendMessage): Promise<SendSummary> {
    const { repository, claims } = this.#deps;
    const campaign = await repository.getCampaign(message.campaignId);
    if (!campaign) return { sent: 0, skipped: message.recipientIds.length };
    const questionnaire = await repository.getQuestionnaire(campaign.questionnaireId);
    if (!questionnaire) return { sent: 0, skipped: message.recipientIds.length };
    const at = new Date(message.dispatchedAt);
    const summary: SendSummary = { sent: 0, skipped: 0 };
    for (const recipientId of message.recipientIds) {
      const recipient = await repository.getRecipient(campaign.id, recipientId);
      if (!recipient || dueSend(recipient, campaign, at) !== message.kind) {
        summary.skipped += 1;
        continue;
      }
      const claimId = `campaign-${message.kind}:${campaign.id}:${recipientId}`;
      if (!(await claims.claim(claimId, new Date()))) {
        summary.skipped += 1;
        continue;
      }
      try {
        await this.#pacer.turn();
        await this.#deliver(
          message.kind,
          campaign,
          recipient,
          labelIn(questionnaire.title, recipient.language),
        );
        await repository.markSent(campaign.id, recipientId, message.kind, new Date().toISOString());
        await claims.complete(claimId, new Date());
        summary.sent += 1;
      } catch (error) {
        await claims.release(claimId).catch(() => undefined);
        throw error;
      }
    }
    return summary;
  }

  async #deliver(kind: 'invite' | 'reminder', campaign: Campaign, recipient: Recipient, title: string) {
    const url = `${this.#deps.publicBaseUrl}/v1/s/${inviteToken(recipient)}`;
    if (recipient.email) {
      const closesOn = campaign.closesAt.slice(0, 10);
      await this.#deps.mailer.send(
        await campaignEmail(kind, recipient.language, {
          to: recipient.email,
          title,
          url,
          closesOn,
          campaignId: campaign.id,
        }),
      );
      return;
    }
    if (recipient.phone)
      await this.#deps.sms.send({
        to: recipient.phone,
        body: campaignSms(kind, recipient.language, url),
        context: { kind: `campaign-${kind}`, campaign: campaign.id },
      });
  }
}
