import { z } from 'zod';
import {
  channelSchema,
  codePointLength,
  isoInstantSchema,
  languageTagSchema,
  severitySchema,
} from './common.ts';

/** The most text one feedback may carry, in characters after trimming (contract §2). */
export const MAX_TEXT_CHARACTERS = 5000;
const MAX_METADATA_KEYS = 20;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const metadataKeySchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'metadata keys are 1-64 letters, digits, "_", "." or "-"')
  .refine((key) => !FORBIDDEN_KEYS.has(key), 'this metadata key is reserved');

const metadataValueSchema = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/** A small flat object of channel-specific facts: scalar values only, at most 20 keys. */
export const metadataSchema = z
  .record(metadataKeySchema, metadataValueSchema)
  .refine((value) => Object.keys(value).length <= MAX_METADATA_KEYS, {
    message: `metadata has at most ${MAX_METADATA_KEYS} keys`,
  })
  .meta({
    id: 'FeedbackMetadata',
    description: 'A small flat object: at most 20 keys, scalar values.',
    maxProperties: MAX_METADATA_KEYS,
  });

export const customerSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(128).optional(),
    email: z.email().max(254).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .max(32)
      .regex(/^\+?[0-9][0-9 ().-]{3,30}$/, 'must be a phone number such as +86 138 0000 0000')
      .optional(),
    segment: z
      .string()
      .max(32)
      .regex(/^[a-z0-9_-]{1,32}$/, 'must be a lower-case segment name such as vip or standard')
      .optional(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const ratingsSchema = z
  .strictObject({
    csat: z.int().min(1).max(5).optional(),
    nps: z.int().min(0).max(10).optional(),
    ces: z.int().min(1).max(7).optional(),
  })
  .meta({ id: 'Ratings' });
export type Ratings = z.infer<typeof ratingsSchema>;

export const consentSchema = z.strictObject({ contact: z.boolean() }).meta({ id: 'Consent' });

/** Body of `POST /v1/feedback` (contract §2). Unknown fields are refused so typos are caught. */
export const feedbackInputSchema = z
  .strictObject({
    channel: channelSchema,
    text: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .refine((text) => codePointLength(text) <= MAX_TEXT_CHARACTERS, {
        message: `must be at most ${MAX_TEXT_CHARACTERS} characters`,
      })
      // JSON Schema counts characters as code points too, after the trim the API applies.
      .meta({ maxLength: MAX_TEXT_CHARACTERS }),
    language: languageTagSchema.optional(),
    customer: customerSchema.optional(),
    anonymous: z.boolean().optional(),
    consent: consentSchema.optional(),
    ratings: ratingsSchema.optional(),
    severity: severitySchema.optional(),
    serviceType: z.string().trim().min(1).max(100).optional(),
    reference: z.string().trim().min(1).max(200).optional(),
    occurredAt: isoInstantSchema.optional(),
    metadata: metadataSchema.optional(),
  })
  .meta({ id: 'FeedbackInput' });
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

/** The `Idempotency-Key` header: 1-128 visible ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .max(128)
  .regex(/^[\x20-\x7e]{1,128}$/, 'Idempotency-Key must be 1-128 printable ASCII characters');

/** Answer to an accepted `POST /v1/feedback`. */
export const feedbackAcceptedSchema = z
  .object({
    id: z.string().max(26),
    status: z.literal('received'),
    receivedAt: isoInstantSchema,
    trackingToken: z.string().max(59),
    trackingUrl: z.url().max(2048),
  })
  .meta({ id: 'FeedbackAccepted' });
export type FeedbackAccepted = z.infer<typeof feedbackAcceptedSchema>;
