import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSurveyHandler } from '../../../functions/survey/handler.ts';
import { stackConfigSchema } from '../../../shared/config/stack-config.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { WorkflowService } from '../../../shared/services/workflow-service.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

const config = stackConfigSchema.parse({ tableName: 'T', publicBaseUrl: 'https://f.example.com' });
// The token in events/api/answer-survey.json
const token = '01JDQ3ZK6V7M0000000000000A.QUJDREVGR0hJSktMTU5PUFFSU1RVVldY';

function resolved(): FeedbackRecord {
  const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', { status: 'resolved', resolution: 'fixed' });
  return { ...record, survey: { token, round: 1, answer: null } };
}

async function post(body: string | Buffer, contentType: string, base64 = false) {
  const repository = new MemoryFeedbackRepository(resolved());
  const handler = createSurveyHandler(
    new WorkflowService({
      repository: repository.asRepository(),
      config,
      now: () => new Date('2026-11-25T02:00:00.000Z'),
    }),
    'https://f.example.com',
  );
  const event = loadEvent<APIGatewayProxyEvent>('api/answer-survey.json', {
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : body.toString('base64'),
    isBase64Encoded: base64,
  });
  const result = (await handler(event as never, lambdaContext())) as APIGatewayProxyResult;
  return { status: result.statusCode, body: result.body, repository };
}

describe('survey handler: the shared body guards', () => {
  it('records a JSON answer', async () => {
    const { status, body, repository } = await post('{"csat":4,"comment":"ok"}', 'application/json');

    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({ status: 'recorded', csat: 4, reopened: false });
    expect(repository.writes).toHaveLength(1);
  });

  it('records a form answer and answers with the thank-you page', async () => {
    const { status, body, repository } = await post('csat=5&comment=', 'application/x-www-form-urlencoded');

    expect(status).toBe(201);
    expect(body).toContain('<html');
    expect(repository.writes[0]?.survey?.answer).toEqual({ csat: 5, at: '2026-11-25T02:00:00.000Z' });
  });

  it('refuses a body that is not UTF-8 with 400 malformed_json and stores nothing', async () => {
    const { status, body, repository } = await post(
      Buffer.from([0x7b, 0x22, 0x63, 0xff, 0xfe, 0x7d]),
      'application/json',
      true,
    );

    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({
      error: { code: 'malformed_json', message: 'The body is not valid UTF-8.' },
    });
    expect(repository.writes).toEqual([]);
  });

  it.each([
    ['application/json', '{"csat":4,"__proto__":{"admin":true}}'],
    ['application/x-www-form-urlencoded', 'csat=4&__proto__=x'],
  ])('refuses a "__proto__" key in a %s body with 400 and stores nothing', async (contentType, text) => {
    const { status, body, repository } = await post(text, contentType);

    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({
      error: { code: 'validation_error', issues: [{ path: '__proto__', message: 'is a reserved key' }] },
    });
    expect(repository.writes).toEqual([]);
  });

  it('refuses another media type with 415', async () => {
    const { status, body } = await post('csat=4', 'text/plain');

    expect(status).toBe(415);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('answers a bad form score with the HTML page and 400', async () => {
    const { status, body, repository } = await post('csat=9', 'application/x-www-form-urlencoded');

    expect(status).toBe(400);
    expect(body).toContain('<html');
    expect(repository.writes).toEqual([]);
  });
});
