import type { PolicyConfig } from '../config/policy-config.ts';
import type { TeamDefinition } from '../config/teams-config.ts';
import type { SentimentResult } from '../ports/sentiment-detector.ts';
import type { FeedbackType, Priority } from '../schemas/common.ts';
import type { Deadlines, FeedbackRecord, HistoryEntry, Sentiment } from '../schemas/feedback-record.ts';
import type { BusinessCalendar } from './calendar.ts';
import { classifyFeedback } from './classify.ts';
import { isComplaint as isComplaintType } from './complaint.ts';
import { nextEscalationStep } from './escalation.ts';
import { deadlinesFor, decidePriority } from './priority-policy.ts';
import { routeToTeam } from './teams.ts';

/** The same customer's earlier complaint within the repeat window. */
export interface PriorComplaint {
  id: string;
  receivedAt: string;
}

export interface TriageInput {
  record: FeedbackRecord;
  sentiment: SentimentResult;
  priorComplaints: readonly PriorComplaint[];
}

export interface TriageContext {
  policy: PolicyConfig;
  calendar: BusinessCalendar;
  now: Date;
  /** Teams to route to (contract §7); the default team when absent. */
  teams?: readonly TeamDefinition[];
}

/** Everything triage sets on a `received` feedback as it opens it. */
export interface TriageOutcome {
  language: string | null;
  sentiment: Sentiment | null;
  sentimentPending: boolean;
  type: FeedbackType;
  category: string | null;
  priority: Priority;
  /** The team triage routed it to (contract §7). */
  team: string;
  deadlines: Deadlines;
  repeat: FeedbackRecord['repeat'];
  clockStartedAt: string;
  nextEscalation: FeedbackRecord['nextEscalation'];
  historyEntry: HistoryEntry;
}

/** What a late sentiment score changes on an already-open feedback. */
export interface RescoreOutcome {
  language: string | null;
  sentiment: Sentiment;
  /** Set only when the score raises the priority (it never lowers one staff already work on). */
  raised?: { priority: Priority; deadlines: Deadlines; nextEscalation: FeedbackRecord['nextEscalation'] };
  historyEntry: HistoryEntry;
}

const PRIORITY_RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/**
 * Applies a sentiment score that arrives after triage (Comprehend was unavailable then):
 * the record gets the score, and if triage with it would have given a higher priority, the
 * feedback is raised and its deadlines recomputed from when it was received.
 */
export function rescoreFeedback(
  record: FeedbackRecord,
  detected: SentimentResult & { sentiment: Sentiment },
  context: TriageContext,
): RescoreOutcome {
  // Stryker disable next-line ObjectLiteral: rescoring reads only how many earlier complaints there were
  const priorComplaints = (record.repeat?.previousIds ?? []).map((id) => ({
    id,
    receivedAt: record.receivedAt,
  }));
  const retriaged = triageFeedback(
    // Stryker disable next-line StringLiteral: triage never reads the status it is given (it returns one open)
    { record: { ...record, status: 'received' }, sentiment: detected, priorComplaints },
    context,
  );
  const current = record.priority ?? 'P4';
  const raise = PRIORITY_RANK[retriaged.priority] < PRIORITY_RANK[current];
  return {
    language: record.language ?? detected.language,
    sentiment: detected.sentiment,
    ...(raise
      ? {
          raised: {
            priority: retriaged.priority,
            deadlines: retriaged.deadlines,
            nextEscalation: nextEscalationStep(
              { ...record, priority: retriaged.priority, deadlines: retriaged.deadlines },
              context,
            ),
          },
        }
      : {}),
    historyEntry: {
      at: context.now.toISOString(),
      action: 'sentiment_scored',
      actor: 'system:triage',
      sentiment: detected.sentiment.label,
      ...(raise
        ? {
            priority: retriaged.priority,
            deadlines: retriaged.deadlines,
            reasons: retriaged.historyEntry.reasons,
          }
        : {}),
    },
  };
}

/**
 * Triage of one received feedback, pure: language and sentiment (as detected), type and
 * category, repeat complaints, priority with its reasons, and deadlines counted from when the
 * feedback was received. Sentiment that could not be scored now is marked pending.
 */
export function triageFeedback(input: TriageInput, context: TriageContext): TriageOutcome {
  const { record, sentiment: detected } = input;
  const sentiment = detected.sentiment;
  const { type, category } = classifyFeedback(
    { text: record.text, sentiment, ratings: record.ratings },
    context.policy.taxonomy,
  );
  const isComplaint = isComplaintType(type);
  const complaintCount = isComplaint ? input.priorComplaints.length + 1 : 0;
  const decision = decidePriority(
    {
      type,
      severity: record.severity,
      sentiment,
      category,
      segment: record.customer?.segment ?? null,
      complaintCount,
    },
    context.policy,
  );
  // Deadlines run from the clock's start: receipt, or for an import (received on paper
  // earlier) the import itself, so no deadline is missed for time that passed before it.
  const clockStartedAt = record.clockStartedAt ?? record.receivedAt;
  const deadlines = deadlinesFor(
    decision.priority,
    new Date(clockStartedAt),
    context.policy,
    context.calendar,
  );
  const routing = routeToTeam(context.teams, { category, channel: record.channel });
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the `sentiment === null` and `'reason' in` guards are equivalent to `true`/`||`: SentimentResult carries a reason only when its sentiment is null, so the reason check alone decides
  const sentimentPending = sentiment === null && 'reason' in detected && detected.reason === 'unavailable';
  const opened: FeedbackRecord = {
    ...record,
    status: 'open',
    priority: decision.priority,
    deadlines,
    clockStartedAt,
  };
  return {
    language: record.language ?? detected.language,
    sentiment,
    sentimentPending,
    type,
    category,
    priority: decision.priority,
    team: routing.team,
    deadlines,
    repeat:
      isComplaint && input.priorComplaints.length > 0
        ? {
            count: complaintCount,
            windowDays: context.policy.repeat.windowDays,
            previousIds: input.priorComplaints.map((c) => c.id),
          }
        : null,
    clockStartedAt,
    nextEscalation: nextEscalationStep(opened, context),
    historyEntry: {
      at: context.now.toISOString(),
      action: 'triaged',
      actor: 'system:triage',
      from: 'received',
      to: 'open',
      type,
      category,
      priority: decision.priority,
      deadlines,
      reasons: decision.reasons,
      team: routing.team,
      teamReason: routing.reason,
      sentiment: sentiment?.label ?? (sentimentPending ? 'pending' : 'unsupported'),
    },
  };
}
