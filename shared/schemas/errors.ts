import { z } from 'zod';

/** Machine-readable error codes the API answers with. */
export const ERROR_CODES = [
  'validation_error',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'gone',
  'idempotency_key_reused',
  'invalid_transition',
  'too_many_requests',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorIssueSchema = z
  .object({ path: z.string().max(1000), message: z.string().max(1000) })
  .meta({ id: 'ErrorIssue' });
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

/** The one error body every refusal carries (contract §2). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().max(1000),
      issues: z.array(errorIssueSchema).max(100).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
