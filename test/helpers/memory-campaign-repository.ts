import type { Campaign, CampaignResponse, Recipient } from '../../shared/domain/campaigns.ts';
import type { Questionnaire } from '../../shared/domain/questionnaire.ts';
import type { CampaignRepository } from '../../shared/ports/campaign-repository.ts';
import type { FeedbackRecord } from '../../shared/schemas/feedback-record.ts';

/** One call the services made, by method name and arguments (what a test can count and read). */
export type RepositoryCall = [method: string, ...args: unknown[]];

/**
 * An in-memory {@link CampaignRepository} that behaves like the DynamoDB one where a service can
 * tell (one answer per recipient, erasure keeps dates and ratings, pointers per customer key) and
 * records every call.
 */
export class MemoryCampaignRepository implements CampaignRepository {
  readonly questionnaires = new Map<string, Questionnaire>();
  readonly campaigns = new Map<string, Campaign>();
  /** Recipients by campaign id. */
  readonly recipients = new Map<string, Recipient[]>();
  /** Responses by campaign id. */
  readonly responses = new Map<string, CampaignResponse[]>();
  /** The `csatRating` stored beside each response, by response id. */
  readonly csatRatings = new Map<string, number | undefined>();
  /** The "surveyed" marks: when each customer key was last selected. */
  readonly surveyed = new Map<string, string>();
  /** Recipient pointers by customer key. */
  readonly pointers = new Map<string, { campaignId: string; recipientId: string }[]>();
  /** When each campaign's personal data was erased by the retention run. */
  readonly erasedCampaigns = new Map<string, string>();
  feedback: FeedbackRecord[] = [];
  readonly calls: RepositoryCall[] = [];
  /** The map the last `lastSurveyed` call answered (the service may add to it). */
  lastSurveyedAnswer: Map<string, string> | undefined;

  callsOf(method: string): unknown[][] {
    return this.calls.filter(([name]) => name === method).map(([, ...args]) => args);
  }

  /** Stores a campaign and its recipients as they are, with their pointers (test setup). */
  seedCampaign(campaign: Campaign, recipients: Recipient[] = [], responses: CampaignResponse[] = []): void {
    this.campaigns.set(campaign.id, structuredClone(campaign));
    this.recipients.set(campaign.id, structuredClone(recipients));
    this.responses.set(campaign.id, structuredClone(responses));
    for (const r of recipients) if (r.customerKey) this.#point(r.customerKey, campaign.id, r.id);
  }

