import type { DeadlineSpec, PolicyConfig } from '../config/policy-config.ts';
import type { FeedbackType, Priority, Severity } from '../schemas/common.ts';
import type { Deadlines, Sentiment } from '../schemas/feedback-record.ts';
import type { BusinessCalendar } from './calendar.ts';
import { isComplaint } from './complaint.ts';

export interface PriorityFacts {
  type: FeedbackType;
  severity: Severity | null;
  sentiment: Sentiment | null;
  category: string | null;
  segment: string | null;
  /** This feedback's number among the customer's complaints in the repeat window (1 = first). */
  complaintCount: number;
}

export interface PriorityDecision {
  priority: Priority;
  /** Why, in order: recorded in the history so staff can see the rule that applied. */
  reasons: string[];
}

const LEVELS: Priority[] = ['P1', 'P2', 'P3', 'P4'];

/**
 * The graded-response matrix of contract §3, as a pure function. P1: critical severity, or a
 * strongly negative complaint about safety, money or an outage. P2: high severity, a negative
 * complaint, a VIP's complaint. P3: other complaints and inquiries. P4: praise and
 * suggestions. A repeat complaint (the customer's third in the window) is raised one level.
 */
export function decidePriority(facts: PriorityFacts, policy: PolicyConfig): PriorityDecision {
  const reasons: string[] = [];
  const complaint = isComplaint(facts.type);
  let level = facts.type === 'praise' || facts.type === 'suggestion' ? 4 : 3;
  reasons.push(`${facts.type} → P${level}`);
  const raiseTo = (target: number, why: string) => {
    if (target < level) {
      level = target;
      reasons.push(`${why} → P${level}`);
    }
  };

  if (facts.severity === 'critical') raiseTo(1, 'channel severity critical');
  if (facts.severity === 'high') raiseTo(2, 'channel severity high');
  if (complaint) {
    const negative = facts.sentiment?.scores.negative ?? 0;
    if (facts.sentiment?.label === 'NEGATIVE') raiseTo(2, 'negative complaint');
    if (facts.segment && policy.vipSegments.includes(facts.segment))
      raiseTo(2, `${facts.segment} customer's complaint`);
    if (
      negative >= policy.strongNegativeScore &&
      facts.category &&
      policy.criticalCategories.includes(facts.category)
    ) {
      raiseTo(1, `strongly negative complaint about ${facts.category}`);
    }
    if (facts.complaintCount >= policy.repeat.raiseAtCount && level > 1) {
      level -= 1;
      reasons.push(
        `repeat complaint (${facts.complaintCount} in ${policy.repeat.windowDays} days) → P${level}`,
      );
    }
  }
  return { priority: LEVELS[level - 1] as Priority, reasons };
}

function dueAfter(start: Date, spec: DeadlineSpec, calendar: BusinessCalendar): Date {
  return spec.unit === 'clockHours'
    ? new Date(start.getTime() + spec.amount * 3_600_000)
    : calendar.addWorkingDays(start, spec.amount);
}

/** First-response and resolution deadlines for a priority, counted from `start`. */
export function deadlinesFor(
  priority: Priority,
  start: Date,
  policy: PolicyConfig,
  calendar: BusinessCalendar,
): Deadlines {
  const spec = policy.deadlines[priority];
  return {
    firstResponseDue: dueAfter(start, spec.firstResponse, calendar).toISOString(),
    resolutionDue: spec.resolution ? dueAfter(start, spec.resolution, calendar).toISOString() : null,
  };
}
