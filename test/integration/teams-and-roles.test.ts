import type { ChildProcess } from 'node:child_process';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startStackProcess, stopStackProcess } from '../setup/local-stack.ts';

/**
 * Contract §7 on the local stack, with two teams and a token per role. This file runs its own
 * stack so that its teams, tokens, digests and snapshot hold exactly the feedback below.
 */
const TEAMS = [
  {
    id: 'billing',
    name: { en: 'Billing', zh: '账务' },
    leadEmails: ['billing-lead@example.com'],
    categories: ['billing_payment'],
  },
  {
    id: 'delivery',
    name: { en: 'Delivery', zh: '配送' },
    leadEmails: ['delivery-lead@example.com'],
    categories: ['delivery'],
    channels: ['phone'],
  },
];
const TOKENS = {
  'tok-agent': { id: 'ana', role: 'agent', teams: ['billing'] },
  'tok-agent-delivery': { id: 'bo', role: 'agent', teams: ['delivery'] },
  'tok-lead': { id: 'li', role: 'lead', teams: ['billing'] },
  'tok-analyst': { id: 'an', role: 'analyst' },
  'tok-admin': { id: 'ad', role: 'admin' },
};
type Who = keyof typeof TOKENS | 'local-staff-token' | 'nobody';

let child: ChildProcess;
let base = '';
let ses = '';

interface Answer<T> {
  status: number;
  body: T;
  text: string;
}

async function call<T = any>(
  path: string,
  init: { method?: string; body?: unknown; as?: Who | 'channel' } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.as === 'channel') headers['x-api-key'] = 'local-dev-key';
  else if (init.as) headers.authorization = `Bearer ${init.as}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: response.status, body: body as T, text };
}

const settle = () => call('/_local/stream/settle', { method: 'POST' });
const act = (who: Who, id: string, body: Record<string, unknown>) =>
  call(`/v1/feedback/${id}/actions`, { as: who, body });
const read = (who: Who, id: string) => call(`/v1/feedback/${id}`, { as: who });
const schedule = (name: string, now: string) => call(`/_local/schedules/${name}`, { body: { now } });

interface Email {
  subject: string;
  destination: { to: string[] };
  body: { text: string };
}
async function emails(): Promise<Email[]> {
  return ((await (await fetch(`${ses}/store`)).json()) as { emails: Email[] }).emails;
}

async function submit(body: Record<string, unknown>): Promise<string> {
  const answer = await call<{ id: string }>('/v1/feedback', { as: 'channel', body });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

const ids = { billingComplaint: '', deliveryComplaint: '', praise: '', phoneInquiry: '' };
let latestReceipt = '';

beforeAll(async () => {
  const [port, dynamoPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  ses = `http://127.0.0.1:${sesPort}`;
  ({ child } = await startStackProcess({
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoPort),
    SES_PORT: String(sesPort),
    ESCALATION_EMAILS: 'lead@example.com,manager@example.com',
    LOCAL_STAFF_TOKENS: JSON.stringify(TOKENS),
    LOCAL_CONFIG: JSON.stringify({ teams: TEAMS }),
  }));
  ids.billingComplaint = await submit({
    channel: 'web',
    text: 'I complain: you charged my bill twice and I want a refund.',
    language: 'en',
    ratings: { csat: 2 },
  });
  ids.deliveryComplaint = await submit({
    channel: 'web',
    text: 'I complain: the parcel delivery is late again.',
    language: 'en',
  });
  ids.praise = await submit({
    channel: 'app',
    text: 'Thank you, great service!',
    language: 'en',
    ratings: { csat: 5 },
  });
  ids.phoneInquiry = await submit({ channel: 'phone', text: 'What are your opening hours?', language: 'en' });
  await settle();
  const all = await call<{ items: { receivedAt: string }[] }>('/v1/feedback?limit=100', { as: 'tok-admin' });
  latestReceipt =
    all.body.items
      .map((i) => i.receivedAt)
      .sort()
      .at(-1) ?? '';
}, 120_000);

