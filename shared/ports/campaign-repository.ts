import type { Campaign, CampaignResponse, Recipient } from '../domain/campaigns.ts';
import type { Questionnaire } from '../domain/questionnaire.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

/** Storage of questionnaires, campaigns, their recipients and responses (contract §11). */
export interface CampaignRepository {
  createQuestionnaire(questionnaire: Questionnaire): Promise<void>;
  getQuestionnaire(id: string): Promise<Questionnaire | undefined>;
  /** Stores the campaign, its recipients and each recipient's "surveyed" mark (the cooldown's memory). */
  createCampaign(campaign: Campaign, recipients: readonly Recipient[]): Promise<void>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  /** Campaigns, newest first. */
  listCampaigns(limit: number): Promise<Campaign[]>;
  /** A campaign's recipients and responses: one Query of its partition. */
  campaignItems(campaignId: string): Promise<{ recipients: Recipient[]; responses: CampaignResponse[] }>;
  getRecipient(campaignId: string, recipientId: string): Promise<Recipient | undefined>;
  /**
   * Stores a response and marks its recipient answered, both or neither (one transaction);
   * false when the recipient had answered already. `csatRating` (see `campaignCsatRating`) is
   * stored beside it for the snapshot's campaign CSAT.
   */
  recordResponse(response: CampaignResponse, csatRating: number | undefined): Promise<boolean>;
  /** Records that an invitation or the reminder went out (the first time only). */
  markSent(campaignId: string, recipientId: string, kind: 'invite' | 'reminder', at: string): Promise<void>;
  /** Feedback received in [from, to), read month by month through the `byMonth` index. */
  feedbackReceived(from: string, to: string): Promise<FeedbackRecord[]>;
  /** When each of these customers was last selected for a campaign. */
  lastSurveyed(customerKeys: readonly string[]): Promise<Map<string, string>>;
}
