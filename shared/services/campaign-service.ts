import { randomBytes } from 'node:crypto';
import type { StackConfig } from '../config/stack-config.ts';
import {
  type Campaign,
  type CampaignInput,
  type CampaignResponse,
  type CampaignResults,
  campaignCsatRating,
  candidateOf,
  onCallList,
  parseInviteToken,
  type Recipient,
  type ResponseChannel,
  selectAudience,
} from '../domain/campaigns.ts';
import { customerKeyOf } from '../domain/customer-key.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { newFeedbackId, tokensMatch } from '../domain/ids.ts';
import { loadPhoneNormaliser } from '../domain/phone-normaliser.ts';
import {
  checkAnswers,
  type Questionnaire,
  type QuestionnaireInput,
  toQuestionnaire,
} from '../domain/questionnaire.ts';
import { addDays, instantOfWallTime, isoInstant, parseIsoDate } from '../domain/zoned-time.ts';
import type { CampaignRepository } from '../ports/campaign-repository.ts';

export interface CampaignServiceDeps {
  repository: CampaignRepository;
  config: Pick<StackConfig, 'surveyCooldownDays' | 'phoneDefaultCountry' | 'calendar'>;
}

/** What the answering page needs: the questionnaire, in the recipient's language, and whether it is open. */
export interface InvitationView {
  campaign: Campaign;
  questionnaire: Questionnaire;
  recipient: Recipient;
}

/** One line of the call list (contract §11): a recipient reached only by phone. */
export interface CallListEntry {
  recipientId: string;
  phone: string;
  language: string;
  invitedAt: string | null;
  answeredAt: string | null;
}

const DEFAULT_REMINDER_DAYS = 3;
const DEFAULT_AUDIENCE_DAYS = 365;

/** The first instant of `date` + `days` in `zone`, as UTC ISO; '' for a date that does not exist. */
function startOfDate(date: string, zone: string, days: number): string {
  const day = parseIsoDate(date);
  return day ? isoInstant(instantOfWallTime(addDays(day, days), zone)) : '';
}

/**
 * Questionnaires, campaigns, answers and results (contract §11). Dispatch (sending) is
 * {@link CampaignSendService}'s; this service stores and reads.
 */
export class CampaignService {
  readonly #repo: CampaignRepository;
  readonly #config: CampaignServiceDeps['config'];

  constructor(deps: CampaignServiceDeps) {
    this.#repo = deps.repository;
    this.#config = deps.config;
  }

  async createQuestionnaire(input: QuestionnaireInput, actor: string, now: Date): Promise<Questionnaire> {
    const questionnaire = toQuestionnaire(input, {
      id: newFeedbackId(now),
      createdAt: now.toISOString(),
      createdBy: actor,
    });
    await this.#repo.createQuestionnaire(questionnaire);
    return questionnaire;
  }

  async getQuestionnaire(id: string): Promise<Questionnaire> {
    const found = await this.#repo.getQuestionnaire(id);
    if (!found) throw new NotFoundError('questionnaire');
    return found;
  }

