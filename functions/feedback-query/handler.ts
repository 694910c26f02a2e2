import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { listScope } from '../../shared/auth/access-policy.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { requireRecordAccess, staffApiHandler } from '../../shared/http/middleware.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import { feedbackListQuerySchema } from '../../shared/schemas/feedback-record.ts';

export interface FeedbackQueryDependencies {
  repository: FeedbackRepository;
}

/**
 * Staff reads: `GET /v1/feedback/{id}` and `GET /v1/feedback` (`team=`, `assignee=me`); a caller
 * limited to their teams reads and lists only those teams' feedback.
 */
export function createFeedbackQueryHandler(deps: FeedbackQueryDependencies) {
  const logger = createLogger();
  return staffApiHandler(logger).handler(async (event) => {
    const { staff } = event;
    const id = event.pathParameters?.id;
    if (id !== undefined) {
      const record = await deps.repository.get(id);
      if (!record) throw new NotFoundError();
      requireRecordAccess(logger, staff, record);
      return jsonResponse(200, record);
    }
    const query = parseOrThrow(feedbackListQuerySchema, event.queryStringParameters ?? {}, 'query', 'query');
    const scope = listScope(staff.principal, staff.access);
    const page = await deps.repository.list({
      ...query,
      ...(query.assignee === 'me' ? { assignee: staff.principal.id } : {}),
      ...(scope ? { scopeTeams: scope } : {}),
    });
    return jsonResponse(200, page);
  });
}

const config = runtimeConfigFromEnv();

export const handler = createFeedbackQueryHandler({
  repository: createFeedbackRepository(config),
});
