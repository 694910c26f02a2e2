import type { PolicyConfig } from '../config/policy-config.ts';
import type { EscalationStep, FeedbackRecord } from '../schemas/feedback-record.ts';
import type { BusinessCalendar } from './calendar.ts';

export type DeadlineName = EscalationStep['deadline'];
export type EscalationLevel = 1 | 2 | 3;

export interface LadderContext {
  policy: PolicyConfig;
  calendar: BusinessCalendar;
}

const HOUR = 3_600_000;
const WARNING_SHARE = 0.8;

/** The notification kind of one ladder step; the cycle restarts the ladder after a reopen. */
export function escalationKind(cycle: number, deadline: DeadlineName, level: EscalationLevel): string {
  return `escalation:${cycle}:${deadline}:${level}`;
}

/**
 * The deadlines whose clock is running: the first response until someone responds (while the
 * feedback is open), the resolution while it is open or acknowledged (not while waiting for
 * the customer, not once resolved).
 */
export function runningDeadlines(record: FeedbackRecord): DeadlineName[] {
  const running: DeadlineName[] = [];
  if (!record.deadlines) return running;
  if (record.status === 'open' && !record.firstRespondedAt) running.push('firstResponse');
  if ((record.status === 'open' || record.status === 'acknowledged') && record.deadlines.resolutionDue)
    running.push('resolution');
  return running;
}

/**
 * When each ladder level of a deadline falls: level 1 at 80 % of the time to it (working time
 * for working-day deadlines, clock time for clock-hour ones), level 2 at the deadline, level 3
 * 24 hours after it.
 */
export function ladderInstants(
  record: FeedbackRecord,
  deadline: DeadlineName,
  context: LadderContext,
): [Date, Date, Date] | undefined {
  const dueIso =
    deadline === 'firstResponse' ? record.deadlines?.firstResponseDue : record.deadlines?.resolutionDue;
  if (!dueIso || !record.priority) return undefined;
  const due = new Date(dueIso);
  const start = new Date(record.clockStartedAt ?? record.receivedAt);
  const spec = context.policy.deadlines[record.priority][deadline];
  const warning =
    spec?.unit === 'workingDays'
      ? context.calendar.addWorkingTime(
          start,
          WARNING_SHARE * context.calendar.workingTimeBetween(start, due),
        )
      : new Date(start.getTime() + WARNING_SHARE * Math.max(0, due.getTime() - start.getTime()));
  return [warning, due, new Date(due.getTime() + 24 * HOUR)];
}

/** The earliest ladder step of a running deadline that has not been sent (or skipped) yet. */
export function nextEscalationStep(record: FeedbackRecord, context: LadderContext): EscalationStep | null {
  let next: EscalationStep | null = null;
  for (const deadline of runningDeadlines(record)) {
    const instants = ladderInstants(record, deadline, context);
    if (!instants) continue;
    for (const level of [1, 2, 3] as const) {
      if (record.notifications[escalationKind(record.reopenCount, deadline, level)]) continue;
      const at = (instants[level - 1] as Date).toISOString();
      if (!next || at < next.at) next = { at, deadline, level };
      break;
    }
  }
  return next;
}

/** One escalation to send now. */
export interface DueEscalation {
  deadline: DeadlineName;
  level: EscalationLevel;
  kind: string;
  dueAt: string;
  /** How long past the deadline it is at `now` (negative: still ahead, for level 1). */
  lateByMs: number;
  /** Lower levels that fell due too and are passed over: one email per deadline, the highest. */
  skippedKinds: string[];
}

/**
 * The escalations due at `now`: for each running deadline, the highest level whose time has
 * come and that was not sent yet. Lower levels that are due too are skipped, so a late sweep
 * sends one email, not a burst.
 */
export function dueEscalations(record: FeedbackRecord, now: Date, context: LadderContext): DueEscalation[] {
  const due: DueEscalation[] = [];
  for (const deadline of runningDeadlines(record)) {
    const instants = ladderInstants(record, deadline, context);
    if (!instants) continue;
    const reached = ([1, 2, 3] as const).filter(
      (level) => (instants[level - 1] as Date).getTime() <= now.getTime(),
    );
    const highest = reached.at(-1);
    if (!highest) continue;
    const kind = escalationKind(record.reopenCount, deadline, highest);
    if (record.notifications[kind]) continue;
    due.push({
      deadline,
      level: highest,
      kind,
      dueAt: instants[1].toISOString(),
      lateByMs: now.getTime() - instants[1].getTime(),
      skippedKinds: reached
        .filter((level) => level < highest)
        .map((level) => escalationKind(record.reopenCount, deadline, level))
        .filter((k) => !record.notifications[k]),
    });
  }
  return due;
}

/** The highest ladder level sent in the current cycle. */
export function escalationLevelOf(record: FeedbackRecord): number {
  let level = 0;
  const prefix = `escalation:${record.reopenCount}:`;
  for (const [kind, state] of Object.entries(record.notifications)) {
    if (!kind.startsWith(prefix) || !state.sentAt) continue;
    level = Math.max(level, Number(kind.slice(kind.lastIndexOf(':') + 1)));
  }
  return level;
}

/**
 * Who a ladder level goes to (contract §7): levels 1 and 2 to the feedback's team leads (the
 * first escalation address when no leads are given), level 3 to every escalation address.
 */
export function escalationRecipients(
  level: EscalationLevel,
  addresses: readonly string[],
  teamLeads: readonly string[] = addresses.slice(0, 1),
): string[] {
  return level === 3 ? [...addresses] : [...teamLeads];
}

/** The P1 alert's recipients (contract §7): the team's leads and the first escalation address. */
export function p1AlertRecipients(addresses: readonly string[], teamLeads: readonly string[]): string[] {
  return [...new Set([...teamLeads, ...addresses.slice(0, 1)])];
}
