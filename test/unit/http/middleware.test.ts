import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { claimsFor } from '../../../shared/auth/access-policy.ts';
import { DomainError, NotFoundError } from '../../../shared/domain/errors.ts';
import {
  consoleCors,
  httpErrors,
  type JsonApiEvent,
  jsonBody,
  requestHeader,
  requireAssignmentRight,
  requireRecordAccess,
  type StaffApiEvent,
  type StaffContext,
  staffAccess,
} from '../../../shared/http/middleware.ts';
import { integrationIdOf, staffActorOf } from '../../../shared/http/request-context.ts';
import { errorBody, issuesFromZod, parseOrThrow } from '../../../shared/http/responses.ts';

/*
 * The HTTP edge as the contract (§2) describes it, middleware by middleware, with no stack:
 * each middleware is called the way middy calls it, on a hand-built API Gateway event.
 */

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
afterEach(() => vi.restoreAllMocks());

function event(overrides: Partial<APIGatewayProxyEvent> = {}): JsonApiEvent {
  return {
    httpMethod: 'POST',
    resource: '/v1/feedback',
    path: '/v1/feedback',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    isBase64Encoded: false,
    requestContext: {},
    ...overrides,
  } as unknown as JsonApiEvent;
}

/** Runs a `before` middleware and answers the error it threw as the contract's body, or the event. */
function parse(options: Parameters<typeof jsonBody>[0], e: JsonApiEvent) {
  const middleware = jsonBody(options);
  try {
    middleware.before?.({ event: e } as never);
    return { jsonBody: e.jsonBody, bodyKind: e.bodyKind };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return errorBody(error.code, error.message, error.issues);
  }
}

