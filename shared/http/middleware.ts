import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DomainError } from '../domain/errors.ts';
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
        : Buffer.from(event.body ?? '', 'utf8');
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

/** A handler for an API route: Lambda context in the logs, and every error mapped in one place. */
export function apiHandler(logger: Logger) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger));
}

/** {@link apiHandler} for a route with a JSON body: the body guard runs first, its value on `event.jsonBody`. */
export function jsonApiHandler(logger: Logger, options: { acceptForm?: boolean } = {}) {
  return middy<JsonApiEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger))
    .use(httpErrors(logger))
    .use(jsonBody(options));
}
