import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import * as z from '../schemas/zod.ts';

/** Body of `POST /v1/customers/erasure`: any of the ways a customer was identified. */
export const erasureRequestSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      customer: z
        .strictObject({
          id: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
          email: z.optional(z.email().check(z.maxLength(254))),
          phone: z.optional(z.string().check(z.maxLength(32), z.regex(/^\+?[0-9][0-9 ().-]{3,30}$/))),
        })
        .check(
          z.refine((c) => Boolean(c.id || c.email || c.phone), {
            message: 'name at least one of id, email, phone',
          }),
        ),
      reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
    }),
    { id: 'ErasureRequest' },
  ),
);
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;

export const erasureResultSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.object({ erased: z.int(), feedbackIds: z.array(z.string().check(z.maxLength(26))) }), {
    id: 'ErasureResult',
  }),
);

export const ERASED_TEXT = '[erased]';

/**
 * A feedback with the customer's personal data erased: identity, contact consent, free text,
 * channel metadata and survey comments. What is kept is anonymous: channel, type, category,
 * sentiment, priority, dates, ratings and the history of what was done (with the erasure),
 * every note in it erased.
 */
export function erasePersonalData(
  record: FeedbackRecord,
  actor: string,
  now: Date,
  reason?: string,
): FeedbackRecord {
  const at = now.toISOString();
  return {
    ...record,
    anonymous: true,
    customer: record.customer?.segment ? { segment: record.customer.segment } : null,
    consent: { contact: false },
    text: ERASED_TEXT,
    metadata: null,
    reference: null,
    survey: record.survey
      ? {
          ...record.survey,
          answer: record.survey.answer
            ? { csat: record.survey.answer.csat, at: record.survey.answer.at }
            : null,
        }
      : null,
    history: [
      ...record.history.map((entry) =>
        // Notes are free text: survey comments are the customer's words, staff notes are about them.
        entry.note !== undefined ? { ...entry, note: ERASED_TEXT } : entry,
      ),
      { at, action: 'personal_data_erased', actor, ...(reason ? { note: reason } : {}) },
    ],
    updatedAt: at,
  };
}
