import type { RuntimeConfig } from '../config/runtime-config.ts';
import { HotTopicService } from '../services/hot-topic-service.ts';
import { ProblemService } from '../services/problem-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbHotTopicRepository } from './dynamodb-hot-topic-repository.ts';
import { DynamoDbProblemRepository } from './dynamodb-problem-repository.ts';
import { createFeedbackRepository } from './feedback-repository-factory.ts';
import type { SesMailer } from './ses-mailer.ts';

/** The hot-topic service a function module builds once at cold start. */
export function createHotTopicService(config: RuntimeConfig, mailer: SesMailer): HotTopicService {
  return new HotTopicService({
    repository: new DynamoDbHotTopicRepository(createDocumentClient(), config.tableName),
    mailer,
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}

/** The problem service a function module builds once at cold start. */
export function createProblemService(config: RuntimeConfig): ProblemService {
  const client = createDocumentClient();
  return new ProblemService({
    problems: new DynamoDbProblemRepository(client, config.tableName),
    feedback: createFeedbackRepository(config),
    hotTopics: new DynamoDbHotTopicRepository(client, config.tableName),
    config: config.stack,
  });
}