afterAll(async () => {
  if (child) await stopStackProcess(child);
});

describe('triage routes every feedback to a team and records why', () => {
  it.each([
    ['billingComplaint', 'billing', 'category:billing_payment'],
    ['deliveryComplaint', 'delivery', 'category:delivery'],
    ['praise', 'billing', 'default'],
    ['phoneInquiry', 'delivery', 'channel:phone'],
  ] as const)('%s → %s (%s)', async (key, team, reason) => {
    const { body } = await read('tok-admin', ids[key]);
    expect(body.team).toBe(team);
    expect(body.assignee).toBeNull();
    expect(body.history.find((e: { action: string }) => e.action === 'triaged')).toMatchObject({
      team,
      teamReason: reason,
    });
  });
});

describe('an agent sees and acts on their own teams only', () => {
  it('lists only the billing team’s feedback, and another team’s filter lists nothing', async () => {
    const mine = await call<{ items: { id: string; team: string }[] }>('/v1/feedback', { as: 'tok-agent' });
    const other = await call<{ items: unknown[] }>('/v1/feedback?team=delivery', { as: 'tok-agent' });
    const filtered = await call<{ items: unknown[] }>('/v1/feedback?status=open', { as: 'tok-agent' });

    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id).sort()).toEqual([ids.billingComplaint, ids.praise].sort());
    expect(other).toMatchObject({ status: 200, body: { items: [] } });
    expect((filtered.body.items as { team: string }[]).every((i) => i.team === 'billing')).toBe(true);
  });

  it('cannot read, act on or assign another team’s feedback, and the answer equals an unknown id’s', async () => {
    const unknown = await read('tok-agent', '01JD0000000000000000000000');
    const answers = [
      await read('tok-agent', ids.deliveryComplaint),
      await act('tok-agent', ids.deliveryComplaint, { action: 'acknowledge' }),
      await act('tok-agent', ids.deliveryComplaint, { action: 'assign', assignee: 'me' }),
      await act('tok-agent', ids.deliveryComplaint, { action: 'note', note: 'x', version: 999 }),
    ];

    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(unknown.body);
    }
    const after = await read('tok-admin', ids.deliveryComplaint);
    expect(after.body.status).toBe('open');
    expect(after.body.assignee).toBeNull();
  });

  it('takes a feedback of their team (assignee=me) and finds it with assignee=me', async () => {
    const taken = await act('tok-agent', ids.praise, { action: 'assign', assignee: 'me' });
    const list = await call<{ items: { id: string }[] }>('/v1/feedback?assignee=me', { as: 'tok-agent' });

    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ team: 'billing', assignee: 'ana' });
    expect(taken.body.history.at(-1)).toMatchObject({ action: 'assign', team: 'billing', assignee: 'ana' });
    expect(list.body.items.map((i) => i.id)).toEqual([ids.praise]);
  });

  it('may not assign to someone else or move the team (403), and nothing changes', async () => {
    const toOther = await act('tok-agent', ids.billingComplaint, { action: 'assign', assignee: 'li' });
    const move = await act('tok-agent', ids.billingComplaint, { action: 'assign', team: 'delivery' });

    expect(toOther.status).toBe(403);
    expect(move.status).toBe(403);
    expect(move.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await read('tok-admin', ids.billingComplaint)).body).toMatchObject({
      team: 'billing',
      assignee: null,
    });
  });

  it('may not use figures or erasure (403)', async () => {
    expect((await call('/v1/snapshots', { as: 'tok-agent' })).status).toBe(403);
    expect(
      (await call('/v1/customers/erasure', { as: 'tok-agent', body: { email: 'x@example.com' } })).status,
    ).toBe(403);
  });
});

