import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import * as z from './zod.ts';

/**
 * Path parameters, bounded: each has a pattern and a length, checked before anything is read,
 * so no request can hand DynamoDB a key it refuses (a key over 2,048 bytes answers 500).
 */

/** Crockford base 32, the alphabet of ULIDs and of idempotent ids. */
const CROCKFORD = '[0-9A-HJKMNP-TV-Z]';

/** A feedback id: a ULID (or an id derived from an idempotency key), 26 characters. */
export const feedbackIdSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.string().check(z.length(26), z.regex(new RegExp(`^${CROCKFORD}{26}$`))), {
    description: 'Feedback id (26 characters, Crockford base 32)',
    example: '01KB6Z8Q3J9W5X7Y2V4T6R8N0M',
  }),
);

/** A customer's tracking or survey token: `<feedback id>.<192-bit secret, base64url>`. */
export const accessTokenSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(z.length(59), z.regex(new RegExp(`^${CROCKFORD}{26}\\.[A-Za-z0-9_-]{32}$`))),
);

/** A quarter `2026-Q4`, a month `2026-11` or an ISO week `2026-W48`. */
export const periodSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z
      .string()
      .check(
        z.minLength(7),
        z.maxLength(8),
        z.regex(/^\d{4}-(?:Q[1-4]|0[1-9]|1[0-2]|W(?:0[1-9]|[1-4]\d|5[0-3]))$/),
      ),
    {
      description: 'A quarter (2026-Q4), a month (2026-11) or an ISO week (2026-W48, Monday to Sunday)',
      example: '2026-Q4',
    },
  ),
);

/**
 * A path parameter checked against its schema: a malformed identifier answers `404` (nothing
 * can exist under it), a malformed value such as a period `400`, both with the error body.
 */
export function pathParam(
  event: Pick<APIGatewayProxyEvent, 'pathParameters'>,
  name: string,
  schema: z.ZodMiniType<string>,
  malformed: { notFound: string } | 'validation',
): string {
  const raw = event.pathParameters?.[name] ?? '';
  if (schema.safeParse(raw).success) return raw;
  if (malformed === 'validation') {
    throw new DomainError('validation_error', `The path parameter ${name} is not valid.`, [
      {
        path: name,
        message: z.globalRegistry.get(schema)?.description ?? 'does not match its documented pattern',
      },
    ]);
  }
  throw new NotFoundError(malformed.notFound);
}
