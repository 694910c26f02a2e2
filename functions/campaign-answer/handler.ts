import { createCampaignService } from '../../shared/adapters/campaign-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { inviteTokenSchema } from '../../shared/domain/campaigns.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { answersBodySchema } from '../../shared/domain/questionnaire.ts';
import { jsonApiHandler } from '../../shared/http/middleware.ts';
import { errorResponse, jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { pathParam } from '../../shared/schemas/params.ts';
import type { CampaignService } from '../../shared/services/campaign-service.ts';
import { htmlResponse } from '../../shared/web/html-response.ts';
import { type QuestionnairePageState, renderQuestionnairePage } from '../../shared/web/questionnaire-page.ts';

/**
 * The customer's campaign questionnaire (contract §11): `GET` serves the accessible HTML page in
 * the recipient's language; `POST` records the answers once (`201`; again `409`; after
 * `closesAt` `410`; a bad answer `400` with nothing stored), from JSON or from the page's form,
 * which gets the page again with each error marked.
 */
export function createCampaignAnswerHandler(service: CampaignService) {
  const logger = createLogger();
  return jsonApiHandler(logger, { acceptForm: true }).handler(async (event) => {
    const token = pathParam(event, 'inviteToken', inviteTokenSchema, { notFound: 'invitation' });
    const view = await service.invitation(token);
    const { questionnaire, recipient, campaign } = view;
    const locale = recipient.language;
    const now = new Date();
    if (event.httpMethod === 'GET') {
      const state: QuestionnairePageState = recipient.answeredAt
        ? 'answered'
        : now.toISOString() >= campaign.closesAt
          ? 'closed'
          : 'form';
      const status = state === 'closed' ? 410 : 200;
      return htmlResponse(status, await renderQuestionnairePage(locale, questionnaire, state));
    }
    const form = event.bodyKind === 'form';
    const raw = form
      ? (event.jsonBody as Record<string, string>)
      : parseOrThrow(answersBodySchema, event.jsonBody, 'answer').answers;
    try {
      const response = await service.answer(view, raw, form ? 'form' : 'json', recipient.contact, now);
      logger.info('Campaign answered', { campaignId: campaign.id, channel: response.channel });
      if (form) return htmlResponse(201, await renderQuestionnairePage(locale, questionnaire, 'thanks'));
      return jsonResponse(201, { status: 'recorded', responseId: response.id });
    } catch (error) {
      if (!form || !(error instanceof DomainError)) throw error;
      const state: QuestionnairePageState =
        error.code === 'conflict' ? 'answered' : error.code === 'gone' ? 'closed' : 'invalid';
      return htmlResponse(
        errorResponse(error).statusCode,
        await renderQuestionnairePage(locale, questionnaire, state, {
          issues: error.issues ?? [],
          values: raw,
        }),
      );
    }
  });
}

export const handler = createCampaignAnswerHandler(createCampaignService(runtimeConfigFromEnv()));
