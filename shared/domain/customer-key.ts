import type { FeedbackRecord } from '../schemas/feedback-record.ts';

/** The identifying fields a customer may be known by. */
export interface CustomerIdentity {
  id?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

/**
 * Every `byCustomer` key an identity yields, in order of precedence: id, email (lower-cased),
 * phone (digits and `+` only). The one rule for who "the same customer" is: a record is stored
 * under the first key (repeat detection), erasure looks under all of them.
 */
export function customerKeysFor(customer: CustomerIdentity): string[] {
  return [
    ...(customer.id ? [`id:${customer.id}`] : []),
    ...(customer.email ? [`email:${customer.email.toLowerCase()}`] : []),
    ...(customer.phone ? [`phone:${customer.phone.replace(/[^0-9+]/g, '')}`] : []),
  ];
}

/** The `byCustomer` key a feedback is stored under; none for anonymous feedback. */
export function customerKeyOf(record: Pick<FeedbackRecord, 'anonymous' | 'customer'>): string | undefined {
  if (record.anonymous || !record.customer) return undefined;
  return customerKeysFor(record.customer)[0];
}
