import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousA11yViolations } from '../helpers/browser.ts';
import { clockStartingAt } from '../setup/fake-clock.ts';
import { freePort, startStackProcess, stopStackProcess } from '../setup/local-stack.ts';

/**
 * Improvement plans end to end (contract §8): two quarters seeded — 2026-Q3 through the CSV
 * import's `receivedOn`, 2026-Q4 live on a stack whose clock starts on 2026-11-24 — both
 * snapshots computed, and the plan's evaluation compared with a hand count.
 */
const STACK_CLOCK_STARTS = '2026-11-24T10:00:00+08:00';
const TOKENS = {
  'tok-analyst': { id: 'ana-1', role: 'analyst' },
  'tok-lead': { id: 'lead-1', role: 'lead', teams: ['service-desk'] },
  'tok-lead-other': { id: 'lead-2', role: 'lead', teams: ['elsewhere'] },
  'tok-agent': { id: 'agent-1', role: 'agent', teams: ['service-desk'] },
};
type Who = keyof typeof TOKENS | 'admin' | 'channel' | 'none';
const OWNER = 'plan.owner@example.org';
const IDLE_OWNER = 'idle.owner@example.org';
const CUSTOMER_EMAIL = 'q3.customer@example.net';

let child: ChildProcess;
let base = '';
let ses = '';
let browser: Browser | undefined;

async function call<T = any>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    raw?: string;
    contentType?: string;
    as?: Who;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.as === 'channel') headers['x-api-key'] = 'local-dev-key';
  else if (init.as === 'admin') headers.authorization = 'Bearer local-staff-token';
  else if (init.as && init.as !== 'none') headers.authorization = `Bearer ${init.as}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.raw !== undefined) headers['content-type'] = init.contentType ?? 'text/csv; charset=utf-8';
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined && init.raw === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.raw !== undefined ? { body: init.raw } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}

const settle = () => call('/_local/stream/settle', { method: 'POST' });
const schedule = (name: string, now: string) => call(`/_local/schedules/${name}`, { body: { now } });

interface Email {
  subject: string;
  destination: { to: string[] };
  body: { text: string; html: string };
}
async function emails(): Promise<Email[]> {
  return ((await (await fetch(`${ses}/store`)).json()) as { emails: Email[] }).emails;
}

const PLAN = {
  title: 'Fewer billing complaints',
  problem: 'Billing and payment was the top complaint category of 2026-Q3',
  owner: OWNER,
  scope: { category: 'billing_payment' },
  metric: 'complaints',
  baselinePeriod: '2026-Q3',
  targetPeriod: '2026-Q4',
  goal: { direction: 'decrease', by: 0.3 },
  measures: ['Itemised bills', 'A refund desk at every branch'],
  public: true,
};

/** 2026-Q3 from a comment book: four billing complaints, one staff complaint, one praise. */
const Q3_CSV = [
  'text,channel,language,receivedOn,customerEmail,consent,reference',
  `"I complain: you charged my bill twice, terrible",in_person,en,2026-07-06,${CUSTOMER_EMAIL},true,Q3-1`,
  '"I complain: the payment fee is wrong and nobody helps",in_person,en,2026-07-20,,,Q3-2',
  '"I complain: refund still missing after a month, terrible",in_person,en,2026-08-11,,,Q3-3',
  '"I complain: overcharged on my invoice again",in_person,en,2026-09-14,,,Q3-4',
  '"I complain: the counter staff were rude",in_person,en,2026-09-15,,,Q3-5',
  '"Thank you, great service",in_person,en,2026-09-16,,,Q3-6',
].join('\n');

const planIds = { main: '', idle: '' };

beforeAll(async () => {
  const [port, dynamoPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  ses = `http://127.0.0.1:${sesPort}`;
  ({ child } = await startStackProcess({
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoPort),
    SES_PORT: String(sesPort),
    LOCAL_STAFF_TOKENS: JSON.stringify(TOKENS),
    ...clockStartingAt(STACK_CLOCK_STARTS),
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stopStackProcess(child);
});

