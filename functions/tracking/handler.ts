import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { feedbackIdFromToken, tokensMatch } from '../../shared/domain/ids.ts';
import { toTrackingView } from '../../shared/domain/tracking.ts';
import { apiHandler } from '../../shared/http/middleware.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import { accessTokenSchema, pathParam } from '../../shared/schemas/params.ts';

export interface TrackingDependencies {
  repository: FeedbackRepository;
}

/**
 * `GET /v1/track/{trackingToken}`: the customer's view. A malformed, unknown or wrong token
 * all answer the same 404, so a token cannot be guessed piece by piece.
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
    return jsonResponse(200, toTrackingView(record));
  });
}

const config = runtimeConfigFromEnv();

export const handler = createTrackingHandler({
  repository: createFeedbackRepository(config),
});
