import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { createCampaignPrivacyService } from '../../shared/adapters/campaign-factories.ts';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { erasureRequestSchema } from '../../shared/domain/privacy.ts';
import { staffJsonApiHandler } from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { PrivacyService } from '../../shared/services/privacy-service.ts';

/** `POST /v1/customers/erasure` (staff): erase one customer's personal data everywhere. */
export function createCustomerErasureHandler(service: PrivacyService) {
  const logger = createLogger();
  return staffJsonApiHandler(logger).handler(async (event) => {
    const request = parseOrThrow(erasureRequestSchema, event.jsonBody, 'erasure request');
    const result = await service.erase(request, staffActorOf(event));
    // The ids only: what was erased must not reappear in the logs.
    logger.info('Personal data erased', { feedbackIds: result.feedbackIds });
    return jsonResponse(200, result);
  });
}

function createService(): PrivacyService {
  const config = runtimeConfigFromEnv();
  const client = createDocumentClient();
  return new PrivacyService({
    repository: createFeedbackRepository(config, client),
    campaigns: createCampaignPrivacyService(config, client),
  });
}

export const handler = createCustomerErasureHandler(createService());
