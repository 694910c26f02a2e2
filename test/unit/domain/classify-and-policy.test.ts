import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY, policyConfigSchema } from '../../../shared/config/policy-config.ts';
import { calendarConfigSchema } from '../../../shared/config/stack-config.ts';
import { BusinessCalendar } from '../../../shared/domain/calendar.ts';
import { classifyFeedback } from '../../../shared/domain/classify.ts';
import { deadlinesFor, decidePriority, type PriorityFacts } from '../../../shared/domain/priority-policy.ts';
import type { Sentiment } from '../../../shared/schemas/feedback-record.ts';

const sentiment = (label: Sentiment['label'], negative = 0, positive = 0): Sentiment => ({
  label,
  scores: { positive, negative, neutral: Math.max(0, 1 - negative - positive), mixed: 0 },
  source: 'local',
});
const NEG = sentiment('NEGATIVE', 0.7);
const STRONG_NEG = sentiment('NEGATIVE', 0.95);
const POS = sentiment('POSITIVE', 0, 0.9);
const NEU = sentiment('NEUTRAL');

describe('classifyFeedback: type', () => {
  it.each([
    ['服务太慢了，等了一个小时！', NEG, {}, 'complaint'],
    ['我要投诉你们的客服', NEU, {}, 'complaint'],
    ['The staff were rude.', NEU, {}, 'complaint'],
    ['建议增加周末营业时间', NEU, {}, 'suggestion'],
    ['It would be nice to have online booking.', NEU, {}, 'suggestion'],
    ['请问退款什么时候到账？', NEU, {}, 'inquiry'],
    ['How do I change my address?', NEU, {}, 'inquiry'],
    ['非常感谢你们的帮助', POS, {}, 'praise'],
    ['Thank you, great job', POS, {}, 'praise'],
    ['心情很差，很难过', NEG, {}, 'emotional'],
    ['Fine.', NEU, { csat: 1 }, 'complaint'],
    ['Fine.', NEU, { csat: 5 }, 'praise'],
    ['Order 1234', NEU, {}, 'inquiry'],
    ['Order 1234', null, {}, 'inquiry'],
    ['櫃檯人員態度很差，我要投訴', NEU, {}, 'complaint'],
  ] as const)('%s → %s', (text, s, ratings, type) => {
    expect(classifyFeedback({ text, sentiment: s, ratings }, DEFAULT_TAXONOMY).type).toBe(type);
  });
});

describe('classifyFeedback: category', () => {
  it.each([
    ['工作人员态度很差', 'staff_attitude'],
    ['排队等了很久', 'waiting_time'],
    ['多收了我的钱，要求退款', 'billing_payment'],
    ['电梯有安全隐患，有人摔倒受伤', 'safety'],
    ['App crashed and I cannot log in, service is down', 'outage'],
    ['快递包裹三天还没送到', 'delivery'],
    ['洗手间太脏了', 'environment'],
    ['收到的商品有破损，质量很差', 'product_quality'],
    ['櫃檯人員態度很差', 'staff_attitude'],
    ['Nothing to see here', null],
  ])('%s → %s', (text, category) => {
    expect(classifyFeedback({ text, sentiment: NEU, ratings: {} }, DEFAULT_TAXONOMY).category).toBe(category);
  });
});

const policy = policyConfigSchema.parse({});
const facts = (overrides: Partial<PriorityFacts>): PriorityFacts => ({
  type: 'complaint',
  severity: null,
  sentiment: NEU,
  category: null,
  segment: null,
  complaintCount: 1,
  ...overrides,
});

