import { ERASED_TEXT } from '../domain/privacy.ts';
import type { CampaignRepository } from '../ports/campaign-repository.ts';

type CampaignStore = Pick<
  CampaignRepository,
  | 'getCampaign'
  | 'getQuestionnaire'
  | 'campaignItems'
  | 'recipientsOfCustomer'
  | 'forgetCustomer'
  | 'eraseRecipient'
  | 'eraseResponseText'
  | 'campaignsWithPersonalData'
  | 'markCampaignErased'
>;

/**
 * Erasure and retention of campaign data (contract §11): a recipient's email, phone, customer key
 * and link secret go, and so does the free text of their answer; the answer's ratings, channel
 * and dates stay, anonymous, so results and snapshots count it as before.
 */
export class CampaignPrivacyService {
  readonly #repo: CampaignStore;
  /** The free-text question ids of each campaign's questionnaire (read once per run). */
  readonly #textQuestions = new Map<string, Promise<string[]>>();

  constructor(repository: CampaignStore) {
    this.#repo = repository;
  }

  /**
   * Erases one customer's recipient entries (under each of their customer keys), the free text of
   * their answers, and the items keyed by them (their "surveyed" mark and pointers). Safe to repeat.
   * Answers how many recipient entries were erased.
   */
  async eraseCustomer(customerKeys: readonly string[], now: Date): Promise<number> {
    let erased = 0;
    for (const key of customerKeys) {
      for (const { campaignId, recipientId } of await this.#repo.recipientsOfCustomer(key)) {
        const responseId = await this.#repo.eraseRecipient(campaignId, recipientId, now.toISOString());
        if (responseId)
          await this.#repo.eraseResponseText(
            campaignId,
            responseId,
            await this.#textQuestionsOf(campaignId),
            ERASED_TEXT,
          );
        erased += 1;
      }
      // Last: the pointers are what finds the entries again when an erasure is cut short.
      await this.#repo.forgetCustomer(key);
    }
    return erased;
  }

  /**
   * The retention run's part: every campaign created before `cutoff` loses its recipients'
   * personal data and its answers' free text, then is marked so later runs skip it.
   */
  async eraseCampaignsCreatedBefore(
    cutoff: string,
    now: Date,
  ): Promise<{ campaigns: number; recipients: number }> {
    let recipients = 0;
    const campaigns = await this.#repo.campaignsWithPersonalData(cutoff);
    for (const campaign of campaigns) {
      const items = await this.#repo.campaignItems(campaign.id);
      for (const recipient of items.recipients) {
        if (recipient.erasedAt) continue;
        await this.#repo.eraseRecipient(campaign.id, recipient.id, now.toISOString());
        recipients += 1;
      }
      const text = await this.#textQuestionsOf(campaign.id);
      for (const response of items.responses)
        if (
          text.some((id) => typeof response.answers[id] === 'string' && response.answers[id] !== ERASED_TEXT)
        )
          await this.#repo.eraseResponseText(campaign.id, response.id, text, ERASED_TEXT);
      await this.#repo.markCampaignErased(campaign.id, now.toISOString());
    }
    return { campaigns: campaigns.length, recipients };
  }

  #textQuestionsOf(campaignId: string): Promise<string[]> {
    let found = this.#textQuestions.get(campaignId);
    if (!found) {
      found = (async () => {
        const campaign = await this.#repo.getCampaign(campaignId);
        const questionnaire = campaign
          ? await this.#repo.getQuestionnaire(campaign.questionnaireId)
          : undefined;
        return (questionnaire?.questions ?? []).filter((q) => q.kind === 'text').map((q) => q.id);
      })();
      this.#textQuestions.set(campaignId, found);
    }
    return found;
  }
}
