import { describe, expect, it } from 'vitest';
import { customerKeyOf, customerKeysFor } from '../../../shared/domain/customer-key.ts';
import { ERASED_TEXT, erasePersonalData, erasureRequestSchema } from '../../../shared/domain/privacy.ts';
import { openFeedback } from '../../helpers/records.ts';

describe('erasePersonalData', () => {
  it('keeps anonymous figures and removes identity, contact, text, metadata and survey comments', () => {
    const record = openFeedback('P2', '2026-11-23T02:00:00.000Z', {
      customer: { id: 'c1', email: 'a@example.com', name: 'A', phone: '+86 138', segment: 'vip' },
      consent: { contact: true },
      metadata: { orderNo: '42' },
      reference: 'ref-1',
      ratings: { csat: 2, nps: 3 },
      sentiment: {
        label: 'NEGATIVE',
        scores: { positive: 0, negative: 0.9, neutral: 0.1, mixed: 0 },
        source: 'local',
      },
      survey: {
        token: 't',
        round: 1,
        answer: { csat: 1, comment: 'call me on 138', at: '2026-11-24T00:00:00.000Z' },
      },
      history: [
        {
          at: '2026-11-24T00:00:00.000Z',
          action: 'survey_answered',
          actor: 'customer:survey',
          csat: 1,
          note: 'call me on 138',
        },
      ],
    });

    const erased = erasePersonalData(
      record,
      'staff:dpo',
      new Date('2026-12-01T00:00:00.000Z'),
      'customer request',
    );

    expect(erased).toMatchObject({
      anonymous: true,
      customer: { segment: 'vip' },
      consent: { contact: false },
      text: ERASED_TEXT,
      metadata: null,
      reference: null,
      ratings: { csat: 2, nps: 3 },
      type: 'complaint',
      priority: 'P2',
      survey: { answer: { csat: 1, at: '2026-11-24T00:00:00.000Z' } },
    });
    expect(erased.history.at(-1)).toEqual({
      at: '2026-12-01T00:00:00.000Z',
      action: 'personal_data_erased',
      actor: 'staff:dpo',
      note: 'customer request',
    });
    expect(JSON.stringify(erased)).not.toMatch(/a@example.com|\+86 138|call me|orderNo|ref-1/);
    expect(customerKeyOf(erased)).toBeUndefined();
  });

  it('looks a customer up under every key they may be stored by', () => {
    expect(customerKeysFor({ id: 'c1', email: 'A@Example.com', phone: '+86 (138) 0000' })).toEqual([
      'id:c1',
      'email:a@example.com',
      'phone:+861380000',
    ]);
    expect(erasureRequestSchema.safeParse({ customer: {} }).success).toBe(false);
  });

  it.each([
    [{ id: 'c1', email: 'A@Example.com', phone: '+86 138' }, 'id:c1'],
    [{ email: 'A@Example.com', phone: '+86 138' }, 'email:a@example.com'],
    [{ phone: '+86 (138) 0000' }, 'phone:+861380000'],
    [{ name: 'No contact' }, undefined],
  ])('stores %j under %s, one of the keys erasure looks under', (customer, key) => {
    const record = { anonymous: false, customer };

    expect(customerKeyOf(record)).toBe(key);
    if (key) expect(customerKeysFor(customer)).toContain(key);
  });

  it('stores anonymous feedback under no key', () => {
    expect(customerKeyOf({ anonymous: true, customer: { id: 'c1' } })).toBeUndefined();
    expect(customerKeyOf({ anonymous: false, customer: null })).toBeUndefined();
  });
});
