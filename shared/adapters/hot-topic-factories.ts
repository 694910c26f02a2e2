import type { RuntimeConfig } from '../config/runtime-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import type { TeamDefinition } from '../config/teams-config.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import { type ExtraRecipients, HotTopicService } from '../services/hot-topic-service.ts';
import { ProblemService } from '../services/problem-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbHotTopicRepository } from './dynamodb-hot-topic-repository.ts';
import { DynamoDbProblemRepository } from './dynamodb-problem-repository.ts';
import { createFeedbackRepository } from './feedback-repository-factory.ts';

/**
 * Contract §10: a report whose feedback all belong to one team also goes to that team's
 * `leadEmails`. Reads the report's feedback (at most 50 ids) to learn their teams.
 */
export function teamLeadRecipients(
  feedback: Pick<FeedbackRepository, 'get'>,
  teams: readonly TeamDefinition[],
): ExtraRecipients {
  return async (report) => {
    const records = await Promise.all(report.feedbackIds.map((id) => feedback.get(id)));
    const owners = new Set(records.map((record) => record?.team ?? null));
    const [only] = [...owners];
    if (owners.size !== 1 || !only) return [];
    return teams.find((team) => team.id === only)?.leadEmails ?? [];
  };
}

/** The hot-topic service a function module builds once at cold start. */
export function createHotTopicService(config: RuntimeConfig, mailer: Mailer): HotTopicService {
  return new HotTopicService({
    repository: new DynamoDbHotTopicRepository(createDocumentClient(), config.tableName),
    mailer,
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
    extraRecipients: teamLeadRecipients(createFeedbackRepository(config), teamsOf(config.stack)),
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
