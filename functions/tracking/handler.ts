import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { feedbackIdFromToken, tokensMatch } from '../../shared/domain/ids.ts';
import { localeOf } from '../../shared/domain/text.ts';
import { toTrackingView } from '../../shared/domain/tracking.ts';
import { apiHandler, requestHeader } from '../../shared/http/middleware.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import { accessTokenSchema, pathParam } from '../../shared/schemas/params.ts';
import { htmlResponse, localeFromAcceptLanguage, prefersHtml } from '../../shared/web/html-response.ts';
import { renderTrackingPage } from '../../shared/web/tracking-page.ts';

export interface TrackingDependencies {
  repository: FeedbackRepository;
  /** The configured time zone, for dates on the HTML page. */
  timeZone: string;
}

/**
 * `GET /v1/track/{trackingToken}`: the customer's view. A malformed, unknown or wrong token
 * all answer the same 404, so a token cannot be guessed piece by piece. A browser (`Accept`
 * preferring `text/html`) gets the page in the feedback's language; anything else the JSON.
 */
export function createTrackingHandler(deps: TrackingDependencies) {
  const logger = createLogger();
  return apiHandler(logger).handler(async (event) => {
    const token = pathParam(event, 'trackingToken', accessTokenSchema, {
      notFound: 'feedback for this token',
    });
    const id = feedbackIdFromToken(token);
    const record = id ? await deps.repository.getWithHistory(id, { statusChangesOnly: true }) : undefined;
    if (!record || !tokensMatch(token, record.trackingToken))
      throw new NotFoundError('feedback for this token');
    const view = toTrackingView(record);
    if (prefersHtml(requestHeader(event, 'accept')))
      return htmlResponse(
        200,
        await renderTrackingPage(
          view,
          // Until triage has detected the language, the browser's is the best guess.
          record.language
            ? localeOf(record.language)
            : localeFromAcceptLanguage(requestHeader(event, 'accept-language')),
          deps.timeZone,
        ),
      );
    return jsonResponse(200, view, { vary: 'Accept' });
  });
}

const config = runtimeConfigFromEnv();

export const handler = createTrackingHandler({
  repository: createFeedbackRepository(config),
  timeZone: config.stack.calendar.timezone,
});
