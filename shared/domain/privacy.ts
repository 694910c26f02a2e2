import { z } from 'zod';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

/** Body of `POST /v1/customers/erasure`: any of the ways a customer was identified. */
export const erasureRequestSchema = z
  .strictObject({
    customer: z
      .strictObject({
        id: z.string().trim().min(1).max(128).optional(),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .max(32)
          .regex(/^\+?[0-9][0-9 ().-]{3,30}$/)
          .optional(),
      })
      .refine((c) => Boolean(c.id || c.email || c.phone), {
        message: 'name at least one of id, email, phone',
      }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'ErasureRequest' });
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;

export const erasureResultSchema = z
  .object({ erased: z.int(), feedbackIds: z.array(z.string().max(26)) })
  .meta({ id: 'ErasureResult' });

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
