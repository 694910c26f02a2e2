import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { DynamoDbHotTopicRepository } from '../../shared/adapters/dynamodb-hot-topic-repository.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { staffApiHandler } from '../../shared/http/middleware.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { HotTopicRepository } from '../../shared/ports/hot-topic-repository.ts';

/** `GET /v1/hot-topics`: the reports, newest window first (ids and counts, no personal data). */
export function createHotTopicsHandler(repository: Pick<HotTopicRepository, 'listReports'>) {
  const logger = createLogger();
  return staffApiHandler(logger).handler(async () => {
    const items = await repository.listReports(100);
    return jsonResponse(200, { items });
  });
}

const config = runtimeConfigFromEnv();

export const handler = createHotTopicsHandler(
  new DynamoDbHotTopicRepository(createDocumentClient(), config.tableName),
);
