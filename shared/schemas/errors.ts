import * as z from './zod.ts';

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

export const errorIssueSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({ path: z.string().check(z.maxLength(1000)), message: z.string().check(z.maxLength(1000)) }),
    { id: 'ErrorIssue' },
  ),
);
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

/** The one error body every refusal carries (contract §2). */
export const errorBodySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      error: z.object({
        code: z.enum(ERROR_CODES),
        message: z.string().check(z.maxLength(1000)),
        issues: z.optional(z.array(errorIssueSchema).check(z.maxLength(100))),
      }),
    }),
    { id: 'Error' },
  ),
);
export type ErrorBody = z.infer<typeof errorBodySchema>;
