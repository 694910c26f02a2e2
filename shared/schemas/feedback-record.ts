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
import * as z from './zod.ts';

export const sentimentSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      label: z.enum(SENTIMENT_LABELS),
      scores: z.object({
        positive: z.number(),
        negative: z.number(),
        neutral: z.number(),
        mixed: z.number(),
      }),
      source: z.enum(['comprehend', 'local']),
    }),
    { id: 'Sentiment' },
  ),
);
export type Sentiment = z.infer<typeof sentimentSchema>;

export const deadlinesSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      firstResponseDue: isoInstantSchema,
      resolutionDue: z.nullable(isoInstantSchema),
    }),
    { id: 'Deadlines' },
  ),
);
export type Deadlines = z.infer<typeof deadlinesSchema>;

/** One recorded change; extra fields depend on the action (e.g. `note`, `resolution`, `from`, `to`). */
export const historyEntrySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.looseObject({
      at: isoInstantSchema,
      action: z.string().check(z.maxLength(64)),
      actor: z.string().check(z.maxLength(512)),
      note: z.optional(z.string().check(z.maxLength(2000))),
      resolution: z.optional(z.string().check(z.maxLength(2000))),
      from: z.optional(statusSchema),
      to: z.optional(statusSchema),
    }),
    { id: 'HistoryEntry' },
  ),
);
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const repeatSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      count: z.int().check(z.gte(1)),
      windowDays: z.int(),
      previousIds: z.array(z.string().check(z.maxLength(26))),
    }),
    { id: 'RepeatComplaint' },
  ),
);

/** One outgoing email's delivery record: claimed before sending, so retries never send twice. */
export const notificationStateSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      claimedAt: isoInstantSchema,
      sentAt: z.optional(isoInstantSchema),
      messageId: z.optional(z.string().check(z.maxLength(256))),
      skipped: z.withDescription(
        z.optional(z.boolean()),
        'A lower ladder level passed over because a higher one was already due',
      ),
    }),
    { id: 'NotificationState' },
  ),
);

/** The next step of the escalation ladder for this feedback, if any is still ahead. */
export const escalationStepSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      at: isoInstantSchema,
      deadline: z.enum(['firstResponse', 'resolution']),
      level: z.int().check(z.gte(1), z.lte(3)),
    }),
    { id: 'EscalationStep' },
  ),
);
export type EscalationStep = z.infer<typeof escalationStepSchema>;

/** The customer's one-question survey for the latest resolution. */
export const surveyStateSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      token: z.string().check(z.maxLength(59)),
      round: z.int().check(z.gte(1)),
      answer: z.nullable(
        z.object({
          csat: z.int().check(z.gte(1), z.lte(5)),
          comment: z.optional(z.string().check(z.maxLength(2000))),
          at: isoInstantSchema,
        }),
      ),
    }),
    { id: 'SurveyState' },
  ),
);
export type SurveyState = z.infer<typeof surveyStateSchema>;

