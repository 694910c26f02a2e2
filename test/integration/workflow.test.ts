import { describe, expect, inject, it } from 'vitest';
import { deadlinesFor } from '../../shared/domain/priority-policy.ts';
import {
  api,
  capturedEmails,
  readFeedback,
  settleStream,
  stackCalendar,
  submit,
} from '../helpers/local-api.ts';
import { policy } from '../helpers/records.ts';

type Feedback = Record<string, any>;

async function openedFeedback(body: Record<string, unknown>): Promise<Feedback> {
  const { body: created } = await submit(body);
  await settleStream();
  return readFeedback(created.id);
}

function act(id: string, body: Record<string, unknown>) {
  return api<Feedback>(`/v1/feedback/${id}/actions`, { as: 'staff', body });
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}

const customer = (email: string, name = 'Li Wei') => ({
  customer: { email, name },
  consent: { contact: true },
});

describe('staff workflow on the local stack', () => {
  it('walks a feedback from open to closed with every step recorded', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'The queue took an hour.',
      language: 'en',
    });

    const steps = [
      { action: 'acknowledge', note: 'Called the customer back' },
      { action: 'wait_for_customer', note: 'Asked which branch' },
      { action: 'resume' },
      { action: 'note', note: 'Branch manager informed' },
      { action: 'resolve', resolution: 'We added a second counter at peak hours.' },
      { action: 'close' },
    ];
    const statuses: string[] = [];
    for (const step of steps) {
      const answer = await act(feedback.id, step);
      expect(answer.status).toBe(200);
      statuses.push(answer.body.status);
    }

    expect(statuses).toEqual([
      'acknowledged',
      'waiting_for_customer',
      'acknowledged',
      'acknowledged',
      'resolved',
      'closed',
    ]);
    const stored = await readFeedback(feedback.id);
    expect(stored.history.map((h: Feedback) => h.action)).toEqual([
      'received',
      'triaged',
      ...steps.map((s) => s.action),
    ]);
    for (const entry of stored.history.slice(2))
      expect(entry).toMatchObject({ at: expect.any(String), actor: 'staff:staff@example.com' });
    expect(stored).toMatchObject({
      version: 2 + steps.length,
      resolution: steps[4]?.resolution,
      closedAt: expect.any(String),
    });
  });

  it('answers 409 for a transition the status does not allow, and 404 for an unknown feedback', async () => {
    const feedback = await openedFeedback({ channel: 'web', text: 'Question about fees?' });

    const close = await act(feedback.id, { action: 'close' });
    const unknown = await act('01AAAAAAAAAAAAAAAAAAAAAAAA', { action: 'acknowledge' });

    expect(close.status).toBe(409);
    expect(close.body).toMatchObject({ error: { code: 'invalid_transition' } });
    expect(unknown.status).toBe(404);
    expect((await readFeedback(feedback.id)).version).toBe(feedback.version);
  });

  it('refuses a stale version with 409 and never loses a concurrent write', async () => {
    const feedback = await openedFeedback({ channel: 'web', text: 'Concurrency check' });

    const first = await act(feedback.id, { action: 'acknowledge', version: feedback.version });
    const stale = await act(feedback.id, { action: 'note', note: 'late', version: feedback.version });
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => act(feedback.id, { action: 'note', note: `n${i}` })),
    );

    expect(first.status).toBe(200);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'conflict' } });
    expect(
      burst.every((a) => a.status === 200 || (a.status === 409 && a.body.error.code === 'conflict')),
    ).toBe(true);
    const stored = await readFeedback(feedback.id);
    const notes = stored.history.filter((h: Feedback) => h.action === 'note').length;
    expect(notes).toBe(burst.filter((a) => a.status === 200).length);
    expect(stored.version).toBe(feedback.version + 1 + notes);
  });

  it('records the authenticated staff member as the actor and a body actor only as a claim', async () => {
    const feedback = await openedFeedback({ channel: 'web', text: 'Actor check' });

    const answer = await act(feedback.id, { action: 'note', note: 'on behalf', actor: 'zhang.san' });
    const stored = await readFeedback(feedback.id);

    expect(answer.status).toBe(200);
    expect(stored.history.at(-1)).toMatchObject({
      actor: 'staff:staff@example.com',
      claimedActor: 'zhang.san',
    });
    expect(stored.history.some((h: Feedback) => h.actor === 'staff:zhang.san')).toBe(false);
  });
});

