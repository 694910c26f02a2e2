import type { APIGatewayProxyResult } from 'aws-lambda';
import { DomainError } from '../domain/errors.ts';
import type { ErrorBody, ErrorCode, ErrorIssue } from '../schemas/errors.ts';
import type * as z from '../schemas/zod.ts';

/** The one place domain error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_error: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  internal_error: 500,
};

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response with the API's standard headers. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The contract's error body for a code. */
export function errorBody(code: ErrorCode, message: string, issues?: ErrorIssue[]): ErrorBody {
  // Bounded like the documented error body whatever built the issues (a CSV header cell is user text).
  const bounded = issues
    ?.slice(0, MAX_ISSUES)
    .map((issue) => ({ path: clip(issue.path), message: clip(issue.message) }));
  return { error: { code, message: clip(message), ...(bounded?.length ? { issues: bounded } : {}) } };
}

/**
 * Turns any thrown value into a response. A DomainError keeps its code and message; anything
 * else becomes a 500 that says nothing about the internals.
 */
export function errorResponse(error: unknown): APIGatewayProxyResult {
  if (error instanceof DomainError) {
    return jsonResponse(STATUS_BY_CODE[error.code], errorBody(error.code, error.message, error.issues));
  }
  return jsonResponse(
    500,
    errorBody('internal_error', 'Something went wrong on our side. Please retry later.'),
  );
}

/** Converts zod issues into the contract's `issues` list (`customer.email`, `ratings.csat`, …). */
export function issuesFromZod(error: z.core.$ZodError, prefix?: string): ErrorIssue[] {
  // Bounded like the documented error body: at most 100 issues of at most 1,000 characters.
  return error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => [path, key].filter(Boolean).join('.'));
      return { path: clip(keys.join(', ') || '(body)'), message: 'is not a known field' };
    }
    return { path: clip(path || '(body)'), message: clip(issue.message) };
  });
}

const MAX_ISSUES = 100;
const MAX_ISSUE_CHARS = 1000;

function clip(text: string): string {
  return text.length > MAX_ISSUE_CHARS ? `${text.slice(0, MAX_ISSUE_CHARS - 1)}…` : text;
}

/** Parses a value with a schema or throws a `validation_error` naming each bad field. */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: string,
  prefix?: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError('validation_error', `The ${what} is not valid.`, issuesFromZod(result.error, prefix));
}
