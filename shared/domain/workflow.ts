import type { PolicyConfig } from '../config/policy-config.ts';
import type { FeedbackStatus } from '../schemas/common.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import * as z from '../schemas/zod.ts';
import type { BusinessCalendar } from './calendar.ts';
import { DomainError } from './errors.ts';
import { escalationLevelOf, nextEscalationStep } from './escalation.ts';
import { newAccessToken } from './ids.ts';
import { deadlinesFor } from './priority-policy.ts';

export const WORKFLOW_ACTIONS = [
  'acknowledge',
  'wait_for_customer',
  'resume',
  'resolve',
  'close',
  'reopen',
  'note',
  'record_call',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Every action of `POST /v1/feedback/{id}/actions`: the workflow's, and `assign` (contract §7). */
export const ACTION_NAMES = [...WORKFLOW_ACTIONS, 'assign'] as const;

/** Body of `POST /v1/feedback/{id}/actions`. */
export const actionRequestSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z
      .strictObject({
        action: z.enum(ACTION_NAMES),
        note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
        resolution: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
        actor: z.withDescription(
          z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
          'Kept as the history entry’s claimedActor; the actor is always the authenticated caller',
        ),
        team: z.withDescription(
          z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
          'assign: the team to move it to',
        ),
        assignee: z.withDescription(
          z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))),
          'assign: a staff id of the team, `me` for yourself, or null to unassign',
        ),
        version: z.withDescription(
          z.optional(z.int().check(z.gte(1))),
          'Refuse with 409 unless the feedback is still at this version',
        ),
      })
      .check(
        z.superRefine((value, ctx) => {
          if (value.action === 'resolve' && !value.resolution) {
            ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'is required to resolve' });
          }
          if (value.action === 'note' && !value.note)
            ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required for a note' });
          if (value.action === 'assign' && value.team === undefined && value.assignee === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['team'],
              message: 'assign needs a team, an assignee or both',
            });
          if (value.action !== 'assign') {
            for (const field of ['team', 'assignee'] as const)
              if (value[field] !== undefined)
                ctx.addIssue({ code: 'custom', path: [field], message: 'is only for the assign action' });
          }
        }),
      ),
    { id: 'ActionRequest' },
  ),
);
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** Which statuses each action may start from (contract §2). */
export const ALLOWED_FROM: Record<WorkflowAction, readonly FeedbackStatus[]> = {
  acknowledge: ['open'],
  wait_for_customer: ['open', 'acknowledged'],
  resume: ['waiting_for_customer'],
  resolve: ['open', 'acknowledged', 'waiting_for_customer'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  note: ['open', 'acknowledged', 'waiting_for_customer', 'resolved', 'closed'],
  // The outcome told on the phone (contract §11 notifiedRate): only once there is an outcome
  record_call: ['resolved', 'closed'],
};

export interface WorkflowContext {
  policy: PolicyConfig;
  calendar: BusinessCalendar;
  now: Date;
}

export interface ActionCommand
  extends Omit<ActionRequest, 'version' | 'actor' | 'action' | 'team' | 'assignee'> {
  action: WorkflowAction;
  /** Who acts, always the authenticated caller: `staff:<identity>`, `customer:survey`, … */
  actor: string;
  /** The `actor` the request body named: recorded as a claim, never as the actor (contract §2). */
  claimedActor?: string;
}

/**
 * The feedback after an action, pure. Refuses a transition the status does not allow
 * (`invalid_transition`). Acknowledging stops the first-response clock; waiting for the
 * customer pauses the resolution clock and resuming restarts it with the time it had left;
 * resolving opens a new survey round; reopening starts fresh deadlines and a fresh ladder.
 */
export function applyAction(
  record: FeedbackRecord,
  command: ActionCommand,
  context: WorkflowContext,
): FeedbackRecord {
  if (!ALLOWED_FROM[command.action].includes(record.status)) {
    throw new DomainError(
      'invalid_transition',
      `Cannot ${command.action.replace(/_/g, ' ')} a feedback that is ${record.status.replace(/_/g, ' ')}.`,
      [{ path: 'action', message: `allowed from: ${ALLOWED_FROM[command.action].join(', ')}` }],
    );
  }
  const now = context.now.toISOString();
  const next: FeedbackRecord = { ...record, updatedAt: now };

  switch (command.action) {
    case 'acknowledge':
      next.status = 'acknowledged';
      next.firstRespondedAt ??= now;
      break;
    case 'wait_for_customer':
      next.status = 'waiting_for_customer';
      next.waitingSince = now;
      next.firstRespondedAt ??= now;
      break;
    case 'resume':
      next.status = record.firstRespondedAt ? 'acknowledged' : 'open';
      next.deadlines = resumeResolutionClock(record, context);
      next.waitingSince = null;
      break;
    case 'resolve':
      next.status = 'resolved';
      next.resolvedAt = now;
      next.resolution = command.resolution ?? null;
      next.firstRespondedAt ??= now;
      // Stryker disable next-line ConditionalExpression: `record.waitingSince` → true is equivalent: resumeResolutionClock returns the record’s own deadlines when it is not waiting
      if (record.waitingSince) next.deadlines = resumeResolutionClock(record, context);
      next.waitingSince = null;
      next.survey = {
        token: newAccessToken(record.id),
        round: (record.survey?.round ?? 0) + 1,
        answer: null,
      };
      break;
    case 'close':
      next.status = 'closed';
      next.closedAt = now;
      break;
    case 'reopen':
      next.status = 'open';
      next.reopenCount = record.reopenCount + 1;
      next.clockStartedAt = now;
      next.deadlines = record.priority
        ? deadlinesFor(record.priority, context.now, context.policy, context.calendar)
        : record.deadlines;
      next.firstRespondedAt = null;
      next.resolvedAt = null;
      next.closedAt = null;
      next.waitingSince = null;
      break;
    // Stryker disable next-line ConditionalExpression,StringLiteral: a note changes no field, with or without its case
    case 'note':
    // Stryker disable next-line ConditionalExpression,StringLiteral: a recorded call changes no field, with or without its case
    case 'record_call':
      break;
  }

  const entry: HistoryEntry = {
    at: now,
    action: command.action,
    actor: command.actor,
    ...(command.claimedActor ? { claimedActor: command.claimedActor } : {}),
    ...(next.status !== record.status ? { from: record.status, to: next.status } : {}),
    ...(command.note ? { note: command.note } : {}),
    ...(command.action === 'resolve' && command.resolution ? { resolution: command.resolution } : {}),
    // Deadlines that moved (a resumed clock, a reopen) are recorded: SLA is judged against them
    ...(next.deadlines && next.deadlines !== record.deadlines ? { deadlines: next.deadlines } : {}),
  };
  next.history = [...record.history, entry];
  next.nextEscalation = nextEscalationStep(next, context);
  next.escalationLevel = escalationLevelOf(next);
  return next;
}

/**
 * The deadlines when the resolution clock restarts: it stopped at `waitingSince` with some time
 * left (working time for working-day deadlines, clock time otherwise), and that time now runs
 * from `now`. A deadline already missed when waiting began stays where it was.
 */
function resumeResolutionClock(
  record: FeedbackRecord,
  context: WorkflowContext,
): FeedbackRecord['deadlines'] {
  const deadlines = record.deadlines;
  if (!deadlines?.resolutionDue || !record.waitingSince || !record.priority) return deadlines;
  const pausedAt = new Date(record.waitingSince);
  const due = new Date(deadlines.resolutionDue);
  if (pausedAt >= due) return deadlines;
  // Stryker disable next-line StringLiteral: any unit but workingDays runs in clock time
  const unit = context.policy.deadlines[record.priority].resolution?.unit ?? 'clockHours';
  const resumed =
    unit === 'workingDays'
      ? context.calendar.addWorkingTime(context.now, context.calendar.workingTimeBetween(pausedAt, due))
      : new Date(context.now.getTime() + (due.getTime() - pausedAt.getTime()));
  return { ...deadlines, resolutionDue: resumed.toISOString() };
}

/** Body of `POST /v1/survey/{token}`. */
export const surveyAnswerSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      csat: z.coerce.number().check(z.int(), z.gte(1), z.lte(5)),
      comment: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    }),
    { id: 'SurveyAnswer' },
  ),
);
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** CSAT answers at or below this reopen the feedback (contract §2: 1 or 2). */
export const REOPEN_AT_OR_BELOW = 2;