describe('jsonBody: the body guard', () => {
  it.each([
    ['application/json', '{"a":1}', { jsonBody: { a: 1 }, bodyKind: 'json' }],
    ['Application/JSON; charset=utf-8', '{"a":1}', { jsonBody: { a: 1 }, bodyKind: 'json' }],
    ['application/merge-patch+json', '[1]', { jsonBody: [1], bodyKind: 'json' }],
  ])('reads %s', (contentType, body, expected) => {
    expect(parse({}, event({ headers: { 'content-type': contentType }, body }))).toEqual(expected);
  });

  it.each([
    ['text/plain', {}, 'Send the body as application/json.'],
    ['application/x-www-form-urlencoded', {}, 'Send the body as application/json.'],
    ['text/plain', { acceptForm: true }, 'Send the body as application/json or a form.'],
    ['xapplication/vnd.a+json', {}, 'Send the body as application/json.'],
    ['application/vnd.a+jsonx', {}, 'Send the body as application/json.'],
  ])('refuses %s (options %j) with 415', (contentType, options, message) => {
    expect(parse(options, event({ headers: { 'content-type': contentType } }))).toEqual({
      error: { code: 'unsupported_media_type', message },
    });
  });

  it('refuses a body with no content type at all', () => {
    expect(parse({}, event({ headers: {} }))).toEqual({
      error: { code: 'unsupported_media_type', message: 'Send the body as application/json.' },
    });
    expect(parse({}, event({ headers: null as never }))).toMatchObject({
      error: { code: 'unsupported_media_type' },
    });
  });

  it('finds the content type whatever its casing, and skips a header without a value', () => {
    const e = event({ headers: { 'CONTENT-TYPE': undefined, 'content-type': 'application/json' } as never });
    expect(parse({}, e)).toEqual({ jsonBody: {}, bodyKind: 'json' });
    expect(requestHeader(event({ headers: { Origin: 'https://a.example' } }), 'origin')).toBe(
      'https://a.example',
    );
    expect(requestHeader(event({ headers: { Origin: 'https://a.example' } }), 'referer')).toBeUndefined();
  });

  it('takes an HTML form where the route accepts one, as an object of strings', () => {
    const e = event({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hi&csat=5',
    });
    expect(parse({ acceptForm: true }, e)).toEqual({ jsonBody: { text: 'hi', csat: '5' }, bodyKind: 'form' });
  });

  it('lets a GET through untouched on a form route (the page itself), but not on a JSON route', () => {
    const get = () => event({ httpMethod: 'GET', headers: {}, body: null });
    expect(parse({ acceptForm: true }, get())).toEqual({ jsonBody: undefined, bodyKind: undefined });
    expect(parse({}, get())).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('decodes a base64 body', () => {
    const e = event({ body: Buffer.from('{"text":"排队"}').toString('base64'), isBase64Encoded: true });
    expect(parse({}, e)).toEqual({ jsonBody: { text: '排队' }, bodyKind: 'json' });
  });

  it('reads a missing body as empty, which is not JSON', () => {
    expect(parse({}, event({ body: null }))).toEqual({
      error: { code: 'malformed_json', message: 'The body is not valid JSON.' },
    });
  });

  it('accepts exactly maxBytes and refuses one byte more with 413', () => {
    const body = (n: number) => `"${'a'.repeat(n - 2)}"`;
    expect(parse({ maxBytes: 10 }, event({ body: body(10) }))).toEqual({
      jsonBody: 'a'.repeat(8),
      bodyKind: 'json',
    });
    expect(parse({ maxBytes: 10 }, event({ body: body(11) }))).toEqual({
      error: { code: 'payload_too_large', message: 'The body is larger than 10 bytes.' },
    });
  });

  it('holds 64 KiB by default', () => {
    const body = (n: number) => `"${'a'.repeat(n - 2)}"`;
    expect(parse({}, event({ body: body(65_536) }))).toMatchObject({ bodyKind: 'json' });
    expect(parse({}, event({ body: body(65_537) }))).toEqual({
      error: { code: 'payload_too_large', message: 'The body is larger than 65536 bytes.' },
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    const e = event({ body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true });
    expect(parse({}, e)).toEqual({
      error: { code: 'malformed_json', message: 'The body is not valid UTF-8.' },
    });
  });

  it.each([
    ['{"a":{"__proto__":{"admin":true}}}', {}],
    ['__proto__=1&text=x', { acceptForm: true }],
  ])('refuses a __proto__ key at any depth: %s', (body, options) => {
    const contentType = 'acceptForm' in options ? 'application/x-www-form-urlencoded' : 'application/json';
    expect(parse(options, event({ headers: { 'content-type': contentType }, body }))).toEqual({
      error: {
        code: 'validation_error',
        message: 'The body contains the reserved key "__proto__".',
        issues: [{ path: '__proto__', message: 'is a reserved key' }],
      },
    });
  });

  it('refuses a body nested too deeply to parse with a validation error, not a 500', () => {
    // V8's JSON.parse throws a RangeError (stack overflow) on deep nesting; how deep depends on
    // the stack size, so the overflow itself is stood in for
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(parse({}, event({ body: '[[[]]]' }))).toEqual({
      error: {
        code: 'validation_error',
        message: 'The body is nested too deeply.',
        issues: [{ path: '(body)', message: 'is nested too deeply' }],
      },
    });
  });
});

describe('httpErrors: one mapping, no internals on a 500', () => {
  const run = (error: unknown) => {
    const request = { error, response: null as APIGatewayProxyResult | null };
    httpErrors(logger).onError?.(request as never);
    return request.response;
  };

  it('answers a domain error with its status and body, without logging it as unhandled', () => {
    const log = vi.spyOn(logger, 'error');
    const response = run(new NotFoundError());
    expect(response?.statusCode).toBe(404);
    expect(JSON.parse(response?.body ?? '')).toMatchObject({ error: { code: 'not_found' } });
    expect(log).not.toHaveBeenCalled();
  });

  it('logs anything else in full and answers a bare 500', () => {
    const log = vi.spyOn(logger, 'error');
    const failure = new Error('table arn:aws:dynamodb:secret is gone');
    const response = run(failure);
    expect(response?.statusCode).toBe(500);
    expect(response?.body).not.toContain('secret');
    expect(log).toHaveBeenCalledWith('Unhandled error', failure);
    run('a thrown string');
    expect(log).toHaveBeenLastCalledWith('Unhandled error', 'a thrown string');
  });
});

describe('consoleCors: only the console’s origin may read a response', () => {
  const console = 'https://console.example.com';
  const run = (
    allowed: string | undefined,
    origin: string | undefined,
    response: APIGatewayProxyResult | null,
  ) => {
    const request = {
      event: event({ headers: origin ? { Origin: origin } : {} }),
      response: response && { ...response, headers: { ...response.headers } },
    };
    consoleCors(allowed).after?.(request as never);
    return request.response?.headers;
  };
  const ok = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };

  it('adds the origin and Vary to a response to the console', () => {
    expect(run(console, console, ok)).toEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': console,
      vary: 'Origin',
    });
  });

  it.each([
    ['another origin', console, 'https://evil.example', ok],
    ['no origin', console, undefined, ok],
    ['no console configured', undefined, console, ok],
  ])('adds nothing for %s', (_, allowed, origin, response) => {
    expect(run(allowed, origin, response)).toEqual({ 'content-type': 'application/json' });
  });

  it('does nothing without a response and also runs on errors', () => {
    expect(run(console, console, null)).toBeUndefined();
    const request = { event: event({ headers: { origin: console } }), response: { ...ok, headers: {} } };
    consoleCors(console).onError?.(request as never);
    expect(request.response.headers).toEqual({ 'access-control-allow-origin': console, vary: 'Origin' });
  });
});

describe('staff access on the route and on the record', () => {
  const staffEvent = (claims: Record<string, unknown> | undefined, method: string, resource: string) =>
    ({
      httpMethod: method,
      resource,
      headers: {},
      requestContext: { authorizer: claims ? { claims } : undefined },
    }) as unknown as StaffApiEvent;
  const run = (e: StaffApiEvent) => staffAccess(logger).before?.({ event: e } as never);
  const agent = { id: 'ana', role: 'agent' as const, teams: ['billing'] };

  it('lets an allowed role through and says who and with what access', () => {
    const e = staffEvent(claimsFor(agent), 'GET', '/v1/feedback/{id}');
    run(e);
    expect(e.staff).toEqual({ principal: agent, access: 'ownTeams', routeKey: 'GET /v1/feedback/{id}' });
  });

  it('refuses a caller with no staff role with 403 and logs only the route and reason', () => {
    const warn = vi.spyOn(logger, 'warn');
    expect(() => run(staffEvent({ sub: 'x', 'cognito:groups': 'visitors' }, 'GET', '/v1/feedback'))).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'Your account has no staff role.' }),
    );
    expect(warn).toHaveBeenCalledWith('Access refused', {
      route: 'GET /v1/feedback',
      role: 'none',
      reason: 'no_staff_role',
    });
    expect(() => run(staffEvent(undefined, 'GET', '/v1/feedback'))).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('refuses a role the route does not allow with 403', () => {
    const warn = vi.spyOn(logger, 'warn');
    expect(() => run(staffEvent(claimsFor(agent), 'POST', '/v1/questionnaires'))).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'Your role may not use this route.' }),
    );
    expect(warn).toHaveBeenCalledWith('Access refused', {
      route: 'POST /v1/questionnaires',
      role: 'agent',
      reason: 'role_not_allowed',
    });
  });

  const staff = (routeKey: string): StaffContext => ({ principal: agent, access: 'ownTeams', routeKey });

  it('answers another team’s record as not found (404), its own team’s as allowed', () => {
    expect(() =>
      requireRecordAccess(logger, staff('GET /v1/feedback/{id}'), { team: 'service-desk' }),
    ).toThrow(NotFoundError);
    expect(() => requireRecordAccess(logger, staff('GET /v1/feedback/{id}'), { team: null })).toThrow(
      NotFoundError,
    );
    expect(requireRecordAccess(logger, staff('GET /v1/feedback/{id}'), { team: 'billing' })).toBeUndefined();
  });

  it('answers a record on a route the role may not use as forbidden (403)', () => {
    expect(() => requireRecordAccess(logger, staff('POST /v1/questionnaires'), { team: 'billing' })).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'Your role may not use this route.' }),
    );
  });

  it('lets an agent take a feedback and refuses giving it to someone else with 403', () => {
    const route = staff('POST /v1/feedback/{id}/actions');
    const record = { team: 'billing', assignee: null };
    expect(requireAssignmentRight(logger, route, record, { assignee: 'ana' })).toBeUndefined();
    expect(() => requireAssignmentRight(logger, route, record, { assignee: 'bo' })).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'Your role may not make this assignment.' }),
    );
  });
});

