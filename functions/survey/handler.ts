import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { localeOf } from '../../shared/domain/text.ts';
import { surveyAnswerSchema } from '../../shared/domain/workflow.ts';
import { type JsonApiEvent, jsonApiHandler } from '../../shared/http/middleware.ts';
import { errorResponse, jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { accessTokenSchema, pathParam } from '../../shared/schemas/params.ts';
import { WorkflowService } from '../../shared/services/workflow-service.ts';
import { htmlResponse } from '../../shared/web/html-response.ts';
import { renderSurveyPage, type SurveyPageState } from '../../shared/web/survey-page.ts';

const html = htmlResponse;

/** The answer as the schema reads it: a form sends every field as a string, an empty comment as "". */
function answerOf(event: JsonApiEvent): unknown {
  if (event.bodyKind !== 'form') return event.jsonBody;
  const { comment, ...fields } = event.jsonBody as Record<string, string>;
  return { ...fields, ...(comment?.trim() ? { comment } : {}) };
}

/**
 * The customer's one-question survey: `GET` serves an accessible HTML form in the feedback's
 * language; `POST` records the answer once (`201`; again: `409`) from JSON or from the form.
 * An answer of 1 or 2 reopens the feedback.
 */
export function createSurveyHandler(service: WorkflowService, publicBaseUrl: string) {
  const logger = createLogger();
  return jsonApiHandler(logger, { acceptForm: true }).handler(async (event) => {
    const token = pathParam(event, 'surveyToken', accessTokenSchema, { notFound: 'survey' });
    const record = await service.surveyFor(token);
    const locale = localeOf(record.language);
    const trackingUrl = `${publicBaseUrl}/v1/track/${encodeURIComponent(record.trackingToken)}`;
    if (event.httpMethod === 'GET') {
      return html(
        200,
        await renderSurveyPage(locale, record.survey?.answer ? 'answered' : 'form', trackingUrl),
      );
    }

    const kind = event.bodyKind;
    try {
      const answer = parseOrThrow(surveyAnswerSchema, answerOf(event), 'answer');
      const updated = await service.answer(token, answer);
      const reopened = updated.status === 'open' && record.status !== 'open';
      logger.info('Survey answered', { feedbackId: record.id, csat: answer.csat, reopened });
      if (kind === 'form')
        return html(201, await renderSurveyPage(locale, reopened ? 'reopened' : 'thanks', trackingUrl));
      return jsonResponse(201, { status: 'recorded', csat: answer.csat, reopened });
    } catch (error) {
      if (kind === 'json' || !(error instanceof DomainError)) throw error;
      const state: SurveyPageState = error.code === 'conflict' ? 'answered' : 'invalid';
      return html(errorResponse(error).statusCode, await renderSurveyPage(locale, state, trackingUrl));
    }
  });
}

const config = runtimeConfigFromEnv();

export const handler = createSurveyHandler(
  new WorkflowService({ repository: createFeedbackRepository(config), config: config.stack }),
  config.publicBaseUrl,
);