  #point(key: string, campaignId: string, recipientId: string): void {
    this.pointers.set(key, [...(this.pointers.get(key) ?? []), { campaignId, recipientId }]);
  }

  async createQuestionnaire(questionnaire: Questionnaire): Promise<void> {
    this.calls.push(['createQuestionnaire', questionnaire]);
    this.questionnaires.set(questionnaire.id, structuredClone(questionnaire));
  }

  async getQuestionnaire(id: string): Promise<Questionnaire | undefined> {
    this.calls.push(['getQuestionnaire', id]);
    return structuredClone(this.questionnaires.get(id));
  }

  async createCampaign(campaign: Campaign, recipients: readonly Recipient[]): Promise<void> {
    this.calls.push(['createCampaign', campaign, recipients]);
    this.seedCampaign(campaign, [...recipients]);
    for (const r of recipients) this.surveyed.set(r.customerKey, campaign.createdAt);
  }

  async getCampaign(id: string): Promise<Campaign | undefined> {
    this.calls.push(['getCampaign', id]);
    return structuredClone(this.campaigns.get(id));
  }

  async listCampaigns(limit: number): Promise<Campaign[]> {
    this.calls.push(['listCampaigns', limit]);
    return [...this.campaigns.values()]
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((c) => structuredClone(c));
  }

  async campaignItems(campaignId: string) {
    this.calls.push(['campaignItems', campaignId]);
    return {
      recipients: structuredClone(this.recipients.get(campaignId) ?? []),
      responses: structuredClone(this.responses.get(campaignId) ?? []),
    };
  }

  #recipient(campaignId: string, recipientId: string): Recipient | undefined {
    return this.recipients.get(campaignId)?.find((r) => r.id === recipientId);
  }

  async getRecipient(campaignId: string, recipientId: string): Promise<Recipient | undefined> {
    this.calls.push(['getRecipient', campaignId, recipientId]);
    return structuredClone(this.#recipient(campaignId, recipientId));
  }

  async recordResponse(response: CampaignResponse, csatRating: number | undefined): Promise<boolean> {
    this.calls.push(['recordResponse', response, csatRating]);
    const recipient = this.#recipient(response.campaignId, response.recipientId);
    if (!recipient || recipient.answeredAt) return false;
    recipient.answeredAt = response.answeredAt;
    recipient.responseId = response.id;
    this.responses.set(response.campaignId, [
      ...(this.responses.get(response.campaignId) ?? []),
      structuredClone(response),
    ]);
    this.csatRatings.set(response.id, csatRating);
    return true;
  }

  async markSent(campaignId: string, recipientId: string, kind: 'invite' | 'reminder', at: string) {
    this.calls.push(['markSent', campaignId, recipientId, kind, at]);
    const recipient = this.#recipient(campaignId, recipientId);
    if (recipient && kind === 'invite') recipient.invitedAt ??= at;
    if (recipient && kind === 'reminder') recipient.remindedAt ??= at;
  }

  async feedbackReceived(from: string, to: string): Promise<FeedbackRecord[]> {
    this.calls.push(['feedbackReceived', from, to]);
    return structuredClone(this.feedback.filter((f) => f.receivedAt >= from && f.receivedAt < to));
  }

  async recipientsOfCustomer(customerKey: string) {
    this.calls.push(['recipientsOfCustomer', customerKey]);
    return structuredClone(this.pointers.get(customerKey) ?? []);
  }

  async forgetCustomer(customerKey: string): Promise<void> {
    this.calls.push(['forgetCustomer', customerKey]);
    this.pointers.delete(customerKey);
    this.surveyed.delete(customerKey);
  }

  async eraseRecipient(campaignId: string, recipientId: string, at: string): Promise<string | undefined> {
    this.calls.push(['eraseRecipient', campaignId, recipientId, at]);
    const recipient = this.#recipient(campaignId, recipientId);
    if (!recipient) return undefined;
    delete recipient.email;
    delete recipient.phone;
    recipient.customerKey = '';
    recipient.secret = '';
    recipient.erasedAt ??= at;
    return recipient.responseId;
  }

  async eraseResponseText(
    campaignId: string,
    responseId: string,
    questionIds: readonly string[],
    erasedText: string,
  ): Promise<void> {
    this.calls.push(['eraseResponseText', campaignId, responseId, questionIds, erasedText]);
    const response = this.responses.get(campaignId)?.find((r) => r.id === responseId);
    if (!response) return;
    for (const id of questionIds)
      if (typeof response.answers[id] === 'string') response.answers[id] = erasedText;
  }

  async campaignsWithPersonalData(createdBefore: string): Promise<Campaign[]> {
    this.calls.push(['campaignsWithPersonalData', createdBefore]);
    return [...this.campaigns.values()]
      .filter((c) => c.createdAt < createdBefore && !this.erasedCampaigns.has(c.id))
      .map((c) => structuredClone(c));
  }

  async markCampaignErased(campaignId: string, at: string): Promise<void> {
    this.calls.push(['markCampaignErased', campaignId, at]);
    this.erasedCampaigns.set(campaignId, at);
  }

  async lastSurveyed(customerKeys: readonly string[]): Promise<Map<string, string>> {
    this.calls.push(['lastSurveyed', [...customerKeys]]);
    const found = new Map<string, string>();
    for (const key of customerKeys) {
      const at = this.surveyed.get(key);
      if (at !== undefined) found.set(key, at);
    }
    this.lastSurveyedAnswer = found;
    return found;
  }
}