describe('a lead assigns within their teams', () => {
  it('assigns to a member of the team', async () => {
    const answer = await act('tok-lead', ids.billingComplaint, { action: 'assign', assignee: 'ana' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ team: 'billing', assignee: 'ana' });
  });

  it('refuses an assignee outside the team (400), a team of theirs they do not lead (403), an unknown team (400)', async () => {
    const outsider = await act('tok-lead', ids.billingComplaint, { action: 'assign', assignee: 'bo' });
    const elsewhere = await act('tok-lead', ids.billingComplaint, { action: 'assign', team: 'delivery' });
    const unknown = await act('tok-lead', ids.billingComplaint, { action: 'assign', team: 'nowhere' });
    const empty = await act('tok-lead', ids.billingComplaint, { action: 'assign' });

    expect(outsider).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_error', issues: [{ path: 'assignee' }] } },
    });
    expect(elsewhere.status).toBe(403);
    expect(unknown).toMatchObject({ status: 400, body: { error: { issues: [{ path: 'team' }] } } });
    expect(empty.status).toBe(400);
    expect((await read('tok-admin', ids.billingComplaint)).body).toMatchObject({
      team: 'billing',
      assignee: 'ana',
    });
  });
});

describe('an analyst reads figures but no records', () => {
  it('is refused every feedback route (403) and nothing leaks', async () => {
    const answers = [
      await call('/v1/feedback', { as: 'tok-analyst' }),
      await read('tok-analyst', ids.billingComplaint),
      await read('tok-analyst', '01JD0000000000000000000000'),
      await act('tok-analyst', ids.billingComplaint, { action: 'note', note: 'hello' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.text).not.toContain('refund');
    }
  });

  it('reads, recomputes and exports snapshots', async () => {
    expect((await call('/v1/snapshots', { as: 'tok-analyst' })).status).toBe(200);
  });
});

describe('authentication', () => {
  it('answers 401 for a token for no one, 200 for LOCAL_STAFF_TOKEN (always an admin)', async () => {
    expect((await call('/v1/feedback', { as: 'nobody' })).status).toBe(401);
    expect((await read('local-staff-token', ids.deliveryComplaint)).status).toBe(200);
  });
});

describe('escalation reaches the team’s leads', () => {
  it('sends level 1 to the delivery lead; after a move to billing, the rest goes to the billing lead', async () => {
    // Prepare
    const { body: before } = await read('tok-admin', ids.deliveryComplaint);
    const level1At = before.nextEscalation.at as string;
    expect(before.nextEscalation.level).toBe(1);

    // Act: the sweep at the warning instant, then a move, then the sweep at the deadline
    await schedule('escalation-sweep', level1At);
    const moved = await act('tok-admin', ids.deliveryComplaint, {
      action: 'assign',
      team: 'billing',
      assignee: 'ana',
    });
    const { body: after } = await read('tok-admin', ids.deliveryComplaint);
    await schedule('escalation-sweep', after.nextEscalation.at);

    // Assess
    expect(moved.body).toMatchObject({ team: 'billing', assignee: 'ana' });
    expect(moved.body.history.at(-1)).toMatchObject({
      action: 'assign',
      actor: expect.stringMatching(/^staff:/),
      team: 'billing',
      previousTeam: 'delivery',
      assignee: 'ana',
    });
    const ladder = (await emails()).filter((e) => e.subject.includes(ids.deliveryComplaint));
    expect(ladder.map((e) => [e.subject.match(/Level (\d)/)?.[1], e.destination.to])).toEqual([
      ['1', ['delivery-lead@example.com']],
      [String(after.nextEscalation.level), ['billing-lead@example.com']],
    ]);
  });
});

describe('the complaint digest', () => {
  it('emails each team’s leads their new complaints, each complaint once across retried schedules', async () => {
    // Prepare: a run after every receipt, derived from the receipts (not the wall clock)
    const now = DateTime.fromISO(latestReceipt).plus({ minutes: 1 }).toUTC().toISO() as string;

    // Act: the schedule, then the same schedule retried
    const first = await schedule('complaint-digest', now);
    const retry = await schedule('complaint-digest', now);
    const later = await schedule(
      'complaint-digest',
      DateTime.fromISO(now).plus({ days: 1 }).toISO() as string,
    );

    // Assess: the billing complaint and the delivery complaint (now billing's) both went to billing
    expect(first.body.result).toMatchObject({ teams: { billing: 2, delivery: 0 }, emails: 1 });
    expect(retry.body.result).toMatchObject({ teams: { billing: 0, delivery: 0 }, emails: 0 });
    expect(later.body.result).toMatchObject({ emails: 0 });
    const digests = (await emails()).filter((e) => e.subject.startsWith('Complaint digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.destination.to).toEqual(['billing-lead@example.com']);
    expect(digests[0]?.subject).toBe('Complaint digest for Billing: 2 new');
    expect(digests[0]?.body.text).toContain(ids.billingComplaint);
    expect(digests[0]?.body.text).toContain(ids.deliveryComplaint);
    expect(digests[0]?.body.text).not.toContain(ids.praise);
  });

  it('sends a new complaint in the next digest only, to its own team', async () => {
    const id = await submit({
      channel: 'phone',
      text: 'I complain: nobody called me back, terrible.',
      language: 'en',
    });
    await settle();
    const { body: record } = await read('tok-admin', id);
    expect(record).toMatchObject({ type: 'complaint', team: 'delivery' });
    const now = DateTime.fromISO(record.receivedAt).plus({ minutes: 1 }).toUTC().toISO() as string;

    const run = await schedule('complaint-digest', now);
    const again = await schedule('complaint-digest', now);

    expect(run.body.result).toMatchObject({ teams: { billing: 0, delivery: 1 }, emails: 1 });
    expect(again.body.result).toMatchObject({ emails: 0 });
    const digests = (await emails()).filter((e) => e.subject.startsWith('Complaint digest for Delivery'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.destination.to).toEqual(['delivery-lead@example.com']);
    expect(digests[0]?.body.text).toContain(id);
  });
});

describe('snapshot byTeam', () => {
  it('matches a hand count in the JSON, the CSV and the summary email', async () => {
    // Prepare: resolve the billing complaint; the quarter and its schedule come from the receipts
    await act('tok-lead', ids.billingComplaint, {
      action: 'resolve',
      resolution: 'Refunded the double charge.',
    });
    await settle();
    const received = DateTime.fromISO(latestReceipt).setZone('Asia/Shanghai');
    const period = `${received.year}-Q${received.quarter}`;
    const runAt = received.startOf('quarter').plus({ quarters: 1, hours: 1 }).toISO() as string;

    // Act
    const run = await schedule('quarterly-snapshot', runAt);
    const { body: snapshot } = await call(`/v1/snapshots/${period}`, { as: 'tok-analyst' });
    const csv = await call(`/v1/snapshots/${period}?format=csv`, { as: 'tok-analyst' });

    // Assess: billing holds the billing complaint, the moved delivery complaint and the praise;
    // delivery holds the phone inquiry and the phone complaint. One of billing's two complaints
    // is resolved; CSAT answers: 2 (billing complaint) and 5 (praise).
    expect(run.body.result).toMatchObject({ period, feedback: 5 });
    expect(snapshot.totals).toMatchObject({ feedback: 5, complaints: 3 });
    expect(snapshot.byTeam).toMatchObject({
      billing: { feedback: 3, complaints: 2, closureRate: 0.5, csat: { average: 3.5, responses: 2 } },
      delivery: { feedback: 2, complaints: 1, closureRate: 0, csat: { average: null, responses: 0 } },
    });
    // Every configured team is listed (DynamoDB does not keep a stored map's key order).
    expect(Object.keys(snapshot.byTeam).sort()).toEqual(['billing', 'delivery']);
    expect(csv.text).toContain('by team,billing complaints,2');
    expect(csv.text).toContain('by team,delivery feedback,2');
    const summary = (await emails()).find((e) => e.subject.includes(period));
    expect(summary?.body.text).toContain('By team:');
    expect(summary?.body.text).toContain('Billing: Feedback 3, Complaints 2');
  });
});
