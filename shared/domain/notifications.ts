import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import type { PhoneNormaliser } from './phone-normaliser.ts';

/**
 * Emails sent off the stream: the P1 alert, and the closure notice of each resolution round
 * (`closure-notice:<round>`). The escalation sweep sends its own.
 */
export type NotificationKind = 'p1-alert' | `closure-notice:${number}` | `closure-sms:${number}`;

/** Whether the customer may be emailed: an address, not anonymous, and consent to contact. */
export function mayEmailCustomer(record: FeedbackRecord): boolean {
  return !record.anonymous && record.consent.contact && Boolean(record.customer?.email);
}

/**
 * The number a closure SMS goes to: a customer with a phone, no email, contact consent, not
 * anonymous, and a phone that `phones` normalises to E.164.
 */
export function smsNumberFor(record: FeedbackRecord, phones: PhoneNormaliser): string | undefined {
  if (record.anonymous || !record.consent.contact || record.customer?.email || !record.customer?.phone) {
    return undefined;
  }
  return phones(record.customer.phone);
}

/**
 * Which emails (and closure SMS) a feedback's current state makes due. Pure: an email is due while its record in
 * `notifications` is absent, so a redelivered or retried stream record asks for it again, and
 * the claim in storage decides who sends it.
 */
export function notificationsDue(current: FeedbackRecord, smsPhones?: PhoneNormaliser): NotificationKind[] {
  const due: NotificationKind[] = [];
  if (current.priority === 'P1' && current.status !== 'received' && !current.notifications['p1-alert']) {
    due.push('p1-alert');
  }
  if (current.status === 'resolved' && current.survey && mayEmailCustomer(current)) {
    const kind = `closure-notice:${current.survey.round}` as const;
    if (!current.notifications[kind]) due.push(kind);
  }
  if (smsPhones && current.status === 'resolved' && current.survey && smsNumberFor(current, smsPhones)) {
    const kind = `closure-sms:${current.survey.round}` as const;
    if (!current.notifications[kind]) due.push(kind);
  }
  return due;
}
