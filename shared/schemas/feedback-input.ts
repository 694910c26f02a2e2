import {
  channelSchema,
  codePointLength,
  isoInstantSchema,
  languageTagSchema,
  severitySchema,
} from './common.ts';
import * as z from './zod.ts';

/** The most text one feedback may carry, in characters after trimming (contract §2). */
export const MAX_TEXT_CHARACTERS = 5000;
const MAX_METADATA_KEYS = 20;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const metadataKeySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'metadata keys are 1-64 letters, digits, "_", "." or "-"'),
    z.refine((key) => !FORBIDDEN_KEYS.has(key), 'this metadata key is reserved'),
  ),
);

const metadataValueSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.union([z.string().check(z.maxLength(500)), z.number(), z.boolean(), z.null()]),
);

/** A small flat object of channel-specific facts: scalar values only, at most 20 keys. */
export const metadataSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.record(metadataKeySchema, metadataValueSchema).check(
      z.refine((value) => Object.keys(value).length <= MAX_METADATA_KEYS, {
        message: `metadata has at most ${MAX_METADATA_KEYS} keys`,
      }),
    ),
    {
      id: 'FeedbackMetadata',
      description: 'A small flat object: at most 20 keys, scalar values.',
      maxProperties: MAX_METADATA_KEYS,
    },
  ),
);

export const customerSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      id: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
      email: z.optional(z.email().check(z.maxLength(254))),
      name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
      phone: z.optional(
        z
          .string()
          .check(
            z.maxLength(32),
            z.regex(/^\+?[0-9][0-9 ().-]{3,30}$/, 'must be a phone number such as +86 138 0000 0000'),
          ),
      ),
      segment: z.optional(
        z
          .string()
          .check(
            z.maxLength(32),
            z.regex(/^[a-z0-9_-]{1,32}$/, 'must be a lower-case segment name such as vip or standard'),
          ),
      ),
    }),
    { id: 'Customer' },
  ),
);
export type Customer = z.infer<typeof customerSchema>;

export const ratingsSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      csat: z.optional(z.int().check(z.gte(1), z.lte(5))),
      nps: z.optional(z.int().check(z.gte(0), z.lte(10))),
      ces: z.optional(z.int().check(z.gte(1), z.lte(7))),
    }),
    { id: 'Ratings' },
  ),
);
export type Ratings = z.infer<typeof ratingsSchema>;

export const consentSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.strictObject({ contact: z.boolean() }), { id: 'Consent' }),
);

/** Body of `POST /v1/feedback` (contract §2). Unknown fields are refused so typos are caught. */
export const feedbackInputSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      channel: channelSchema,
      text: z.withMeta(
        z.string().check(
          z.trim(),
          z.minLength(1, 'must not be blank'),
          z.refine((text) => codePointLength(text) <= MAX_TEXT_CHARACTERS, {
            message: `must be at most ${MAX_TEXT_CHARACTERS} characters`,
          }),
        ),
        { maxLength: MAX_TEXT_CHARACTERS },
      ),
      language: z.optional(languageTagSchema),
      customer: z.optional(customerSchema),
      anonymous: z.optional(z.boolean()),
      consent: z.optional(consentSchema),
      ratings: z.optional(ratingsSchema),
      severity: z.optional(severitySchema),
      serviceType: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
      reference: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
      occurredAt: z.optional(isoInstantSchema),
      metadata: z.optional(metadataSchema),
    }),
    { id: 'FeedbackInput' },
  ),
);
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

/** The `Idempotency-Key` header: 1-128 visible ASCII characters. */
export const idempotencyKeySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z
    .string()
    .check(
      z.maxLength(128),
      z.regex(/^[\x20-\x7e]{1,128}$/, 'Idempotency-Key must be 1-128 printable ASCII characters'),
    ),
);

/** Answer to an accepted `POST /v1/feedback`. */
export const feedbackAcceptedSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(26)),
      status: z.literal('received'),
      receivedAt: isoInstantSchema,
      trackingToken: z.string().check(z.maxLength(59)),
      trackingUrl: z.url().check(z.maxLength(2048)),
    }),
    { id: 'FeedbackAccepted' },
  ),
);
export type FeedbackAccepted = z.infer<typeof feedbackAcceptedSchema>;
