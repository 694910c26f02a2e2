import { z } from 'zod';

/** A submission as JSON: the same names as the HTML fields (contract §5). */
export const publicFormSubmissionSchema = z
  .strictObject({
    text: z.string().trim().min(1, 'is required').max(5000, 'is at most 5000 characters'),
    csat: z.int().min(1).max(5).optional(),
    email: z.email().max(254).optional(),
    consent: z.boolean().optional(),
    anonymous: z.boolean().optional(),
    nonce: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .meta({ id: 'PublicFormSubmission' });
export type PublicFormSubmission = z.infer<typeof publicFormSubmissionSchema>;
