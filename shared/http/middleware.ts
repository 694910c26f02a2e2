import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  type Access,
  type AssignmentRequest,
  authorize,
  authorizeAssignment,
  principalFromClaims,
  routeKey,
  type StaffPrincipal,
} from '../auth/access-policy.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { errorResponse } from './responses.ts';

/** An API Gateway proxy event after {@link jsonBody} has parsed its body. */
export type JsonApiEvent = APIGatewayProxyEvent & {
  jsonBody: unknown;
  /** How the body came: JSON, or an HTML form when the route accepts one. */
  bodyKind?: 'json' | 'form';
};

const FORM = 'application/x-www-form-urlencoded';

type ApiMiddleware<E = APIGatewayProxyEvent> = MiddlewareObj<E, APIGatewayProxyResult>;

/** The largest request body the API accepts (contract §2). */
export const MAX_BODY_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** Reads a request header case-insensitively (API Gateway keeps the client's casing). */
export { header as requestHeader };

function reservedKey(): DomainError {
  return new DomainError('validation_error', 'The body contains the reserved key "__proto__".', [
    { path: '__proto__', message: 'is a reserved key' },
  ]);
}

/**
 * Guards and parses a JSON body: `415` unless the content type is JSON, `413` over
 * `maxBytes`, `400` for a body that is not UTF-8 or not JSON, `400` for a `__proto__` key at any
 * depth. The parsed value lands on `event.jsonBody`. With `acceptForm`, an HTML form body
 * (`application/x-www-form-urlencoded`) passes the same guards and lands there as an object of
 * strings; `GET` requests (no body) pass untouched.
 */
export function jsonBody(
  options: { maxBytes?: number; acceptForm?: boolean } = {},
): ApiMiddleware<JsonApiEvent> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  return {
    before: (request) => {
      const { event } = request;
      if (options.acceptForm && event.httpMethod === 'GET') return;
      // Stryker disable next-line OptionalChaining,StringLiteral: `[0]?.` is equivalent to `[0].` (split always returns at least one element), and the missing-header default is equivalent to any other non-JSON, non-form text (the same 415)
      const contentType = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      const form = options.acceptForm === true && contentType === FORM;
      if (!form && contentType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(contentType)) {
        throw new DomainError(
          'unsupported_media_type',
          options.acceptForm
            ? 'Send the body as application/json or a form.'
            : 'Send the body as application/json.',
        );
      }
      const raw = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64')
        : // Stryker disable next-line StringLiteral: `'utf8'` → `''` is equivalent: Buffer.from with an empty encoding decodes UTF-8. The body default on this line, silenced with it, fails middleware-survivors (checked by hand)
          Buffer.from(event.body ?? '', 'utf8');
      if (raw.byteLength > maxBytes) {
        throw new DomainError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
      }
      let text: string;
      try {
        text = utf8.decode(raw);
      } catch {
        throw new DomainError('malformed_json', 'The body is not valid UTF-8.');
      }
      if (form) {
        const fields = new URLSearchParams(text);
        if (fields.has('__proto__')) throw reservedKey();
        event.jsonBody = Object.fromEntries(fields);
        event.bodyKind = 'form';
        return;
      }
      event.bodyKind = 'json';
      let pollution = false;
      try {
        event.jsonBody = JSON.parse(text, (key, value: unknown) => {
          if (key === '__proto__') pollution = true;
          return value;
        });
      } catch (error) {
        if (error instanceof RangeError) {
          throw new DomainError('validation_error', 'The body is nested too deeply.', [
            { path: '(body)', message: 'is nested too deeply' },
          ]);
        }
        throw new DomainError('malformed_json', 'The body is not valid JSON.');
      }
      // A "__proto__" key is never data we want; refuse it at any depth rather than drop it.
      if (pollution) throw reservedKey();
    },
  };
}

/**
 * Maps every error to the contract's error body in one place. Domain errors keep their code;
 * anything else is logged in full and answered as a bare 500.
 */
export function httpErrors<E extends APIGatewayProxyEvent>(logger: Logger): ApiMiddleware<E> {
  return {
    onError: (request) => {
      const { error } = request;
      if (!(error instanceof DomainError)) {
        logger.error('Unhandled error', error instanceof Error ? error : String(error));
      }
      request.response = errorResponse(error);
    },
  };
}