describe('who is calling', () => {
  const withContext = (requestContext: unknown) => ({ requestContext }) as unknown as APIGatewayProxyEvent;

  it.each([
    [{ identity: { apiKeyId: 'key-1' } }, 'key-1'],
    [{ identity: {} }, 'unknown'],
    [{}, 'unknown'],
    [undefined, 'unknown'],
  ])('the integration of %j is %s', (context, expected) => {
    expect(integrationIdOf(withContext(context))).toBe(expected);
  });

  it.each([
    [{ email: 'ana@example.com', 'cognito:username': 'ana', sub: 's-1' }, 'staff:ana@example.com'],
    [{ 'cognito:username': 'ana', sub: 's-1' }, 'staff:ana'],
    [{ sub: 's-1' }, 'staff:s-1'],
    [{ email: '' }, 'staff:unknown'],
    [{ email: 42 }, 'staff:unknown'],
    [{}, 'staff:unknown'],
  ])('the staff actor of claims %j is %s', (claims, expected) => {
    expect(staffActorOf(withContext({ authorizer: { claims } }))).toBe(expected);
  });

  it('is staff:unknown without an authorizer', () => {
    expect(staffActorOf(withContext({}))).toBe('staff:unknown');
    expect(staffActorOf(withContext(undefined))).toBe('staff:unknown');
  });
});

