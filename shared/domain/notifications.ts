import type { FeedbackRecord } from '../schemas/feedback-record.ts';

/** Emails the stack sends off the stream (the escalation sweep sends its own). */
export type NotificationKind = 'p1-alert';

/**
 * Which emails a change to a feedback makes due, given its state after the change. Pure: an
 * email is due while its record in `notifications` is absent, so a redelivered or retried
 * stream record asks for it again, and the claim in storage decides who sends it.
 */
export function notificationsDue(current: FeedbackRecord): NotificationKind[] {
  const due: NotificationKind[] = [];
  if (current.priority === 'P1' && current.status !== 'received' && !current.notifications['p1-alert']) {
    due.push('p1-alert');
  }
  return due;
}