describe('closure notice and survey', () => {
  it('emails one closure notice in the customer’s language with working tracking and survey links', async () => {
    const email = `tw-${Date.now()}@example.com`;
    const feedback = await openedFeedback({
      channel: 'email',
      text: '櫃檯人員態度很差。',
      ...customer(email, '陳小姐'),
    });

    await act(feedback.id, { action: 'resolve', resolution: '已向櫃檯人員說明並改善。' });
    await settleStream();
    await act(feedback.id, { action: 'note', note: 'another change after resolving' });
    await settleStream();

    const notices = (await capturedEmails()).filter((e) => e.destination.to.includes(email));
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.subject).toBe('您的意見已處理完畢');
    expect(notice?.body.text).toContain('已向櫃檯人員說明並改善。');
    expect(notice?.body.html).toContain('親愛的陳小姐');
    const [tracking, survey] = linksIn(notice?.body.text ?? '');
    expect(tracking).toContain('/v1/track/');
    expect(survey).toContain('/v1/survey/');
    const trackPage = await fetch(tracking as string);
    expect(trackPage.status).toBe(200);
    expect(await trackPage.json()).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const form = await fetch(survey as string);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toContain('text/html');
    const html = await form.text();
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toMatch(/<input type="radio" name="csat" value="1" required>/);
  });

  it.each([
    ['no consent', { customer: { email: 'nc@example.com' }, consent: { contact: false } }, 'nc@example.com'],
    [
      'anonymous',
      { anonymous: true, customer: { email: 'anon@example.com' }, consent: { contact: true } },
      'anon@example.com',
    ],
  ])('sends no closure notice with %s', async (_, extra, address) => {
    const feedback = await openedFeedback({ channel: 'web', text: 'Please fix it.', ...extra });

    await act(feedback.id, { action: 'resolve', resolution: 'Fixed.' });
    await settleStream();

    expect((await capturedEmails()).filter((e) => e.destination.to.includes(address))).toHaveLength(0);
  });

  it('records one survey answer; an unhappy answer reopens the feedback with fresh deadlines', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'Refund is late.',
      ...customer(`s-${Date.now()}@example.com`),
    });
    const resolved = await act(feedback.id, { action: 'resolve', resolution: 'Refund sent.' });
    const token = encodeURIComponent(resolved.body.survey.token);

    const answer = await api(`/v1/survey/${token}`, { body: { csat: 2, comment: 'Still nothing arrived' } });
    const again = await api(`/v1/survey/${token}`, { body: { csat: 5 } });

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ status: 'recorded', csat: 2, reopened: true });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    const stored = await readFeedback(feedback.id);
    expect(stored).toMatchObject({
      status: 'open',
      reopenCount: 1,
      survey: { answer: { csat: 2, comment: 'Still nothing arrived' } },
    });
    const reopen = stored.history.at(-1) as Feedback;
    expect(stored.history.slice(-2).map((h: Feedback) => h.action)).toEqual(['survey_answered', 'reopen']);
    // Fresh deadlines run from the reopen instant (equal to the first ones when both clocks
    // started at the same working-hours boundary, e.g. at night or at a weekend).
    const fresh = deadlinesFor(stored.priority, new Date(reopen.at), policy, stackCalendar);
    expect(stored).toMatchObject({ clockStartedAt: reopen.at, deadlines: fresh });
    expect(reopen.deadlines).toEqual(fresh);
    expect(fresh.firstResponseDue >= feedback.deadlines.firstResponseDue).toBe(true);
  });

  it('takes the answer from the HTML form and keeps a happy feedback resolved', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'Thanks for the help?',
      ...customer(`f-${Date.now()}@example.com`),
    });
    const resolved = await act(feedback.id, { action: 'resolve', resolution: 'Answered.' });

    const answer = await api(`/v1/survey/${encodeURIComponent(resolved.body.survey.token)}`, {
      rawBody: 'csat=5&comment=great',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(answer.status).toBe(201);
    expect(String(answer.body)).toContain('role="status"');
    expect((await readFeedback(feedback.id)).status).toBe('resolved');
  });

  it('answers 404 for an unknown survey token and 400 for a bad score', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'Score check',
      ...customer(`b-${Date.now()}@example.com`),
    });
    const resolved = await act(feedback.id, { action: 'resolve', resolution: 'Done.' });

    expect((await api('/v1/survey/nope.nope')).status).toBe(404);
    const bad = await api(`/v1/survey/${encodeURIComponent(resolved.body.survey.token)}`, {
      body: { csat: 9 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'csat' }] } });
  });
});

describe('escalation sweep on the local stack', () => {
  function sweep(now: string) {
    return api<{ result: { sent: number; skipped: number } }>('/_local/schedules/escalation-sweep', {
      body: { now },
    });
  }

  it('walks the ladder at later instants, once per level, even when sweeps overlap', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'I complain: nobody called me back.',
      language: 'en',
    });
    const received = new Date(feedback.receivedAt).getTime();
    const due = new Date(feedback.deadlines.firstResponseDue).getTime();
    const at = (ms: number) => new Date(ms).toISOString();
    const mine = async () => (await capturedEmails(feedback.id)).map((e) => e.subject);

    // Before 80 %: nothing
    await sweep(at(received + 60_000));
    expect(await mine()).toEqual([]);

    // Just past the deadline, three sweeps at once: one level-2 email (level 1 skipped)
    await Promise.all([sweep(at(due + 60_000)), sweep(at(due + 60_000)), sweep(at(due + 60_000))]);
    expect(await mine()).toEqual([
      expect.stringMatching(/^\[P\d\] Level 2 escalation: feedback \w+, first response 1 min late$/),
    ]);

    // 24 h past: level 3 to every address; repeating the sweep sends nothing more
    await sweep(at(due + 25 * 3_600_000));
    await sweep(at(due + 25 * 3_600_000));
    const emails = await capturedEmails(feedback.id);
    expect(emails.map((e) => e.subject.match(/Level (\d)/)?.[1])).toEqual(['2', '3']);
    expect(emails[0]?.destination.to).toEqual(inject('localStack').escalationEmails.slice(0, 1));
    expect(emails[1]?.destination.to).toEqual(inject('localStack').escalationEmails);

    const stored = await readFeedback(feedback.id);
    expect(stored.escalationLevel).toBe(3);
    expect(
      stored.history.filter((h: Feedback) => h.action === 'escalated').map((h: Feedback) => h.level),
    ).toEqual([2, 3]);
    expect(stored.nextEscalation).toMatchObject({ deadline: 'resolution' });
  });

  it('stops escalating the first response once staff acknowledged', async () => {
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'I complain about the noise.',
      language: 'en',
    });
    await act(feedback.id, { action: 'acknowledge' });
    const due = new Date(feedback.deadlines.firstResponseDue).getTime();

    await sweep(new Date(due + 25 * 3_600_000).toISOString());

    expect(
      (await capturedEmails(feedback.id)).filter((e) => e.subject.includes('first response')),
    ).toHaveLength(0);
  });
});
