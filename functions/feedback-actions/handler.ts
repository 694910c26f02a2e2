import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createStaffDirectory } from '../../shared/adapters/staff-directory-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { actionRequestSchema } from '../../shared/domain/workflow.ts';
import {
  requireAssignmentRight,
  requireRecordAccess,
  staffJsonApiHandler,
} from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { WorkflowService } from '../../shared/services/workflow-service.ts';

/** `POST /v1/feedback/{id}/actions`: one staff action, answered with the updated feedback. */
export function createFeedbackActionsHandler(service: WorkflowService) {
  const logger = createLogger();
  return staffJsonApiHandler(logger).handler(async (event) => {
    const request = parseOrThrow(actionRequestSchema, event.jsonBody, 'action');
    const id = event.pathParameters?.id ?? '';
    const { staff } = event;
    const updated = await service.act(id, request, staffActorOf(event), {
      id: staff.principal.id,
      mayAct: (record) => requireRecordAccess(logger, staff, record),
      mayAssign: (record, change) => requireAssignmentRight(logger, staff, record, change),
    });
    logger.info('Action applied', { feedbackId: id, action: request.action, status: updated.status });
    return jsonResponse(200, updated);
  });
}

const config = runtimeConfigFromEnv();

export const handler = createFeedbackActionsHandler(
  new WorkflowService({
    repository: createFeedbackRepository(config),
    config: config.stack,
    directory: createStaffDirectory(),
  }),
);