describe('decidePriority (contract §3 defaults)', () => {
  it.each([
    ['severity critical', facts({ type: 'praise', severity: 'critical' }), 'P1'],
    ['strongly negative complaint about safety', facts({ sentiment: STRONG_NEG, category: 'safety' }), 'P1'],
    [
      'strongly negative complaint about money',
      facts({ sentiment: STRONG_NEG, category: 'billing_payment' }),
      'P1',
    ],
    [
      'strongly negative complaint about an outage',
      facts({ sentiment: STRONG_NEG, category: 'outage' }),
      'P1',
    ],
    [
      'strongly negative complaint about staff',
      facts({ sentiment: STRONG_NEG, category: 'staff_attitude' }),
      'P2',
    ],
    ['mildly negative complaint about safety', facts({ sentiment: NEG, category: 'safety' }), 'P2'],
    ['severity high', facts({ type: 'inquiry', severity: 'high' }), 'P2'],
    ['negative complaint', facts({ sentiment: NEG }), 'P2'],
    ['VIP complaint, neutral tone', facts({ segment: 'vip' }), 'P2'],
    ['VIP praise', facts({ type: 'praise', segment: 'vip' }), 'P4'],
    ['neutral complaint', facts({}), 'P3'],
    ['inquiry', facts({ type: 'inquiry' }), 'P3'],
    ['emotional', facts({ type: 'emotional' }), 'P3'],
    [
      'negative emotional feedback is a negative complaint',
      facts({ type: 'emotional', sentiment: NEG }),
      'P2',
    ],
    ['VIP emotional feedback', facts({ type: 'emotional', segment: 'vip' }), 'P2'],
    ['negative inquiry is no complaint', facts({ type: 'inquiry', sentiment: NEG }), 'P3'],
    ['praise', facts({ type: 'praise', sentiment: POS }), 'P4'],
    ['suggestion', facts({ type: 'suggestion' }), 'P4'],
    ['severity low changes nothing', facts({ severity: 'low' }), 'P3'],
    ['second complaint in 30 days', facts({ complaintCount: 2 }), 'P3'],
    ['third complaint in 30 days: raised', facts({ complaintCount: 3 }), 'P2'],
    ['third negative complaint: P2 raised to P1', facts({ sentiment: NEG, complaintCount: 3 }), 'P1'],
    ['repeat raise never goes above P1', facts({ severity: 'critical', complaintCount: 5 }), 'P1'],
  ])('%s → %s', (_, input, expected) => {
    expect(decidePriority(input, policy).priority).toBe(expected);
  });

  it('explains each step', () => {
    expect(decidePriority(facts({ sentiment: NEG, complaintCount: 3 }), policy).reasons).toEqual([
      'complaint → P3',
      'negative complaint → P2',
      'repeat complaint (3 in 30 days) → P1',
    ]);
  });

  it('follows configured thresholds', () => {
    const strict = policyConfigSchema.parse({
      strongNegativeScore: 0.6,
      vipSegments: ['gold'],
      repeat: { raiseAtCount: 2 },
    });
    expect(decidePriority(facts({ sentiment: NEG, category: 'safety' }), strict).priority).toBe('P1');
    expect(decidePriority(facts({ segment: 'vip' }), strict).priority).toBe('P3');
    expect(decidePriority(facts({ complaintCount: 2 }), strict).priority).toBe('P2');
  });
});

describe('decidePriority: the reasons recorded for staff', () => {
  it.each([
    [
      'critical severity',
      facts({ severity: 'critical' }),
      'P1',
      ['complaint → P3', 'channel severity critical → P1'],
    ],
    ['high severity', facts({ severity: 'high' }), 'P2', ['complaint → P3', 'channel severity high → P2']],
    ['a VIP', facts({ segment: 'vip' }), 'P2', ['complaint → P3', "vip customer's complaint → P2"]],
    // A later rule at the level already reached adds no reason, and never lowers the priority
    [
      'high severity and a negative complaint',
      facts({ severity: 'high', sentiment: NEG }),
      'P2',
      ['complaint → P3', 'channel severity high → P2'],
    ],
    [
      'critical severity and a negative complaint',
      facts({ severity: 'critical', sentiment: NEG }),
      'P1',
      ['complaint → P3', 'channel severity critical → P1'],
    ],
    [
      'a strongly negative complaint about safety',
      facts({ sentiment: STRONG_NEG, category: 'safety' }),
      'P1',
      ['complaint → P3', 'negative complaint → P2', 'strongly negative complaint about safety → P1'],
    ],
    // the default threshold is 0.8: exactly 0.8 is strongly negative
    [
      'a complaint about safety exactly at the threshold',
      facts({ sentiment: sentiment('NEGATIVE', 0.8), category: 'safety' }),
      'P1',
      ['complaint → P3', 'negative complaint → P2', 'strongly negative complaint about safety → P1'],
    ],
    ['a complaint whose sentiment was not scored', facts({ sentiment: null }), 'P3', ['complaint → P3']],
    [
      'a VIP complaint about safety whose sentiment was not scored',
      facts({ sentiment: null, segment: 'vip', category: 'safety' }),
      'P2',
      ['complaint → P3', "vip customer's complaint → P2"],
    ],
  ] as const)('%s → %s', (_, input, priority, reasons) => {
    expect(decidePriority(input, policy)).toEqual({ priority, reasons });
  });
});

describe('deadlinesFor', () => {
  const calendar = new BusinessCalendar(calendarConfigSchema.parse({}));
  const friday4pm = new Date('2026-11-27T16:00:00+08:00');
  it.each([
    ['P1', '2026-11-28T16:00:00+08:00', '2026-11-30T16:00:00+08:00'],
    ['P2', '2026-11-30T16:00:00+08:00', '2026-12-04T16:00:00+08:00'],
    ['P3', '2026-12-02T16:00:00+08:00', '2026-12-11T16:00:00+08:00'],
    ['P4', '2026-12-04T16:00:00+08:00', null],
  ] as const)('%s received Friday 16:00 Shanghai', (priority, first, resolution) => {
    expect(deadlinesFor(priority, friday4pm, policy, calendar)).toEqual({
      firstResponseDue: new Date(first).toISOString(),
      resolutionDue: resolution ? new Date(resolution).toISOString() : null,
    });
  });
});
