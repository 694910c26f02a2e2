import { describe, expect, it } from 'vitest';
import { mayEmailCustomer, notificationsDue, smsNumberFor } from '../../../shared/domain/notifications.ts';
import { e164In } from '../../../shared/domain/phone-numbers.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { openFeedback } from '../../helpers/records.ts';

// Contract §3 (the P1 alert once triaged), §4 (closure notice: an email, not anonymous, consent)
// and §9 (closure SMS: a phone, no email, consent). Each is due until its record exists.

const RECEIVED = '2026-11-23T02:00:00.000Z';
const SENT = { claimedAt: '2026-11-24T02:00:00.000Z', sentAt: '2026-11-24T02:00:01.000Z' };
const SURVEY = { token: 'survey-token', round: 2, answer: null };
const PHONE = '+86 138 0013 8000';

const record = (overrides: Partial<FeedbackRecord> = {}): FeedbackRecord =>
  openFeedback('P2', RECEIVED, overrides);
const resolved = (overrides: Partial<FeedbackRecord> = {}): FeedbackRecord =>
  record({ status: 'resolved', survey: SURVEY, ...overrides });
const phoneOnly = { phone: PHONE };

describe('mayEmailCustomer', () => {
  it.each([
    ['an email, consent, not anonymous', {}, true],
    ['anonymous', { anonymous: true }, false],
    ['no consent to contact', { consent: { contact: false } }, false],
    ['no customer', { customer: null }, false],
    ['a customer with a phone only', { customer: phoneOnly }, false],
  ] as const)('%s', (_, overrides, expected) => {
    expect(mayEmailCustomer(record(overrides))).toBe(expected);
  });
});

describe('smsNumberFor', () => {
  it.each([
    ['an international number', { customer: { phone: PHONE } }, '+8613800138000'],
    [
      'a national number read in the default country',
      { customer: { phone: '138 0013 8000' } },
      '+8613800138000',
    ],
    ['a number that is no phone number', { customer: { phone: '12345' } }, undefined],
    [
      'a customer with an email too (the email wins)',
      { customer: { email: 'c@example.com', phone: PHONE } },
      undefined,
    ],
    ['an anonymous customer', { customer: phoneOnly, anonymous: true }, undefined],
    ['no consent to contact', { customer: phoneOnly, consent: { contact: false } }, undefined],
    ['no customer', { customer: null }, undefined],
    ['a customer without a phone', { customer: { name: 'Wang' } }, undefined],
  ] as const)('%s', (_, overrides, expected) => {
    expect(smsNumberFor(record(overrides), e164In('CN'))).toBe(expected);
  });
});

describe('notificationsDue', () => {
  it.each([
    ['a triaged P1', { priority: 'P1' }, ['p1-alert']],
    ['a P1 not triaged yet', { priority: 'P1', status: 'received' }, []],
    ['a P1 whose alert is sent', { priority: 'P1', notifications: { 'p1-alert': SENT } }, []],
    ['a triaged P2', { priority: 'P2' }, []],
  ] as const)('%s', (_, overrides, expected) => {
    expect(notificationsDue(record(overrides))).toEqual(expected);
  });

  it.each([
    ['resolved with an email', resolved(), ['closure-notice:2']],
    [
      'resolved, the notice of this round sent',
      resolved({ notifications: { 'closure-notice:2': SENT } }),
      [],
    ],
    [
      'resolved again, only an earlier round sent',
      resolved({ notifications: { 'closure-notice:1': SENT } }),
      ['closure-notice:2'],
    ],
    ['resolved without a survey', resolved({ survey: null }), []],
    ['resolved, anonymous', resolved({ anonymous: true }), []],
    ['reopened with the last round’s survey', record({ status: 'open', survey: SURVEY }), []],
    ['acknowledged with a survey', record({ status: 'acknowledged', survey: SURVEY }), []],
  ] as const)('closure notice: %s', (_, current, expected) => {
    expect(notificationsDue(current)).toEqual(expected);
  });

  it.each([
    ['resolved, a phone only', resolved({ customer: phoneOnly }), 'CN', ['closure-sms:2']],
    [
      'resolved, the SMS of this round sent',
      resolved({ customer: phoneOnly, notifications: { 'closure-sms:2': SENT } }),
      'CN',
      [],
    ],
    ['resolved, a phone only, SMS not configured', resolved({ customer: phoneOnly }), undefined, []],
    [
      'resolved, a phone and an email',
      resolved({ customer: { email: 'c@example.com', phone: PHONE } }),
      'CN',
      ['closure-notice:2'],
    ],
    ['resolved without a survey, a phone only', resolved({ customer: phoneOnly, survey: null }), 'CN', []],
    [
      'reopened with the last round’s survey, a phone only',
      record({ status: 'open', survey: SURVEY, customer: phoneOnly }),
      'CN',
      [],
    ],
    ['resolved, a number that is no phone number', resolved({ customer: { phone: '12345' } }), 'CN', []],
  ] as const)('closure SMS: %s', (_, current, country, expected) => {
    expect(notificationsDue(current, country && e164In(country))).toEqual(expected);
  });

  it('lists every notification due at once, the P1 alert first', () => {
    expect(notificationsDue(resolved({ priority: 'P1', customer: phoneOnly }), e164In('CN'))).toEqual([
      'p1-alert',
      'closure-sms:2',
    ]);
  });
});
