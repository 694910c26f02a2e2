import { describe, expect, it } from 'vitest';
import { pinnedClockStack } from '../setup/pinned-clock-stack.ts';

/**
 * Months, ISO weeks, csat.bySource, notifiedRate and retention on the local stack. Like
 * snapshots.test.ts this file runs its own stack, so the periods hold exactly the feedback below
 * and the figures can be counted by hand; its clock starts on a fixed working morning in
 * 2026-W48 and November 2026 (libfaketime), so the figures hold whenever the suite runs.
 */
const STACK_CLOCK_STARTS = '2026-11-24T10:00:00+08:00'; // a Tuesday
const stack = pinnedClockStack(STACK_CLOCK_STARTS);
const { call, settle, act, submit } = stack;

interface Figures {
  readUnits: number;
  [key: string]: unknown;
}

/** What the four feedback below give, counted by hand (see the comments where they are made). */
const HAND_COUNT = {
  totals: { feedback: 4, complaints: 3 },
  // intake: 2 and 5; follow-up: 4; csat.average mixes them: (2 + 5 + 4) / 3
  csat: {
    average: 3.67,
    responses: 3,
    bySource: {
      intake: { average: 3.5, responses: 2 },
      followUp: { average: 4, responses: 1 },
      campaign: { average: null, responses: 0 },
    },
  },
  // three complaints, all resolved; told: f1 by email, f2 by a recorded call; f3 never
  closureRate: 1,
  notifiedRate: 0.6667,
  bySegment: {
    unspecified: { feedback: 3, complaints: 3, closureRate: 1, notifiedRate: 0.6667 },
    vip: {
      feedback: 1,
      complaints: 0,
      closureRate: null,
      notifiedRate: null,
      csat: { average: 5, responses: 1 },
    },
  },
  byServiceType: {
    counter: { feedback: 2, complaints: 1, notifiedRate: 1 },
    unspecified: { feedback: 2, complaints: 2, notifiedRate: 0.5 },
  },
};

let f1 = '';

describe('monthly and weekly snapshots on the local stack', () => {
  it('match a hand count through the same routes and the weekly schedule', async () => {
    // Prepare: four feedback on 2026-11-24 (in November 2026 and ISO week 2026-W48)
    // f1: a complaint at the counter, rated 2 at intake, with an address and consent (emailed)
    f1 = await submit({
      channel: 'web',
      text: 'I complain: the counter staff were rude.',
      language: 'en',
      serviceType: 'counter',
      customer: { id: 'cust-1', email: 'wang@example.com', name: 'Wang Fang' },
      consent: { contact: true },
      ratings: { csat: 2 },
    });
    // f2: a complaint with no way to write to the customer: staff phone them
    const f2 = await submit({
      channel: 'phone',
      text: 'I complain: rude staff on the hotline.',
      language: 'en',
      customer: { phone: '13800138000' },
    });
    // f3: a complaint whose customer is never told
    const f3 = await submit({
      channel: 'app',
      text: 'I complain: the staff were rude to me.',
      language: 'en',
    });
    // f4: praise from a VIP at the counter, rated 5
    await submit({
      channel: 'web',
      text: 'Thank you, great service!',
      language: 'en',
      serviceType: 'counter',
      customer: { segment: 'vip' },
      ratings: { csat: 5 },
    });
    await settle();
    const resolved = await act(f1, { action: 'resolve', resolution: 'Apologised and retrained the team.' });
    await act(f2, { action: 'resolve', resolution: 'Refunded the call charge.' });
    await act(f3, { action: 'resolve', resolution: 'Spoke to the team.' });
    await settle();
    const survey = await call(`/v1/survey/${encodeURIComponent(resolved.body.survey.token)}`, {
      body: { csat: 4 },
    });
    expect(survey.status).toBe(201);
    const called = await act(f2, {
      action: 'record_call',
      note: 'Told the customer the refund is on its way.',
    });
    expect(called.status).toBe(200);
    await settle();
    const { body: told } = await call(`/v1/feedback/${f1}`, { as: 'staff' });
    expect(Object.keys(told.notifications)).toContain('closure-notice:1');
    // The previous week and month, empty, computed on demand first
    const w47 = await call<Figures>('/v1/snapshots/2026-W47', { method: 'POST', as: 'staff' });
    const october = await call<Figures>('/v1/snapshots/2026-10', { method: 'POST', as: 'staff' });
    expect(w47.body).toMatchObject({ period: '2026-W47', kind: 'week', totals: { feedback: 0 } });
    expect(october.body).toMatchObject({ period: '2026-10', kind: 'month', totals: { feedback: 0 } });

    // Act: the month on demand, the week by its schedule (Monday 01:00 in Shanghai), twice
    const month = await call<Figures>('/v1/snapshots/2026-11', { method: 'POST', as: 'staff' });
    const run = () =>
      call('/_local/schedules/weekly-snapshot', { body: { now: '2026-11-30T01:00:00+08:00' } });
    const first = await run();
    const second = await run();
    const week = await call<Figures>('/v1/snapshots/2026-W48', { as: 'staff' });
    const december = await call<Figures>('/v1/snapshots/2026-12', { method: 'POST', as: 'staff' });

    // Assess
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({
      period: '2026-11',
      kind: 'month',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
      ...HAND_COUNT,
      previous: { period: '2026-10', figures: { feedback: 0 }, deltas: { feedback: 4 } },
    });
    expect(first.body.result).toMatchObject({
      period: '2026-W48',
      changed: true,
      emailed: false,
      feedback: 4,
    });
    expect(second.body.result).toMatchObject({ period: '2026-W48', changed: false, emailed: false });
    expect(week.body).toMatchObject({
      period: '2026-W48',
      kind: 'week',
      from: '2026-11-22T16:00:00.000Z',
      to: '2026-11-29T16:00:00.000Z',
      asOf: '2026-11-29T17:00:00.000Z',
      ...HAND_COUNT,
      previous: { period: '2026-W47', figures: { feedback: 0, notifiedRate: null } },
    });
    expect(december.body).toMatchObject({ period: '2026-12', totals: { feedback: 0 } });
    // Read cost: December's query shares November's UTC partition but reads none of its items
    console.info(
      `read units: month 2026-11 ${month.body.readUnits}, week 2026-W48 ${week.body.readUnits}, empty month 2026-12 ${december.body.readUnits}`,
    );
    expect(december.body.readUnits).toBe(october.body.readUnits);
    expect(month.body.readUnits).toBeGreaterThan(december.body.readUnits);
    // No summary email for a week or a month
    const store = (await (await fetch(`${stack.sesUrl()}/store`)).json()) as {
      emails: { subject: string }[];
    };
    expect(store.emails.filter((e) => /2026-(W4|1[01])/.test(e.subject))).toEqual([]);
  }, 180_000);

  it('exports notifiedRate and csat by source in the CSV, and answers 400 for week 53 of a 52-week year', async () => {
    const csv = await call('/v1/snapshots/2026-W48?format=csv', { as: 'staff' });
    const bad = await call('/v1/snapshots/2025-W53', { method: 'POST', as: 'staff' });

    expect(csv.text).toContain('key figures,notifiedRate,0.6667');
    expect(csv.text).toContain('csat by source,followUp average,4');
    expect(csv.text).toContain('period,kind,week');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'validation_error', issues: [{ path: 'period', message: '2025 has 52 ISO weeks' }] },
    });
  });
});