describe('validation issues in the contract’s shape', () => {
  const schema = z.strictObject({
    customer: z.strictObject({ email: z.email() }).optional(),
    ratings: z.object({ csat: z.int().min(1).max(5) }).optional(),
  });
  const issues = (value: unknown, prefix?: string) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return issuesFromZod(result.error, prefix);
  };

  it('names each bad field by its dotted path, with the prefix first', () => {
    expect(issues({ ratings: { csat: 9 } }).map((issue) => issue.path)).toEqual(['ratings.csat']);
    expect(issues({ ratings: { csat: 9 } }, 'query').map((issue) => issue.path)).toEqual([
      'query.ratings.csat',
    ]);
  });

  it('names every unknown field, at the top and nested', () => {
    expect(issues({ colour: 1, size: 2 })).toEqual([
      { path: 'colour, size', message: 'is not a known field' },
    ]);
    expect(issues({ customer: { email: 'a@b.example', nick: 'x' } })).toEqual([
      { path: 'customer.nick', message: 'is not a known field' },
    ]);
  });

  it('calls a problem with the whole body (body)', () => {
    expect(issues('a string')).toEqual([{ path: '(body)', message: expect.any(String) }]);
    expect(issues('a string')[0]?.message.length).toBeGreaterThan(0);
  });

  it('keeps at most 100 issues of at most 1,000 characters', () => {
    const many = z.array(z.string()).safeParse(Array.from({ length: 150 }, () => 1));
    if (many.success) throw new Error('expected a failure');
    expect(issuesFromZod(many.error)).toHaveLength(100);
    const long = z
      .string()
      .refine(() => false, 'x'.repeat(1500))
      .safeParse('a');
    if (long.success) throw new Error('expected a failure');
    const [issue] = issuesFromZod(long.error);
    expect(issue?.message).toHaveLength(1000);
    expect(issue?.message.endsWith('x…')).toBe(true);
    const exact = z
      .string()
      .refine(() => false, 'y'.repeat(1000))
      .safeParse('a');
    if (exact.success) throw new Error('expected a failure');
    expect(issuesFromZod(exact.error)[0]?.message).toBe('y'.repeat(1000));
  });

  it('parseOrThrow returns the parsed value or a validation_error naming what was invalid', () => {
    expect(parseOrThrow(schema, { ratings: { csat: 5 } }, 'feedback')).toEqual({ ratings: { csat: 5 } });
    expect(() => parseOrThrow(schema, { ratings: { csat: 0 } }, 'feedback', 'body')).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'The feedback is not valid.',
        issues: [expect.objectContaining({ path: 'body.ratings.csat' })],
      }),
    );
  });
});