/** A feedback as staff read it (`GET /v1/feedback/{id}`). */
export const feedbackRecordSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(26)),
      channel: channelSchema,
      text: z.withMeta(z.string(), { maxLength: 5000 }),
      language: z.withDescription(
        z.nullable(z.string().check(z.maxLength(35))),
        'BCP-47 tag; null until detected',
      ),
      status: statusSchema,
      receivedAt: isoInstantSchema,
      updatedAt: isoInstantSchema,
      anonymous: z.boolean(),
      customer: z.nullable(customerSchema),
      consent: consentSchema,
      ratings: ratingsSchema,
      severity: z.nullable(severitySchema),
      serviceType: z.nullable(z.string().check(z.maxLength(100))),
      reference: z.nullable(z.string().check(z.maxLength(200))),
      occurredAt: z.nullable(isoInstantSchema),
      metadata: z.nullable(metadataSchema),
      sentiment: z.withDescription(z.nullable(sentimentSchema), 'null until scored'),
      sentimentPending: z.withDescription(
        z.boolean(),
        'true while scoring failed and is retried by the sentiment-rescore schedule',
      ),
      type: z.nullable(feedbackTypeSchema),
      category: z.nullable(z.string().check(z.maxLength(64))),
      priority: z.nullable(prioritySchema),
      team: z.withDescription(
        z.nullable(z.string().check(z.maxLength(40))),
        'The team that owns it (contract §7); null until triaged',
      ),
      assignee: z.withDescription(
        z.nullable(z.string().check(z.maxLength(200))),
        'The staff id working on it, or null',
      ),
      deadlines: z.nullable(deadlinesSchema),
      escalationLevel: z.int().check(z.gte(0), z.lte(3)),
      nextEscalation: z.nullable(escalationStepSchema),
      clockStartedAt: z.withDescription(
        z.nullable(isoInstantSchema),
        'When the current deadlines started (receipt, or the last reopen)',
      ),
      firstRespondedAt: z.nullable(isoInstantSchema),
      waitingSince: z.withDescription(
        z.nullable(isoInstantSchema),
        'Set while waiting for the customer: the resolution clock is paused',
      ),
      resolvedAt: z.nullable(isoInstantSchema),
      closedAt: z.nullable(isoInstantSchema),
      resolution: z.nullable(z.string().check(z.maxLength(2000))),
      reopenCount: z.int().check(z.gte(0)),
      survey: z.nullable(surveyStateSchema),
      repeat: z.nullable(repeatSchema),
      problemId: z.withDescription(
        z.optional(z.string().check(z.maxLength(26))),
        'The problem (contract §10) this feedback is linked to; absent when none',
      ),
      history: z.array(historyEntrySchema),
      trackingToken: z.string().check(z.maxLength(59)),
      notifications: z.withDescription(
        z.record(z.string().check(z.maxLength(64)), notificationStateSchema),
        'Emails sent for this feedback, by kind',
      ),
      version: z.withDescription(
        z.int().check(z.gte(1)),
        'Optimistic-concurrency version, raised on every change',
      ),
    }),
    { id: 'Feedback' },
  ),
);
export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

export const feedbackPageSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      items: z.array(feedbackRecordSchema).check(z.maxLength(100)),
      nextCursor: z.optional(z.string().check(z.maxLength(2048))),
    }),
    { id: 'FeedbackPage' },
  ),
);
export type FeedbackPage = z.infer<typeof feedbackPageSchema>;

/** Query of `GET /v1/feedback`. */
export const feedbackListQuerySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      status: z.optional(statusSchema),
      priority: z.optional(prioritySchema),
      channel: z.optional(channelSchema),
      category: z.withMeta(
        z.optional(z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z0-9_]{1,40}$/))),
        { description: 'A taxonomy id (filtered within the index query)' },
      ),
      type: z.withMeta(z.optional(feedbackTypeSchema), {
        description: '`complaint` also matches `emotional` (contract §2)',
      }),
      from: z.withMeta(
        z.optional(
          z.pipe(
            isoInstantSchema,
            z.transform((value) => new Date(value).toISOString()),
          ),
        ),
        { description: 'Received at or after this instant' },
      ),
      before: z.withMeta(
        z.optional(
          z.pipe(
            isoInstantSchema,
            z.transform((value) => new Date(value).toISOString()),
          ),
        ),
        { description: 'Received before this instant' },
      ),
      sort: z.withMeta(z.optional(z.enum(['received', 'deadline'])), {
        description: '`deadline`: open work only, soonest next deadline first (default: newest first)',
      }),
      team: z.withDescription(
        z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
        'Only this team’s feedback',
      ),
      assignee: z.withDescription(
        z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
        'Only feedback assigned to this staff id; `me` for the caller',
      ),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
      cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
    }),
    { id: 'FeedbackListQuery' },
  ),
);
export type FeedbackListQuery = z.infer<typeof feedbackListQuerySchema>;

/** What a customer sees at `GET /v1/track/{trackingToken}`: no personal data, no internal notes. */
export const trackingViewSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      status: statusSchema,
      receivedAt: isoInstantSchema,
      firstResponseDue: z.nullable(isoInstantSchema),
      resolvedAt: z.optional(isoInstantSchema),
      updates: z.array(
        z.object({
          at: isoInstantSchema,
          status: statusSchema,
          message: z.optional(z.string().check(z.maxLength(2000))),
        }),
      ),
    }),
    { id: 'TrackingView' },
  ),
);
export type TrackingView = z.infer<typeof trackingViewSchema>;