/**
 * CORS for the staff console: a response to a request from the console's origin (the deployed
 * `CONSOLE_ORIGIN`) says that origin may read it; any other origin gets no CORS header.
 */
export function consoleCors<E extends APIGatewayProxyEvent>(
  allowedOrigin: string | undefined = process.env.CONSOLE_ORIGIN,
): ApiMiddleware<E> {
  const add = (request: { event: E; response: APIGatewayProxyResult | null }) => {
    const origin = header(request.event, 'origin');
    if (!allowedOrigin || origin !== allowedOrigin || !request.response) return;
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': allowedOrigin,
      vary: 'Origin',
    };
  };
  return { after: add, onError: add };
}

/** A handler for an API route: Lambda context in the logs, and every error mapped in one place. */
export function apiHandler(logger: Logger) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(consoleCors())
    .use(httpErrors(logger));
}

/** {@link apiHandler} for a route with a JSON body: the body guard runs first, its value on `event.jsonBody`. */
export function jsonApiHandler(logger: Logger, options: { acceptForm?: boolean } = {}) {
  return middy<JsonApiEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(consoleCors())
    .use(httpErrors(logger))
    .use(jsonBody(options));
}

/** Who is calling a staff route, and with what access (set by {@link staffAccess}). */
export interface StaffContext {
  principal: StaffPrincipal;
  access: Exclude<Access, 'deny'>;
  routeKey: string;
}

/** An API Gateway proxy event on a staff route, after {@link staffAccess}. */
export type StaffApiEvent = APIGatewayProxyEvent & { staff: StaffContext };
export type StaffJsonApiEvent = JsonApiEvent & { staff: StaffContext };

const FORBIDDEN_MESSAGE = 'Your role may not use this route.';

/** Logs a refusal with the route, role and reason only: no staff id, no feedback id or content. */
function logRefusal(logger: Logger, key: string, role: string, reason: string): void {
  logger.warn('Access refused', { route: key, role, reason });
}

/**
 * Enforces the access policy on every staff route before its handler runs: a caller without a
 * staff role, or whose role may not use the route, gets `403`; otherwise `event.staff` carries
 * who they are and their access for the record-level checks below.
 */
export function staffAccess<E extends StaffApiEvent>(logger: Logger): ApiMiddleware<E> {
  return {
    before: (request) => {
      const { event } = request;
      const key = routeKey(event.httpMethod, event.resource);
      const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
      const principal = principalFromClaims(claims);
      if (!principal) {
        logRefusal(logger, key, 'none', 'no_staff_role');
        throw new DomainError('forbidden', 'Your account has no staff role.');
      }
      const decision = authorize(principal, key);
      if (decision.outcome !== 'allow') {
        logRefusal(logger, key, principal.role, decision.reason);
        throw new DomainError('forbidden', FORBIDDEN_MESSAGE);
      }
      event.staff = { principal, access: decision.access, routeKey: key };
    },
  };
}

/**
 * The record-level half of the policy: another team's feedback is `404` for a caller limited
 * to their own teams (the refusal is logged without identifying anyone).
 */
export function requireRecordAccess(
  logger: Logger,
  staff: StaffContext,
  record: { team: string | null },
): void {
  const decision = authorize(staff.principal, staff.routeKey, record);
  if (decision.outcome === 'allow') return;
  logRefusal(logger, staff.routeKey, staff.principal.role, decision.reason);
  if (decision.outcome === 'not_found') throw new NotFoundError();
  throw new DomainError('forbidden', FORBIDDEN_MESSAGE);
}

/** The assignment half of the policy (contract §7): `403` when the role may not make it. */
export function requireAssignmentRight(
  logger: Logger,
  staff: StaffContext,
  record: { team: string | null; assignee: string | null },
  change: AssignmentRequest,
): void {
  const decision = authorizeAssignment(staff.principal, record, change);
  if (decision.outcome === 'allow') return;
  logRefusal(logger, staff.routeKey, staff.principal.role, decision.reason);
  throw new DomainError('forbidden', 'Your role may not make this assignment.');
}

/** {@link apiHandler} for a staff route: the access policy runs before the handler. */
export function staffApiHandler(logger: Logger) {
  return middy<StaffApiEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .use(staffAccess(logger));
}

/** {@link jsonApiHandler} for a staff route: the access policy runs before the body is read. */
export function staffJsonApiHandler(logger: Logger) {
  return middy<StaffJsonApiEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .use(staffAccess(logger))
    .use(jsonBody());
}
