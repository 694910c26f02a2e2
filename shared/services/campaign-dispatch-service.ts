import type { StackConfig } from '../config/stack-config.ts';
import { dueSend } from '../domain/campaigns.ts';
import type { CampaignRepository } from '../ports/campaign-repository.ts';
import type { CampaignSendMessage, SendQueue } from '../ports/send-queue.ts';

export interface CampaignDispatchDeps {
  repository: Pick<CampaignRepository, 'listCampaigns' | 'campaignItems'>;
  queue: SendQueue;
  config: Pick<StackConfig, 'campaignSendBatchSize'>;
}

export interface DispatchSummary {
  campaigns: number;
  invitations: number;
  reminders: number;
  messages: number;
}

/**
 * The schedule's half of campaign sending (contract §11): finds the invitations and reminders
 * due at an instant and fans them out as queue messages of `campaignSendBatchSize` recipients,
 * which `CampaignSendService` sends. It sends nothing itself, so its function carries
 * neither the mailer nor the SMS client nor the templates.
 */
export class CampaignDispatchService {
  readonly #deps: CampaignDispatchDeps;

  constructor(deps: CampaignDispatchDeps) {
    this.#deps = deps;
  }

  async dispatch(now: Date): Promise<DispatchSummary> {
    const summary: DispatchSummary = { campaigns: 0, invitations: 0, reminders: 0, messages: 0 };
    const open = (await this.#deps.repository.listCampaigns(1000)).filter(
      (c) => c.closesAt > now.toISOString() && c.createdAt <= now.toISOString(),
    );
    const batch = this.#deps.config.campaignSendBatchSize;
    for (const campaign of open) {
      const { recipients } = await this.#deps.repository.campaignItems(campaign.id);
      const due = { invite: [] as string[], reminder: [] as string[] };
      for (const recipient of recipients) {
        const kind = dueSend(recipient, campaign, now);
        if (kind) due[kind].push(recipient.id);
      }
      if (!due.invite.length && !due.reminder.length) continue;
      summary.campaigns += 1;
      summary.invitations += due.invite.length;
      summary.reminders += due.reminder.length;
      const messages: CampaignSendMessage[] = [];
      for (const kind of ['invite', 'reminder'] as const)
        for (let i = 0; i < due[kind].length; i += batch)
          messages.push({
            campaignId: campaign.id,
            kind,
            recipientIds: due[kind].slice(i, i + batch),
            dispatchedAt: now.toISOString(),
          });
      await this.#deps.queue.enqueue(messages);
      summary.messages += messages.length;
    }
    return summary;
  }
}