async function feedbackByReference(): Promise<
  Map<string, { id: string; category: string | null; type: string }>
> {
  const page = await call<{ items: { id: string; text: string; category: string | null; type: string }[] }>(
    '/v1/feedback?limit=100',
    { as: 'admin' },
  );
  const byText = new Map<string, { id: string; category: string | null; type: string }>();
  for (const item of page.body.items) byText.set(item.text, item);
  return byText;
}

describe('improvement plans on the local stack', { timeout: 180_000 }, () => {
  it('refuses bad input with 400/404/409 and stores nothing', async () => {
    // Prepare
    const before = await call<{ items: unknown[] }>('/v1/plans', { as: 'admin' });
    const bad: [string, Record<string, unknown>, number, string][] = [
      ['target not after baseline', { targetPeriod: '2026-Q3' }, 400, 'targetPeriod'],
      ['a period that does not parse', { baselinePeriod: '2026-Q5' }, 400, 'baselinePeriod'],
      ['an unknown metric', { metric: 'happiness' }, 400, 'metric'],
      ['an unknown category', { scope: { category: 'weather' } }, 400, 'scope.category'],
      ['an unknown team', { scope: { team: 'nobody' } }, 400, 'scope.team'],
      ['two slices at once', { scope: { category: 'billing_payment', channel: 'web' } }, 400, 'scope'],
      ['a goal of 0', { goal: { direction: 'decrease', by: 0 } }, 400, 'goal.by'],
      ['a goal above 10', { goal: { direction: 'increase', by: 11 } }, 400, 'goal.by'],
    ];

    // Act
    const answers = await Promise.all(
      bad.map(([, patch]) => call('/v1/plans', { as: 'admin', body: { ...PLAN, ...patch } })),
    );
    const unknownProblem = await call('/v1/plans', {
      as: 'admin',
      body: { ...PLAN, problemId: '01JD0000000000000000000000' },
    });
    const agent = await call('/v1/plans', { as: 'tok-agent', body: PLAN });
    const otherLead = await call('/v1/plans', { as: 'tok-lead-other', body: PLAN });

    // Assess
    answers.forEach((answer, i) => {
      expect(answer.status, bad[i]?.[0]).toBe(bad[i]?.[2]);
      expect(answer.body.error.code).toBe('validation_error');
      expect(answer.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(bad[i]?.[3]);
    });
    expect(unknownProblem.status).toBe(404);
    expect(unknownProblem.body.error.code).toBe('not_found');
    expect(agent.status).toBe(403);
    expect(otherLead.status).toBe(403);
    const after = await call<{ items: unknown[] }>('/v1/plans', { as: 'admin' });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('creates, starts and refuses an illegal move with 409', async () => {
    // Prepare / Act
    const created = await call<{ id: string; stage: string }>('/v1/plans', { as: 'tok-lead', body: PLAN });
    const idle = await call<{ id: string }>('/v1/plans', {
      as: 'tok-analyst',
      body: {
        ...PLAN,
        title: 'Quicker first answers',
        owner: IDLE_OWNER,
        metric: 'slaCompliance',
        scope: {},
        goal: { direction: 'increase', by: 0.1 },
        public: false,
      },
    });
    planIds.main = created.body.id;
    planIds.idle = idle.body.id;
    const early = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'adopt' },
    });
    const started = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'start', note: 'Bills redesigned' },
    });
    const again = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'start' },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.stage).toBe('plan');
    expect(idle.status).toBe(201);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_transition');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stage: 'do', team: 'service-desk', evaluation: null });
    expect(started.body.history.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['created', 'staff:lead-1'],
      ['start', 'staff:lead-1'],
    ]);
    expect(again.status).toBe(409);
  });

  it('shows a lead the plans of their teams only', async () => {
    const mine = await call<{ items: { id: string }[] }>('/v1/plans', { as: 'tok-lead' });
    const theirs = await call<{ items: { id: string }[] }>('/v1/plans', { as: 'tok-lead-other' });
    const hidden = await call(`/v1/plans/${planIds.main}`, { as: 'tok-lead-other' });
    const agent = await call('/v1/plans', { as: 'tok-agent' });

    expect(mine.body.items.map((p) => p.id)).toEqual([planIds.main]);
    expect(theirs.body.items).toEqual([]);
    expect(hidden.status).toBe(404);
    expect(agent.status).toBe(403);
  });

  it('is checked by the target quarter’s snapshot: baseline, actual and verdict match a hand count', async () => {
    // Prepare: 2026-Q3 from the comment book, two of its billing complaints resolved
    const imported = await call<{ accepted: number }>('/v1/imports', { as: 'channel', raw: Q3_CSV });
    expect(imported.status).toBe(201);
    expect(imported.body.accepted).toBe(6);
    // 2026-Q4, live: two billing complaints and one praise
    for (const text of [
      'I complain: charged twice on my bill again',
      'I complain: the refund for my payment never came',
      'Thank you, the new bills are clear',
    ]) {
      const answer = await call('/v1/feedback', {
        as: 'channel',
        body: { channel: 'web', text, language: 'en' },
      });
      expect(answer.status).toBe(201);
    }
    await settle();
    const byText = await feedbackByReference();
    const billing = [...byText.values()].filter(
      (f) => f.category === 'billing_payment' && f.type === 'complaint',
    );
    expect(billing).toHaveLength(6); // 4 in Q3, 2 in Q4: the hand count
    for (const text of [
      'I complain: you charged my bill twice, terrible',
      'I complain: the payment fee is wrong and nobody helps',
    ]) {
      const id = byText.get(text)?.id;
      const resolved = await call(`/v1/feedback/${id}/actions`, {
        as: 'admin',
        body: { action: 'resolve', resolution: 'Refunded the difference.' },
      });
      expect(resolved.status).toBe(200);
    }
    await settle();

    // Act: the baseline on demand, then the quarterly schedule for 2026-Q4, twice
    const q3 = await call('/v1/snapshots/2026-Q3', { method: 'POST', as: 'tok-analyst' });
    const first = await schedule('quarterly-snapshot', '2027-01-01T01:00:00+08:00');
    const second = await schedule('quarterly-snapshot', '2027-01-01T01:00:00+08:00');
    const plan = await call(`/v1/plans/${planIds.main}`, { as: 'tok-lead' });

    // Assess: 4 billing complaints in Q3, 2 in Q4; goal 4 − 0.3 × 4 = 2.8; met; −50 %
    expect(q3.status).toBe(200);
    expect(q3.body.byCategory.billing_payment).toMatchObject({ complaints: 4, closureRate: 0.5 });
    expect(first.body.result).toMatchObject({
      period: '2026-Q4',
      emailed: true,
      plansEvaluated: 1,
      plansReminded: 1,
    });
    expect(second.body.result).toMatchObject({
      period: '2026-Q4',
      changed: false,
      emailed: false,
      plansEvaluated: 1,
      plansReminded: 0,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      stage: 'check',
      evaluation: {
        period: '2026-Q4',
        baselinePeriod: '2026-Q3',
        baseline: 4,
        actual: 2,
        goal: 2.8,
        met: true,
        change: -0.5,
      },
    });
    expect(plan.body.history.filter((h: { action: string }) => h.action === 'check')).toHaveLength(1);
    expect(plan.body.history.filter((h: { action: string }) => h.action === 're_evaluate')).toHaveLength(0);
    expect(plan.body.trend).toEqual([
      { period: '2026-Q3', value: 4 },
      { period: '2026-Q4', value: 2 },
    ]);

    const mail = await emails();
    const summaries = mail.filter((e) => e.subject.includes('snapshot 2026-Q4'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.body.text).toContain(
      '- Fewer billing complaints: complaints [category: billing_payment] 4 → 2 (-50 %), goal 2.8: met, -0.8 vs goal',
    );
    const reminders = mail.filter((e) => e.destination.to.includes(IDLE_OWNER));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe('Improvement plan not started: Quicker first answers (2026-Q4)');
    expect(mail.filter((e) => e.destination.to.includes(OWNER))).toHaveLength(0);
  });

  it('recomputing the quarter on demand re-evaluates without a duplicate, and records a real change once', async () => {
    // Prepare: a third billing complaint in Q4 changes the actual figure
    const recomputed = await call('/v1/snapshots/2026-Q4', { method: 'POST', as: 'tok-analyst' });
    const unchanged = await call(`/v1/plans/${planIds.main}`, { as: 'tok-lead' });
    await call('/v1/feedback', {
      as: 'channel',
      body: { channel: 'web', text: 'I complain: my bill has a wrong fee', language: 'en' },
    });
    await settle();

    // Act
    const changed = await call('/v1/snapshots/2026-Q4', { method: 'POST', as: 'tok-analyst' });
    const again = await call('/v1/snapshots/2026-Q4', { method: 'POST', as: 'tok-analyst' });
    const plan = await call(`/v1/plans/${planIds.main}`, { as: 'tok-lead' });

    // Assess: 3 complaints > 2.8: missed now, one re_evaluate entry for two recomputes
    expect(recomputed.status).toBe(200);
    expect(unchanged.body.history.filter((h: { action: string }) => h.action === 're_evaluate')).toHaveLength(
      0,
    );
    expect(changed.status).toBe(200);
    expect(again.status).toBe(200);
    expect(plan.body.evaluation).toMatchObject({
      baseline: 4,
      actual: 3,
      goal: 2.8,
      met: false,
      change: -0.25,
    });
    const reEvaluations = plan.body.history.filter((h: { action: string }) => h.action === 're_evaluate');
    expect(reEvaluations).toHaveLength(1);
    expect(reEvaluations[0]).toMatchObject({
      actor: 'system',
      previous: { actual: 2 },
      evaluation: { actual: 3 },
    });
  });

  it('shows the plan on the console’s Plans page: evaluation beside its trend chart; creates and moves a plan', async () => {
    // Prepare
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    await page.getByLabel('Staff token').fill('local-staff-token');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Act: open the plans and the checked plan
    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('link', { name: 'Fewer billing complaints' }).click();
    const evaluation = page.getByTestId('plan-evaluation');
    await evaluation.waitFor();

    // Assess: 4 → 3 against a goal of 2.8, beside the chart of the metric across both snapshots
    expect(await page.getByTestId('plan-stage').textContent()).toBe('Check');
    expect((await evaluation.textContent())?.replace(/\s+/g, ' ')).toBe(
      'Baseline (2026-Q3)4Actual (2026-Q4)3Goal value2.8VerdictGoal missed',
    );
    const chart = page.getByRole('img', { name: /Complaints trend/ });
    expect(await chart.getAttribute('aria-label')).toBe('Complaints trend: 2026-Q3 4, 2026-Q4 3');
    expect(await page.getByRole('button', { name: 'Adopt' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page, 'console-plan')).toEqual([]);
    await screenshot(page, 'console-plan');

    // Act: create a plan with the form, then start it
    await page.getByLabel('Title').fill('Kinder counters');
    await page.getByLabel('Problem found').fill('Staff attitude complaints in 2026-Q3');
    await page.getByLabel('Owner (email)').fill('counter.owner@example.org');
    await page.getByLabel('Metric').selectOption('complaints');
    await page.getByLabel('Scope by').selectOption('category');
    await page.getByLabel('Scope value (category, team or channel id)').fill('staff_attitude');
    await page.getByLabel('Baseline quarter').fill('2026-Q3');
    await page.getByLabel('Target quarter').fill('2027-Q1');
    await page.getByLabel('By (% of the baseline)').fill('50');
    await page.getByLabel('Measures (one per line)').fill('Training\nMystery shopper');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kinder counters' }).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('plan-stage').filter({ hasText: 'Do' }).waitFor();

    // Assess
    const created = await call<{ items: { title: string; stage: string; scope: unknown; goal: unknown }[] }>(
      '/v1/plans',
      {
        as: 'admin',
      },
    );
    expect(created.body.items.find((p) => p.title === 'Kinder counters')).toMatchObject({
      stage: 'do',
      scope: { category: 'staff_attitude' },
      goal: { direction: 'decrease', by: 0.5 },
    });
    expect(await seriousA11yViolations(page, 'console-plans-created')).toEqual([]);
    await context.close();
  });

  it('acts on the result: revise moves the target, close ends it', async () => {
    const revised = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'revise', note: 'A third complaint came in late' },
    });
    const closed = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'close' },
    });
    const reopen = await call(`/v1/plans/${planIds.main}/actions`, {
      as: 'tok-lead',
      body: { action: 'start' },
    });

    expect(revised.body).toMatchObject({
      stage: 'act',
      decision: 'revise',
      targetPeriod: '2027-Q1',
      evaluation: { period: '2026-Q4', actual: 3 },
    });
    expect(closed.body).toMatchObject({ stage: 'closed' });
    expect(reopen.status).toBe(409);
  });

  it('publishes the board without personal data, as JSON and as a page, cached', async () => {
    // Act
    const json = await call('/v1/public/board', { as: 'none' });
    const html = await call('/v1/public/board?lang=zh-TW', { as: 'none', headers: { accept: 'text/html' } });

    // Assess
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=60');
    expect(json.body.plans).toHaveLength(1);
    expect(json.body.plans[0]).toMatchObject({
      title: 'Fewer billing complaints',
      stage: 'closed',
      measures: PLAN.measures,
    });
    expect(json.body.plans[0].evaluation).toEqual({
      period: '2026-Q4',
      baseline: 4,
      actual: 3,
      goal: 2.8,
      met: false,
    });
    expect(json.body.plans[0].evaluation).toEqual({
      period: '2026-Q4',
      baseline: 4,
      actual: 3,
      goal: 2.8,
      met: false,
    });
    expect(json.body.plans[0]).not.toHaveProperty('owner');
    // The board's previous quarter is 2026-Q3 (the stack's clock says 2026-11): 2 of 4 resolved
    expect(json.body.resolved).toEqual({
      period: '2026-Q3',
      available: true,
      byCategory: [
        { category: 'billing_payment', label: 'Billing and payment', complaints: 4, resolved: 2 },
        { category: 'staff_attitude', label: 'Staff attitude', complaints: 1, resolved: 0 },
      ],
    });
    for (const answer of [json.text, html.text]) {
      for (const secret of [
        OWNER,
        IDLE_OWNER,
        CUSTOMER_EMAIL,
        'lead-1',
        'Billing and payment was the top',
        'Quicker first answers',
      ])
        expect(answer).not.toContain(secret);
    }
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('<html lang="zh-TW">');
    expect(html.text).toContain('帳單與支付');
  });

  it('reads well in a real browser in every language, with no serious axe finding', async () => {
    browser ??= await launchBrowser();
    for (const [locale, lang, heading] of [
      ['zh-CN', 'zh-CN', '您说，我们做'],
      ['zh-TW', 'zh-TW', '您說，我們做'],
      ['en-US', 'en', 'You said, we did'],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${base}/v1/public/board`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('heading', { name: 'Fewer billing complaints' }).waitFor();
      expect(await seriousA11yViolations(page, `board-${lang}`)).toEqual([]);
      expect(await page.content()).not.toContain(OWNER);
      await screenshot(page, `board-${lang}`);
      await context.close();
    }
  });
});
