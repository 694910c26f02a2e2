import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { createCampaignService } from '../../shared/adapters/campaign-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { campaignIdSchema, campaignInputSchema } from '../../shared/domain/campaigns.ts';
import { answersBodySchema, questionnaireInputSchema } from '../../shared/domain/questionnaire.ts';
import {
  type StaffApiEvent,
  type StaffJsonApiEvent,
  staffApiHandler,
  staffJsonApiHandler,
} from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { pathParam } from '../../shared/schemas/params.ts';
import type { CampaignService } from '../../shared/services/campaign-service.ts';

const idOf = (event: APIGatewayProxyEvent, what: string) =>
  pathParam(event, 'id', campaignIdSchema, { notFound: what });

/**
 * Questionnaire and campaign routes (contract §11): create and read questionnaires, create
 * campaigns, their results, responses CSV and call list, and answers taken on a call. One
 * function: reads through the plain staff handler, writes through the JSON one.
 */
export function createCampaignsHandler(service: CampaignService) {
  const logger = createLogger();
  const read = staffApiHandler(logger).handler(async (event) => {
    const resource = event.resource ?? '';
    if (resource === '/v1/questionnaires/{id}')
      return jsonResponse(200, await service.getQuestionnaire(idOf(event, 'questionnaire')));
    if (resource === '/v1/campaigns') return jsonResponse(200, { items: await service.list() });
    const id = idOf(event, 'campaign');
    if (resource.endsWith('/responses.csv'))
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="campaign-${id}-responses.csv"`,
          'cache-control': 'no-store',
        },
        body: await service.csv(id),
      };
    if (resource.endsWith('/calls')) return jsonResponse(200, await service.callList(id));
    return jsonResponse(200, await service.results(id, new Date()));
  });
  const write = staffJsonApiHandler(logger).handler(async (event) => {
    const resource = event.resource ?? '';
    const actor = staffActorOf(event);
    if (resource === '/v1/questionnaires') {
      const input = parseOrThrow(questionnaireInputSchema, event.jsonBody, 'questionnaire');
      const created = await service.createQuestionnaire(input, actor, new Date());
      logger.info('Questionnaire created', {
        questionnaireId: created.id,
        questions: created.questions.length,
      });
      return jsonResponse(201, { id: created.id });
    }
    if (resource === '/v1/campaigns') {
      const input = parseOrThrow(campaignInputSchema, event.jsonBody, 'campaign');
      const created = await service.createCampaign(input, actor, new Date());
      logger.info('Campaign created', { campaignId: created.id, recipients: created.recipients });
      return jsonResponse(201, { id: created.id, recipients: created.recipients });
    }
    const id = idOf(event, 'campaign');
    const recipientId = pathParam(event, 'recipientId', campaignIdSchema, { notFound: 'recipient' });
    const { answers } = parseOrThrow(answersBodySchema, event.jsonBody, 'answer');
    const response = await service.answerByPhone(id, recipientId, answers, new Date());
    logger.info('Campaign answered by phone', { campaignId: id });
    return jsonResponse(201, { status: 'recorded', responseId: response.id, channel: response.channel });
  });
  return (event: APIGatewayProxyEvent, context: Context) =>
    event.httpMethod === 'GET'
      ? read(event as StaffApiEvent, context)
      : write(event as StaffJsonApiEvent, context);
}

export const handler = createCampaignsHandler(createCampaignService(runtimeConfigFromEnv()));
