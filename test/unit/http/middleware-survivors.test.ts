import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { type JsonApiEvent, jsonBody } from '../../../shared/http/middleware.ts';
import { errorBody } from '../../../shared/http/responses.ts';

/*
 * The body guard at the edges the mutation run found unguarded (issue 20): spaces around the
 * media type, and a request whose body is absent (API Gateway sends `body: null`).
 */

function event(overrides: Partial<APIGatewayProxyEvent> = {}): JsonApiEvent {
  return {
    httpMethod: 'POST',
    resource: '/v1/survey/{token}',
    path: '/v1/survey/t',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    isBase64Encoded: false,
    requestContext: {},
    ...overrides,
  } as unknown as JsonApiEvent;
}

/** Runs the guard the way middy calls it: the parsed body, or the contract's error body. */
function parse(options: Parameters<typeof jsonBody>[0], e: JsonApiEvent) {
  try {
    jsonBody(options).before?.({ event: e } as never);
    return { jsonBody: e.jsonBody, bodyKind: e.bodyKind };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return errorBody(error.code, error.message, error.issues);
  }
}

const FORM = 'application/x-www-form-urlencoded';

describe('the media type', () => {
  it.each([
    'application/json ; charset=utf-8',
    ' application/json',
    'application/json\t;charset=utf-8',
  ])('reads %j as JSON', (contentType) => {
    expect(parse({}, event({ headers: { 'content-type': contentType }, body: '{"a":1}' }))).toEqual({
      jsonBody: { a: 1 },
      bodyKind: 'json',
    });
  });

  it('reads a form type with spaces before its parameters as a form', () => {
    expect(
      parse(
        { acceptForm: true },
        event({ headers: { 'content-type': `${FORM} ; charset=utf-8` }, body: 'a=1' }),
      ),
    ).toEqual({ jsonBody: { a: '1' }, bodyKind: 'form' });
  });
});

describe('a request without a body', () => {
  it.each([false, true])('is an empty form (base64: %s)', (isBase64Encoded) => {
    // Prepare: a form post with no fields at all
    const e = event({ headers: { 'content-type': FORM }, body: null, isBase64Encoded });
    // Act + Assess
    expect(parse({ acceptForm: true }, e)).toEqual({ jsonBody: {}, bodyKind: 'form' });
  });

  it.each([false, true])('is no JSON (base64: %s)', (isBase64Encoded) => {
    expect(parse({}, event({ body: null, isBase64Encoded }))).toEqual({
      error: { code: 'malformed_json', message: 'The body is not valid JSON.' },
    });
  });
});
