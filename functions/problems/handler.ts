import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { createProblemService } from '../../shared/adapters/hot-topic-factories.ts';
import { listScope } from '../../shared/auth/access-policy.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import {
  type Problem,
  problemActionSchema,
  problemCreateSchema,
  problemLinkSchema,
  problemTeamFor,
} from '../../shared/domain/problems.ts';
import {
  requireRecordAccess,
  type StaffApiEvent,
  type StaffContext,
  type StaffJsonApiEvent,
  staffApiHandler,
  staffJsonApiHandler,
} from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { feedbackIdSchema, pathParam } from '../../shared/schemas/params.ts';
import type { ProblemService } from '../../shared/services/problem-service.ts';

/** The problem id of the path, checked before any read (a malformed one answers 404); none on the collection. */
function problemIdOf(event: APIGatewayProxyEvent): string | undefined {
  if (event.pathParameters?.id === undefined) return undefined;
  return pathParam(event, 'id', feedbackIdSchema, { notFound: 'problem' });
}

/**
 * Problem routes (contract §10): create, list, read, link feedback, act (analyse, resolve,
 * close). One function: reads go through the plain API handler, writes through the JSON one.
 */
export function createProblemsHandler(service: ProblemService) {
  const logger = createLogger();
  /** A problem the caller may use (contract §7: a lead only those of their teams, else `404`). */
  const problemFor = async (staff: StaffContext, id: string): Promise<Problem> => {
    const problem = await service.get(id);
    requireRecordAccess(logger, staff, { team: problemTeamFor(problem, staff.principal.teams) });
    return problem;
  };
  const read = staffApiHandler(logger).handler(async (event) => {
    const id = problemIdOf(event);
    if (!id) {
      const scope = listScope(event.staff.principal, event.staff.access);
      const items = (await service.list(undefined, scope)).map(
        ({ history: _h, feedbackIds: _f, ...rest }) => rest,
      );
      return jsonResponse(200, { items });
    }
    return jsonResponse(200, await problemFor(event.staff, id));
  });
  const write = staffJsonApiHandler(logger).handler(async (event) => {
    const id = problemIdOf(event);
    const actor = staffActorOf(event);
    const { staff } = event;
    const mayUse = (record: { team: string | null }) => requireRecordAccess(logger, staff, record);
    if (!id) {
      const created = await service.create(
        parseOrThrow(problemCreateSchema, event.jsonBody, 'problem'),
        actor,
        mayUse,
        staff.principal.teams,
      );
      logger.info('Problem created', { problemId: created.id, linked: created.linked });
      return jsonResponse(201, { id: created.id, status: created.status, linked: created.linked });
    }
    await problemFor(staff, id);
    if ((event.resource ?? event.path ?? '').endsWith('/links')) {
      const { feedbackIds } = parseOrThrow(problemLinkSchema, event.jsonBody, 'links');
      return jsonResponse(200, await service.link(id, feedbackIds, actor, mayUse));
    }
    const action = parseOrThrow(problemActionSchema, event.jsonBody, 'action');
    const updated = await service.act(id, action, actor);
    logger.info('Problem action applied', { problemId: id, action: action.action, status: updated.status });
    return jsonResponse(200, updated);
  });
  return (event: APIGatewayProxyEvent, context: Context) =>
    event.httpMethod === 'GET'
      ? read(event as StaffApiEvent, context)
      : write(event as StaffJsonApiEvent, context);
}

export const handler = createProblemsHandler(createProblemService(runtimeConfigFromEnv()));
