import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { createProblemService } from '../../shared/adapters/hot-topic-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { problemActionSchema, problemCreateSchema, problemLinkSchema } from '../../shared/domain/problems.ts';
import { apiHandler, type JsonApiEvent, jsonApiHandler } from '../../shared/http/middleware.ts';
import { staffActorOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { ProblemService } from '../../shared/services/problem-service.ts';

/**
 * Problem routes (contract §10): create, list, read, link feedback, act (analyse, resolve,
 * close). One function: reads go through the plain API handler, writes through the JSON one.
 */
export function createProblemsHandler(service: ProblemService) {
  const logger = createLogger();
  const read = apiHandler(logger).handler(async (event) => {
    const id = event.pathParameters?.id;
    if (!id) {
      const items = (await service.list()).map(({ history: _h, feedbackIds: _f, ...rest }) => rest);
      return jsonResponse(200, { items });
    }
    return jsonResponse(200, await service.get(id));
  });
  const write = jsonApiHandler(logger).handler(async (event) => {
    const id = event.pathParameters?.id;
    const actor = staffActorOf(event);
    if (!id) {
      const created = await service.create(
        parseOrThrow(problemCreateSchema, event.jsonBody, 'problem'),
        actor,
      );
      logger.info('Problem created', { problemId: created.id, linked: created.linked });
      return jsonResponse(201, { id: created.id, status: created.status, linked: created.linked });
    }
    if ((event.resource ?? event.path ?? '').endsWith('/links')) {
      const { feedbackIds } = parseOrThrow(problemLinkSchema, event.jsonBody, 'links');
      return jsonResponse(200, await service.link(id, feedbackIds, actor));
    }
    const action = parseOrThrow(problemActionSchema, event.jsonBody, 'action');
    const updated = await service.act(id, action, actor);
    logger.info('Problem action applied', { problemId: id, action: action.action, status: updated.status });
    return jsonResponse(200, updated);
  });
  return (event: APIGatewayProxyEvent, context: Context) =>
    event.httpMethod === 'GET' ? read(event, context) : write(event as JsonApiEvent, context);
}

export const handler = createProblemsHandler(createProblemService(runtimeConfigFromEnv()));
