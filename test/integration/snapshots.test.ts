import { describe, expect, it } from 'vitest';
import { pinnedClockStack } from '../setup/pinned-clock-stack.ts';

/**
 * Snapshots count everything received in a quarter, so this file runs its own stack: the
 * quarter then holds exactly the feedback below, and the figures can be counted by hand.
 * That stack's clock starts on a fixed working morning of 2026-Q4 (libfaketime), so the
 * figures hold whenever the suite runs.
 */
const STACK_CLOCK_STARTS = '2026-11-24T10:00:00+08:00'; // a Tuesday
const stack = pinnedClockStack(STACK_CLOCK_STARTS);
const { call, settle, act, submit } = stack;

describe('quarterly snapshot on the local stack', { timeout: 120_000 }, () => {
  it('matches a hand count, emails its summary once, and a second run changes nothing', async () => {
    // Prepare: four feedback in 2026-Q4 (the stack's clock says 2026-11-24)
    const f1 = await submit({
      channel: 'web',
      text: 'I complain: the counter staff were rude.',
      language: 'en',
      customer: { id: 'cust-1' },
      ratings: { csat: 1, nps: 0 },
    });
    await submit({
      channel: 'app',
      text: 'Thank you, great service!',
      language: 'en',
      ratings: { csat: 5, nps: 10 },
    });
    const f3 = await submit({
      channel: 'email',
      text: 'I complain again: rude staff never called me back.',
      language: 'en',
      customer: { id: 'cust-1' },
      ratings: { nps: 8 },
    });
    const f4 = await submit({
      channel: 'phone',
      text: 'What are your opening hours?',
      language: 'en',
      ratings: { ces: 4 },
    });
    await settle();
    const { body: stored } = await call<{ receivedAt: string }>(`/v1/feedback/${f1}`, { as: 'staff' });
    expect(stored.receivedAt.slice(0, 10)).toBe('2026-11-24');
    const resolved = await act(f1, { action: 'resolve', resolution: 'Apologised and retrained the team.' });
    const survey = await call(`/v1/survey/${encodeURIComponent(resolved.body.survey.token)}`, {
      body: { csat: 2 },
    });
    expect(survey.body).toMatchObject({ reopened: true });
    await act(f1, { action: 'resolve', resolution: 'Manager called the customer.' });
    await act(f1, { action: 'close' });
    await act(f3, { action: 'acknowledge' });
    await act(f4, { action: 'note', note: 'Looked up the hours' });
    await settle();
    // An empty previous quarter, computed on demand
    const q3 = await call('/v1/snapshots/2026-Q3', { method: 'POST', as: 'staff' });
    expect(q3.status).toBe(200);
    expect(q3.body).toMatchObject({ period: '2026-Q3', totals: { feedback: 0 }, csat: { average: null } });

    // Act: the schedule at 01:00 on 1 January in Shanghai, twice
    const run = () =>
      call('/_local/schedules/quarterly-snapshot', { body: { now: '2027-01-01T01:00:00+08:00' } });
    const first = await run();
    const second = await run();

    // Assess
    expect(first.body.result).toMatchObject({ period: '2026-Q4', changed: true, emailed: true, feedback: 4 });
    expect(second.body.result).toMatchObject({
      period: '2026-Q4',
      changed: false,
      emailed: false,
      feedback: 4,
    });
    const { body: snapshot } = await call('/v1/snapshots/2026-Q4', { as: 'staff' });
    expect(snapshot).toMatchObject({
      period: '2026-Q4',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      timezone: 'Asia/Shanghai',
      totals: { feedback: 4, complaints: 2, byType: { complaint: 2, inquiry: 1, praise: 1 } },
      csat: {
        average: 2.67,
        responses: 3,
        distribution: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 1 },
        satisfiedShare: 0.3333,
      },
      nps: { score: 0, responses: 3, promoters: 1, passives: 1, detractors: 1 },
      ces: { average: 4, responses: 1 },
      complaintRate: 0.5,
      slaCompliance: 0.4286,
      closureRate: 0.5,
      reopenRate: 1,
      byChannel: {
        app: { feedback: 1, complaints: 0, csatAverage: 5 },
        email: { feedback: 1, complaints: 1, csatAverage: null },
        phone: { feedback: 1, complaints: 0, csatAverage: null },
        web: { feedback: 1, complaints: 1, csatAverage: 1.5 },
      },
      topCategories: [{ category: 'staff_attitude', count: 2, share: 1, cumulativeShare: 1, vital: true }],
      repeatComplaintCustomers: 1,
      previous: {
        period: '2026-Q3',
        figures: { feedback: 0, csatAverage: null },
        deltas: { feedback: 4, complaints: 2, csatAverage: null },
      },
    });
    expect(snapshot.readUnits).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot)).not.toContain('cust-1');

    const { body: store } = await (async () => ({
      body: (await (await fetch(`${stack.sesUrl()}/store`)).json()) as {
        emails: { subject: string; destination: { to: string[] }; body: { text: string } }[];
      },
    }))();
    const summaries = store.emails.filter((e) => e.subject.includes('2026-Q4'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.destination.to).toEqual(['lead@example.com', 'manager@example.com']);
    expect(summaries[0]?.body.text).toContain('Complaint rate: 50 %');
    expect(summaries[0]?.body.text).toContain('1. Staff attitude: 2 (100 %)');
  });

  it('lists snapshots and exports one as CSV', async () => {
    const list = await call<{ items: { period: string }[] }>('/v1/snapshots', { as: 'staff' });
    const csv = await call('/v1/snapshots/2026-Q4?format=csv', { as: 'staff' });

    expect(list.body.items.map((i) => i.period)).toEqual(['2026-Q3', '2026-Q4']);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('section,key,value');
    expect(csv.text).toContain('key figures,complaintRate,0.5');
  });

  it('answers 404 for a period never computed and 400 for a malformed one', async () => {
    expect((await call('/v1/snapshots/2019-Q1', { as: 'staff' })).status).toBe(404);
    const bad = await call('/v1/snapshots/2026-Q9', { as: 'staff' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'period' }] } });
  });
});
