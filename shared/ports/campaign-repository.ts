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
  /** The recipient entries of one customer key (one per campaign they were selected for). */
  recipientsOfCustomer(customerKey: string): Promise<{ campaignId: string; recipientId: string }[]>;
  /** Deletes the items keyed by a customer key: their "surveyed" mark and recipient pointers. */
  forgetCustomer(customerKey: string): Promise<void>;
  /**
   * Removes a recipient's contact data, key and link secret (idempotent); answers the id of their
   * response, if they answered. What they were sent and when they answered stays, anonymous.
   */
  eraseRecipient(campaignId: string, recipientId: string, at: string): Promise<string | undefined>;
  /** Replaces a response's answers to these (free-text) questions with `erasedText`. */
  eraseResponseText(
    campaignId: string,
    responseId: string,
    questionIds: readonly string[],
    erasedText: string,
  ): Promise<void>;
  /** Campaigns created before that instant whose personal data the retention run has not erased yet. */
  campaignsWithPersonalData(createdBefore: string): Promise<Campaign[]>;
  /** Records that a campaign holds no personal data any more (the retention run skips it then). */
  markCampaignErased(campaignId: string, at: string): Promise<void>;
  /** When each of these customers was last selected for a campaign. */
  lastSurveyed(customerKeys: readonly string[]): Promise<Map<string, string>>;
}
