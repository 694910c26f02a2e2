import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { planActionSchema, planCreateSchema } from '../../shared/domain/plans.ts';
import {
  requireRecordAccess,
  type StaffApiEvent,
  type StaffJsonApiEvent,
  staffApiHandler,
  staffJsonApiHandler,
} from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { feedbackIdSchema, pathParam } from '../../shared/schemas/params.ts';
import type { PlanService } from '../../shared/services/plan-service.ts';

/** The plan id of the path, checked before any read (a malformed one answers 404); none on the collection. */
function planIdOf(event: APIGatewayProxyEvent): string | undefined {
  if (event.pathParameters?.id === undefined) return undefined;
  return pathParam(event, 'id', feedbackIdSchema, { notFound: 'plan' });
}

/**
 * Plan routes (contract §8): create, list, read (with the trend of its metric across the
 * stored snapshots), act (start, adopt, revise, close). A lead sees and acts on the plans of
 * their teams only (another team's plan answers 404) and creates plans for their teams only.
 */
export function createPlansHandler(service: PlanService) {
  const logger = createLogger();
  const read = staffApiHandler(logger).handler(async (event) => {
    const id = planIdOf(event);
    const { staff } = event;
    if (!id) {
      const teams = staff.access === 'ownTeams' ? staff.principal.teams : undefined;
      const items = (await service.list(teams)).map(({ history: _h, ...rest }) => rest);
      return jsonResponse(200, { items });
    }
    const plan = await service.get(id);
    requireRecordAccess(logger, staff, plan);
    return jsonResponse(200, { ...plan, trend: await service.trend(plan) });
  });
  const write = staffJsonApiHandler(logger).handler(async (event) => {
    const id = planIdOf(event);
    const actor = staffActorOf(event);
    const { staff } = event;
    if (!id) {
      const input = parseOrThrow(planCreateSchema, event.jsonBody, 'plan');
      const created = await service.create(input, actor, (team) => {
        if (staff.access === 'ownTeams' && !(team !== null && staff.principal.teams.includes(team)))
          throw new DomainError('forbidden', 'A lead creates plans scoped to their own teams.');
      });
      logger.info('Plan created', { planId: created.id, metric: created.metric });
      return jsonResponse(201, { id: created.id, stage: created.stage });
    }
    const action = parseOrThrow(planActionSchema, event.jsonBody, 'action');
    requireRecordAccess(logger, staff, await service.get(id));
    const updated = await service.act(id, action, actor);
    logger.info('Plan action applied', { planId: id, action: action.action, stage: updated.stage });
    return jsonResponse(200, updated);
  });
  return (event: APIGatewayProxyEvent, context: Context) =>
    event.httpMethod === 'GET'
      ? read(event as StaffApiEvent, context)
      : write(event as StaffJsonApiEvent, context);
}

export const handler = createPlansHandler(createPlanService(runtimeConfigFromEnv()));