/**
 * The feedback after the customer answered its survey: the answer is recorded (once: a second
 * answer is a `conflict`), and an unhappy answer (1 or 2) reopens it.
 */
export function answerSurvey(
  record: FeedbackRecord,
  answer: SurveyAnswer,
  context: WorkflowContext,
): FeedbackRecord {
  if (!record.survey) throw new DomainError('not_found', 'No survey was found.');
  if (record.survey.answer) throw new DomainError('conflict', 'This survey was already answered. Thank you!');
  const at = context.now.toISOString();
  const entry: HistoryEntry = {
    at,
    action: 'survey_answered',
    actor: 'customer:survey',
    csat: answer.csat,
    round: record.survey.round,
    ...(answer.comment ? { note: answer.comment } : {}),
  };
  let next: FeedbackRecord = {
    ...record,
    updatedAt: at,
    survey: {
      ...record.survey,
      answer: { csat: answer.csat, ...(answer.comment ? { comment: answer.comment } : {}), at },
    },
    history: [...record.history, entry],
  };
  if (answer.csat <= REOPEN_AT_OR_BELOW && ALLOWED_FROM.reopen.includes(record.status)) {
    next = applyAction(
      next,
      { action: 'reopen', actor: 'customer:survey', note: `CSAT ${answer.csat}` },
      context,
    );
  }
  return next;
}
