import * as z from './zod.ts';

/** A submission as JSON: the same names as the HTML fields (contract §5). */
export const publicFormSubmissionSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      text: z
        .string()
        .check(z.trim(), z.minLength(1, 'is required'), z.maxLength(5000, 'is at most 5000 characters')),
      csat: z.optional(z.int().check(z.gte(1), z.lte(5))),
      email: z.optional(z.email().check(z.maxLength(254))),
      consent: z.optional(z.boolean()),
      anonymous: z.optional(z.boolean()),
      nonce: z.optional(z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]{8,64}$/))),
    }),
    { id: 'PublicFormSubmission' },
  ),
);
export type PublicFormSubmission = z.infer<typeof publicFormSubmissionSchema>;
