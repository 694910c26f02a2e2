import { z } from 'zod';
import {
  channelSchema,
  feedbackTypeSchema,
  isoInstantSchema,
  prioritySchema,
  SENTIMENT_LABELS,
  severitySchema,
  statusSchema,
} from './common.ts';
import { consentSchema, customerSchema, metadataSchema, ratingsSchema } from './feedback-input.ts';

export const sentimentSchema = z
  .object({
    label: z.enum(SENTIMENT_LABELS),
    scores: z.object({
      positive: z.number(),
      negative: z.number(),
      neutral: z.number(),
      mixed: z.number(),
    }),
    source: z.enum(['comprehend', 'local']),
  })
  .meta({ id: 'Sentiment' });
export type Sentiment = z.infer<typeof sentimentSchema>;

export const deadlinesSchema = z
  .object({
    firstResponseDue: isoInstantSchema,
    resolutionDue: isoInstantSchema.nullable(),
  })
  .meta({ id: 'Deadlines' });
export type Deadlines = z.infer<typeof deadlinesSchema>;

/** One recorded change; extra fields depend on the action (e.g. `note`, `resolution`, `from`, `to`). */
export const historyEntrySchema = z
  .looseObject({
    at: isoInstantSchema,
    action: z.string().max(64),
    actor: z.string().max(512),
    note: z.string().max(2000).optional(),
    resolution: z.string().max(2000).optional(),
    from: statusSchema.optional(),
    to: statusSchema.optional(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const repeatSchema = z
  .object({
    count: z.int().min(1),
    windowDays: z.int(),
    previousIds: z.array(z.string().max(26)),
  })
  .meta({ id: 'RepeatComplaint' });

/** One outgoing email's delivery record: claimed before sending, so retries never send twice. */
export const notificationStateSchema = z
  .object({
    claimedAt: isoInstantSchema,
    sentAt: isoInstantSchema.optional(),
    messageId: z.string().max(256).optional(),
    skipped: z
      .boolean()
      .optional()
      .describe('A lower ladder level passed over because a higher one was already due'),
  })
  .meta({ id: 'NotificationState' });

/** The next step of the escalation ladder for this feedback, if any is still ahead. */
export const escalationStepSchema = z
  .object({
    at: isoInstantSchema,
    deadline: z.enum(['firstResponse', 'resolution']),
    level: z.int().min(1).max(3),
  })
  .meta({ id: 'EscalationStep' });
export type EscalationStep = z.infer<typeof escalationStepSchema>;

/** The customer's one-question survey for the latest resolution. */
export const surveyStateSchema = z
  .object({
    token: z.string().max(59),
    round: z.int().min(1),
    answer: z
      .object({ csat: z.int().min(1).max(5), comment: z.string().max(2000).optional(), at: isoInstantSchema })
      .nullable(),
  })
  .meta({ id: 'SurveyState' });
export type SurveyState = z.infer<typeof surveyStateSchema>;

/** A feedback as staff read it (`GET /v1/feedback/{id}`). */
export const feedbackRecordSchema = z
  .object({
    id: z.string().max(26),
    channel: channelSchema,
    text: z.string().meta({ maxLength: 5000 }),
    language: z.string().max(35).nullable().describe('BCP-47 tag; null until detected'),
    status: statusSchema,
    receivedAt: isoInstantSchema,
    updatedAt: isoInstantSchema,
    anonymous: z.boolean(),
    customer: customerSchema.nullable(),
    consent: consentSchema,
    ratings: ratingsSchema,
    severity: severitySchema.nullable(),
    serviceType: z.string().max(100).nullable(),
    reference: z.string().max(200).nullable(),
    occurredAt: isoInstantSchema.nullable(),
    metadata: metadataSchema.nullable(),
    sentiment: sentimentSchema.nullable().describe('null until scored'),
    sentimentPending: z
      .boolean()
      .describe('true while scoring failed and is retried by the sentiment-rescore schedule'),
    type: feedbackTypeSchema.nullable(),
    category: z.string().max(64).nullable(),
    priority: prioritySchema.nullable(),
    team: z.string().max(40).nullable().describe('The team that owns it (contract §7); null until triaged'),
    assignee: z.string().max(200).nullable().describe('The staff id working on it, or null'),
    deadlines: deadlinesSchema.nullable(),
    escalationLevel: z.int().min(0).max(3),
    nextEscalation: escalationStepSchema.nullable(),
    clockStartedAt: isoInstantSchema
      .nullable()
      .describe('When the current deadlines started (receipt, or the last reopen)'),
    firstRespondedAt: isoInstantSchema.nullable(),
    waitingSince: isoInstantSchema
      .nullable()
      .describe('Set while waiting for the customer: the resolution clock is paused'),
    resolvedAt: isoInstantSchema.nullable(),
    closedAt: isoInstantSchema.nullable(),
    resolution: z.string().max(2000).nullable(),
    reopenCount: z.int().min(0),
    survey: surveyStateSchema.nullable(),
    repeat: repeatSchema.nullable(),
    problemId: z
      .string()
      .max(26)
      .optional()
      .describe('The problem (contract §10) this feedback is linked to; absent when none'),
    history: z.array(historyEntrySchema),
    trackingToken: z.string().max(59),
    notifications: z
      .record(z.string().max(64), notificationStateSchema)
      .describe('Emails sent for this feedback, by kind'),
    version: z.int().min(1).describe('Optimistic-concurrency version, raised on every change'),
  })
  .meta({ id: 'Feedback' });
export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

export const feedbackPageSchema = z
  .object({
    items: z.array(feedbackRecordSchema).max(100),
    nextCursor: z.string().max(2048).optional(),
  })
  .meta({ id: 'FeedbackPage' });
export type FeedbackPage = z.infer<typeof feedbackPageSchema>;

/** Query of `GET /v1/feedback`. */
export const feedbackListQuerySchema = z
  .strictObject({
    status: statusSchema.optional(),
    priority: prioritySchema.optional(),
    channel: channelSchema.optional(),
    category: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9_]{1,40}$/)
      .optional()
      .meta({ description: 'A taxonomy id (filtered within the index query)' }),
    type: feedbackTypeSchema
      .optional()
      .meta({ description: '`complaint` also matches `emotional` (contract §2)' }),
    from: isoInstantSchema
      .transform((value) => new Date(value).toISOString())
      .optional()
      .meta({ description: 'Received at or after this instant' }),
    before: isoInstantSchema
      .transform((value) => new Date(value).toISOString())
      .optional()
      .meta({ description: 'Received before this instant' }),
    sort: z.enum(['received', 'deadline']).optional().meta({
      description: '`deadline`: open work only, soonest next deadline first (default: newest first)',
    }),
    team: z.string().min(1).max(40).optional().describe('Only this team’s feedback'),
    assignee: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Only feedback assigned to this staff id; `me` for the caller'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .meta({ id: 'FeedbackListQuery' });
export type FeedbackListQuery = z.infer<typeof feedbackListQuerySchema>;

/** What a customer sees at `GET /v1/track/{trackingToken}`: no personal data, no internal notes. */
export const trackingViewSchema = z
  .object({
    status: statusSchema,
    receivedAt: isoInstantSchema,
    firstResponseDue: isoInstantSchema.nullable(),
    resolvedAt: isoInstantSchema.optional(),
    updates: z.array(
      z.object({
        at: isoInstantSchema,
        status: statusSchema,
        message: z.string().max(2000).optional(),
      }),
    ),
  })
  .meta({ id: 'TrackingView' });
export type TrackingView = z.infer<typeof trackingViewSchema>;