  /** The audience's date range as instants: dates are whole days in the calendar's timezone. */
  #range(input: CampaignInput, now: Date): { from: string; to: string } {
    const zone = this.#config.calendar.timezone;
    const day = /^\d{4}-\d{2}-\d{2}$/;
    const { receivedFrom, receivedTo } = input.audience;
    const from = receivedFrom
      ? day.test(receivedFrom)
        ? startOfDate(receivedFrom, zone, 0)
        : new Date(receivedFrom).toISOString()
      : new Date(now.getTime() - DEFAULT_AUDIENCE_DAYS * 86_400_000).toISOString();
    const to = receivedTo
      ? day.test(receivedTo)
        ? startOfDate(receivedTo, zone, 1)
        : new Date(receivedTo).toISOString()
      : now.toISOString();
    return { from, to };
  }

  async createCampaign(input: CampaignInput, actor: string, now: Date): Promise<Campaign> {
    if (new Date(input.closesAt).getTime() <= now.getTime())
      throw new DomainError('validation_error', 'The campaign is not valid.', [
        { path: 'closesAt', message: 'must be in the future' },
      ]);
    const { from, to } = this.#range(input, now);
    if (from >= to)
      throw new DomainError('validation_error', 'The campaign is not valid.', [
        { path: 'audience.receivedTo', message: 'must be after receivedFrom' },
      ]);
    const questionnaire = await this.#repo.getQuestionnaire(input.questionnaireId);
    if (!questionnaire)
      throw new DomainError('validation_error', 'The campaign is not valid.', [
        { path: 'questionnaireId', message: 'is not a known questionnaire' },
      ]);
    const records = await this.#repo.feedbackReceived(from, to);
    const phones = await loadPhoneNormaliser(this.#config.phoneDefaultCountry);
    const candidates = records.flatMap((record) => {
      const candidate = candidateOf(record, input.audience, phones);
      return candidate ? [candidate] : [];
    });
    const lastSurveyed = await this.#repo.lastSurveyed(candidates.map((c) => c.customerKey));
    // A closure survey answered is a survey too (only those the audience's feedback shows).
    for (const record of records) {
      const at = record.survey?.answer?.at;
      const key = customerKeyOf(record);
      if (at && key && (lastSurveyed.get(key) ?? '') < at) lastSurveyed.set(key, at);
    }
    const selected = selectAudience(candidates, {
      now,
      cooldownDays: this.#config.surveyCooldownDays,
      lastSurveyed,
    });
    if (!selected.length)
      throw new DomainError('validation_error', 'The audience selects nobody.', [
        {
          path: 'audience',
          message: 'no consenting customer with an email or a phone, outside the survey cooldown, matches it',
        },
      ]);
    const id = newFeedbackId(now);
    const recipients: Recipient[] = selected.map((customer) => ({
      ...customer,
      id: newFeedbackId(now),
      campaignId: id,
      secret: randomBytes(24).toString('base64url'),
    }));
    const campaign: Campaign = {
      id,
      questionnaireId: questionnaire.id,
      audience: input.audience,
      from,
      to,
      closesAt: new Date(input.closesAt).toISOString(),
      reminderAfterDays: input.reminderAfterDays ?? DEFAULT_REMINDER_DAYS,
      createdAt: now.toISOString(),
      createdBy: actor,
      recipients: recipients.length,
    };
    await this.#repo.createCampaign(campaign, recipients);
    return campaign;
  }

  async #campaign(id: string): Promise<Campaign> {
    const campaign = await this.#repo.getCampaign(id);
    if (!campaign) throw new NotFoundError('campaign');
    return campaign;
  }

  /** Campaigns, newest first, with their questionnaire id (for the console's list). */
  async list(limit = 100): Promise<Campaign[]> {
    return this.#repo.listCampaigns(limit);
  }

  async results(id: string, now: Date): Promise<CampaignResults> {
    const campaign = await this.#campaign(id);
    const questionnaire = await this.getQuestionnaire(campaign.questionnaireId);
    const { recipients, responses } = await this.#repo.campaignItems(id);
    const earlier = (await this.#repo.listCampaigns(1000)).find(
      (c) => c.questionnaireId === campaign.questionnaireId && c.id < campaign.id,
    );
    const previous = earlier
      ? { campaign: earlier, responses: (await this.#repo.campaignItems(earlier.id)).responses }
      : undefined;
    const { campaignResults } = await import('../domain/campaign-results.ts');
    return campaignResults(campaign, questionnaire, recipients, responses, now, previous);
  }

  async csv(id: string): Promise<string> {
    const campaign = await this.#campaign(id);
    const questionnaire = await this.getQuestionnaire(campaign.questionnaireId);
    const { responsesCsv } = await import('../domain/campaign-results.ts');
    return responsesCsv(questionnaire, (await this.#repo.campaignItems(id)).responses);
  }

  async callList(
    id: string,
  ): Promise<{ campaignId: string; questionnaire: Questionnaire; items: CallListEntry[] }> {
    const campaign = await this.#campaign(id);
    const questionnaire = await this.getQuestionnaire(campaign.questionnaireId);
    const { recipients } = await this.#repo.campaignItems(id);
    return {
      campaignId: id,
      questionnaire,
      items: recipients.filter(onCallList).map((r) => ({
        recipientId: r.id,
        phone: r.phone ?? '',
        language: r.language,
        invitedAt: r.invitedAt ?? null,
        answeredAt: r.answeredAt ?? null,
      })),
    };
  }

  /** The invitation behind a link; a wrong secret and an unknown recipient are the same 404. */
  async invitation(token: string): Promise<InvitationView> {
    const { campaignId, recipientId, secret } = parseInviteToken(token);
    const recipient = await this.#repo.getRecipient(campaignId, recipientId);
    if (!recipient || !tokensMatch(secret, recipient.secret)) throw new NotFoundError('invitation');
    const campaign = await this.#campaign(campaignId);
    return { campaign, recipient, questionnaire: await this.getQuestionnaire(campaign.questionnaireId) };
  }

  /**
   * Records one answer (contract §11): after `closesAt` → 410, answered before → 409, an answer
   * that does not fit → 400; nothing is stored unless all of it fits.
   */
  async answer(
    view: InvitationView,
    raw: Record<string, unknown>,
    from: 'json' | 'form',
    channel: ResponseChannel,
    now: Date,
  ): Promise<CampaignResponse> {
    const { campaign, recipient, questionnaire } = view;
    if (now.toISOString() >= campaign.closesAt) throw new DomainError('gone', 'This survey has closed.');
    if (recipient.answeredAt) throw new DomainError('conflict', 'This survey was already answered.');
    const checked = checkAnswers(questionnaire, raw, from);
    if (!checked.ok) throw new DomainError('validation_error', 'The answer is not valid.', checked.issues);
    const response: CampaignResponse = {
      id: newFeedbackId(now),
      campaignId: campaign.id,
      recipientId: recipient.id,
      answeredAt: now.toISOString(),
      channel,
      language: recipient.language,
      answers: checked.answers,
    };
    if (!(await this.#repo.recordResponse(response, campaignCsatRating(questionnaire, checked.answers))))
      throw new DomainError('conflict', 'This survey was already answered.');
    return response;
  }

  /** Answers read out on a call (contract §11): only a recipient on the call list. */
  async answerByPhone(campaignId: string, recipientId: string, raw: Record<string, unknown>, now: Date) {
    const campaign = await this.#campaign(campaignId);
    const recipient = await this.#repo.getRecipient(campaignId, recipientId);
    if (!recipient || !onCallList(recipient)) throw new NotFoundError('recipient on the call list');
    const questionnaire = await this.getQuestionnaire(campaign.questionnaireId);
    return this.answer({ campaign, recipient, questionnaire }, raw, 'json', 'phone', now);
  }
}