describe('retention on the local stack', () => {
  it('erases personal data past personalDataRetentionDays, and the record still counts', async () => {
    // Prepare: the daily run at 02:30 on 2029-12-01 in Shanghai erases what was received before
    // 1,095 days earlier, 2026-12-02 02:30 (2028 has 29 February), so all four feedback
    const run = (now: string) => call('/_local/schedules/data-retention', { body: { now } });
    const before = await call<Figures>('/v1/snapshots/2026-11', { as: 'staff' });

    // Act
    const first = await run('2029-12-01T02:30:00+08:00');
    const again = await run('2029-12-01T02:30:00+08:00');
    const { body: record } = await call(`/v1/feedback/${f1}`, { as: 'staff' });
    const quarter = await call<Figures>('/v1/snapshots/2026-Q4', { method: 'POST', as: 'staff' });
    const month = await call<Figures>('/v1/snapshots/2026-11', { method: 'POST', as: 'staff' });

    // Assess: all four erased once; the second run reads from the first one's mark
    expect(first.body.result).toMatchObject({ examined: 4, erased: 4, cutoff: '2026-12-01T18:30:00.000Z' });
    expect(again.body.result).toMatchObject({ examined: 0, erased: 0 });
    expect(record).toMatchObject({ text: '[erased]', anonymous: true, consent: { contact: false } });
    expect(record.customer ?? null).toBeNull();
    const erasure = record.history.find((h: { action: string }) => h.action === 'personal_data_erased');
    expect(erasure).toMatchObject({ actor: 'system:retention' });
    const notes = record.history.filter(
      (h: { action: string; note?: string }) => h.note !== undefined && h.action !== 'personal_data_erased',
    );
    expect(notes.every((h: { note: string }) => h.note === '[erased]')).toBe(true);
    expect(JSON.stringify(record)).not.toMatch(/wang|Wang Fang|cust-1/i);
    expect(quarter.body).toMatchObject({ period: '2026-Q4', ...HAND_COUNT });
    // The month's figures are the same after the erasure as before it (only asOf moved)
    const figuresOf = ({ asOf: _a, computedAt: _c, readUnits: _r, ...rest }: Figures) => rest;
    expect(figuresOf(month.body)).toEqual(figuresOf(before.body));
  }, 120_000);
});
