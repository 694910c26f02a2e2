import type { FeedbackItem } from '../types.ts';

const OPEN_STATUSES = new Set(['open', 'acknowledged', 'waiting_for_customer']);

/** The deadline that matters next: first response until given, then resolution; none when done. */
export function nextDeadline(item: Pick<FeedbackItem, 'status' | 'deadlines' | 'firstRespondedAt'>): {
  kind: 'firstResponse' | 'resolution';
  at: string;
} | null {
  if (!OPEN_STATUSES.has(item.status) || !item.deadlines) return null;
  if (item.status === 'open' && !item.firstRespondedAt)
    return { kind: 'firstResponse', at: item.deadlines.firstResponseDue };
  return item.deadlines.resolutionDue ? { kind: 'resolution', at: item.deadlines.resolutionDue } : null;
}

/** Time to a deadline in whole units: days and hours above a day, hours and minutes below. */
export interface TimeLeft {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Splits the time between `nowMs` and `deadlineIso` (rounded down to the minute). */
export function timeLeft(deadlineIso: string, nowMs: number): TimeLeft {
  const diff = Date.parse(deadlineIso) - nowMs;
  const overdue = diff < 0;
  const totalMinutes = Math.floor(Math.abs(diff) / 60_000);
  return {
    overdue,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/** A compact span such as `2 d 3 h`, `5 h 20 min` or `12 min` (units from the caller's language). */
export function formatSpan(left: TimeLeft, units: { d: string; h: string; min: string }): string {
  if (left.days > 0) return `${left.days} ${units.d} ${left.hours} ${units.h}`;
  if (left.hours > 0) return `${left.hours} ${units.h} ${left.minutes} ${units.min}`;
  return `${left.minutes} ${units.min}`;
}
