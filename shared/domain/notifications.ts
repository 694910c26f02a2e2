import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { toE164 } from './csv-import.ts';

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
 * anonymous, and a phone that normalises to E.164 (national numbers in `defaultCountry`).
 */
export function smsNumberFor(record: FeedbackRecord, defaultCountry: string): string | undefined {
  if (record.anonymous || !record.consent.contact || record.customer?.email || !record.customer?.phone) {
    return undefined;
  }
  return toE164(record.customer.phone, defaultCountry);
}

/**
 * Which emails (and closure SMS) a feedback's current state makes due. Pure: an email is due while its record in
 * `notifications` is absent, so a redelivered or retried stream record asks for it again, and
 * the claim in storage decides who sends it.
 */
export function notificationsDue(current: FeedbackRecord, smsDefaultCountry?: string): NotificationKind[] {
  const due: NotificationKind[] = [];
  if (current.priority === 'P1' && current.status !== 'received' && !current.notifications['p1-alert']) {
    due.push('p1-alert');
  }
  if (current.status === 'resolved' && current.survey && mayEmailCustomer(current)) {
    const kind = `closure-notice:${current.survey.round}` as const;
    if (!current.notifications[kind]) due.push(kind);
  }
  if (
    smsDefaultCountry &&
    current.status === 'resolved' &&
    current.survey &&
    smsNumberFor(current, smsDefaultCountry)
  ) {
    const kind = `closure-sms:${current.survey.round}` as const;
    if (!current.notifications[kind]) due.push(kind);
  }
  return due;
}
