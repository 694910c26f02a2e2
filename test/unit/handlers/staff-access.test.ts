import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeedbackQueryHandler } from '../../../functions/feedback-query/handler.ts';
import type { FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';
import { openFeedback } from '../../helpers/records.ts';

const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', {
  team: 'delivery',
  text: 'Secret complaint text about my parcel',
});
const repository = {
  get: async () => record,
  list: async () => ({ items: [] }),
} as unknown as FeedbackRepository;

function eventAs(groups: string): APIGatewayProxyEvent {
  const event = loadEvent<APIGatewayProxyEvent>('api/get-feedback.json', {
    pathParameters: { id: record.id },
  });
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      authorizer: {
        claims: {
          sub: 'ana-sub',
          'cognito:username': 'ana',
          email: 'ana@yourco.example',
          'cognito:groups': groups,
        },
      },
    },
  };
}

describe('staff access middleware: refusals are answered and logged without personal data', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  });

  it.each([
    ['agent,team:billing', 404, 'other_team'],
    ['analyst', 403, 'role_not_allowed'],
    ['team:delivery', 403, 'no_staff_role'],
  ])('%s → %i, logged as %s', async (groups, status, reason) => {
    // Prepare
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    const handler = createFeedbackQueryHandler({ repository });

    // Act
    const result = (await handler(eventAs(groups) as never, lambdaContext())) as APIGatewayProxyResult;

    // Assess
    expect(result.statusCode).toBe(status);
    const refusal = lines.find((line) => line.includes('Access refused'));
    expect(refusal).toBeDefined();
    expect(JSON.parse(refusal as string)).toMatchObject({ route: 'GET /v1/feedback/{id}', reason });
    for (const personal of [record.id, 'mei', 'Secret complaint'])
      expect(lines.join('\n')).not.toContain(personal);
  });
});
