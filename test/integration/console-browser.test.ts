import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, seriousA11yViolations } from '../helpers/browser.ts';
import {
  api,
  capturedEmails,
  countStoredItems,
  readFeedback,
  settleStream,
  submit,
} from '../helpers/local-api.ts';

let browser: Browser;
let page: Page;
const stack = () => inject('localStack');

/** The quarter (e.g. 2026-Q3) an instant falls in, in the stack's default time zone. */
function quarterOf(iso: string): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date(iso))
    .split('-')
    .map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

function previousQuarter(period: string): string {
  const [year, q] = period.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

async function signIn(target: Page): Promise<void> {
  await target.goto(`${stack().apiUrl}/console/`);
  await target.getByLabel('Staff token').fill(stack().staffToken);
  await target.getByRole('button', { name: 'Sign in' }).click();
  await target.getByRole('link', { name: 'Inbox' }).waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

// A real browser on a shared 2-core machine: generous time, never a timing assertion.
describe('staff console in a real browser', { timeout: 120_000 }, () => {
  it('signs in with the local token, finds new feedback in the inbox, acknowledges and resolves it', async () => {
    // Prepare
    const text = `Browser test: the self-service kiosk at branch 7 swallowed my card ${Date.now()}`;
    const created = await submit({
      channel: 'in_person',
      text,
      language: 'en',
      customer: { name: 'Chen Jie', email: 'chen.jie@example.net' },
      consent: { contact: true },
    });
    await settleStream();

    // Act: sign in
    await page.goto(`${stack().apiUrl}/console/`);
    await page.getByLabel('Staff token').waitFor();
    expect(await seriousA11yViolations(page, 'sign-in')).toEqual([]);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Staff token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await signIn(page);

    // Act: find it in the inbox (open work, soonest deadline first)
    const link = page.getByRole('link', { name: text.slice(0, 60) });
    await link.waitFor();
    expect(await seriousA11yViolations(page, 'inbox')).toEqual([]);
    await screenshot(page, '02-inbox');
    await link.click();
    await page.getByRole('heading', { name: `Feedback ${created.body.id}` }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('Open');
    await expect(page.getByLabel('Resolution').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    expect(await seriousA11yViolations(page, 'feedback page')).toEqual([]);
    await screenshot(page, '03-feedback');

    // Act: acknowledge, then resolve
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: Acknowledged.' }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('Acknowledged');
    await page.getByLabel('Resolution').fill('We returned the card and fixed the reader.');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: Resolved.' }).waitFor();

    // Assess
    expect(await page.getByTestId('status').textContent()).toBe('Resolved');
    expect(await page.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    const stored = await readFeedback(created.body.id);
    expect(stored.status).toBe('resolved');
    expect(stored.history.map((entry: { action: string }) => entry.action)).toEqual([
      'received',
      'triaged',
      'acknowledge',
      'resolve',
    ]);
    expect(stored.history.at(-1).actor).toBe('staff:staff@example.com');
    await screenshot(page, '04-resolved');
  });

  it('explains a concurrent change (409), reloads the record and overwrites nothing', async () => {
    // Prepare
    const created = await submit({
      channel: 'web',
      text: 'Concurrent edit test: app logs me out',
      language: 'en',
    });
    await settleStream();
    await page.goto(`${stack().apiUrl}/console/feedback/${created.body.id}`);
    await page.getByRole('button', { name: 'Acknowledge' }).waitFor();
    const before = await readFeedback(created.body.id);
    await api(`/v1/feedback/${created.body.id}/actions`, {
      as: 'staff',
      body: { action: 'acknowledge', version: before.version },
    });

    // Act
    await page.getByRole('button', { name: 'Wait for customer' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();

    // Assess
    expect(await alert.textContent()).toContain('Someone else changed this feedback');
    expect(await page.getByTestId('status').textContent()).toBe('Acknowledged');
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect((await readFeedback(created.body.id)).status).toBe('acknowledged');
  });

  it('draws every dashboard chart from real snapshots and drills down to the feedback behind a bar', async () => {
    // Prepare: a billing complaint, then snapshots of its quarter and the one before
    const complaint = await submit({
      channel: 'phone',
      text: 'You charged my card twice for the same bill, I want a refund, this is unacceptable.',
      language: 'en',
    });
    await settleStream();
    const record = await readFeedback(complaint.body.id);
    const period = quarterOf(record.receivedAt);
    for (const quarter of [previousQuarter(period), period]) {
      const computed = await api(`/v1/snapshots/${quarter}`, { as: 'staff', method: 'POST' });
      expect(computed.status).toBe(200);
    }

    // Act
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: `Latest quarter: ${period}`, exact: false }).waitFor();
    const names = ['CSAT', 'NPS', 'Complaint rate', 'SLA compliance', 'Closure rate', 'Pareto'];
    const drawn: Record<string, boolean> = {};
    for (const name of names) {
      const chart = page.getByRole('img', { name: new RegExp(name) }).first();
      await chart.waitFor();
      drawn[name] = await chart.evaluate((canvas) => {
        // Runs in the page: the element is the chart's <canvas>.
        const element = canvas as unknown as {
          width: number;
          height: number;
          getContext(
            kind: '2d',
          ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
        };
        const context = element.getContext('2d');
        if (!context || element.width === 0) return false;
        const pixels = context.getImageData(0, 0, element.width, element.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
      });
    }
    expect(await seriousA11yViolations(page, 'dashboard')).toEqual([]);
    await screenshot(page, '05-dashboard');
    await page.getByRole('link', { name: /billing_payment: \d+/ }).click();
    await page
      .getByRole('link', { name: complaint.body.id ? /charged my card twice/ : /x/ })
      .first()
      .waitFor();

    // Assess
    expect(drawn).toEqual(Object.fromEntries(names.map((name) => [name, true])));
    const url = new URL(page.url());
    expect(url.pathname).toBe('/console/');
    expect(url.searchParams.get('category')).toBe('billing_payment');
    expect(url.searchParams.get('type')).toBe('complaint');
    await screenshot(page, '06-drill-down');
  });

  it('lets an agent take a feedback with Assign and find it under "Assigned to me"; the dashboard has a per-team table', async () => {
    // Prepare
    const text = `Assignment test: the queue ticket printer at branch 3 is empty ${Date.now()}`;
    const created = await submit({ channel: 'in_person', text, language: 'en' });
    await settleStream();
    const period = quarterOf((await readFeedback(created.body.id)).receivedAt);
    const agentContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const agent = await agentContext.newPage();
    await agent.goto(`${stack().apiUrl}/console/`);
    await agent.getByLabel('Staff token').fill(stack().agentToken);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('link', { name: 'Inbox', exact: true }).waitFor();

    // Act: take it with Assign (no fields filled: assign to me)
    await agent.goto(`${stack().apiUrl}/console/feedback/${created.body.id}`);
    await agent.getByRole('button', { name: 'Assign' }).waitFor();
    const unassigned = await agent.getByTestId('assignee').textContent();
    expect(await seriousA11yViolations(agent, 'feedback page with assignment')).toEqual([]);
    await agent.getByRole('button', { name: 'Assign' }).click();
    await agent.getByRole('status').filter({ hasText: 'Saved: service-desk · agent@example.com.' }).waitFor();

    // Act: the inbox filtered to "Assigned to me"
    await agent.getByRole('link', { name: 'Inbox', exact: true }).click();
    await agent.getByLabel('Assignee').selectOption('me');
    await agent.getByRole('button', { name: 'Apply filters' }).click();
    await agent.getByRole('link', { name: text.slice(0, 60) }).waitFor();
    const inboxUrl = new URL(agent.url());
    expect(await seriousA11yViolations(agent, 'inbox assigned to me')).toEqual([]);
    await screenshot(agent, '06a-assigned-to-me');
    await agentContext.close();

    // Act: the dashboard's per-team table (as the admin) and its drill-down to the team's feedback
    expect((await api(`/v1/snapshots/${period}`, { as: 'staff', method: 'POST' })).status).toBe(200);
    await page.goto(`${stack().apiUrl}/console/dashboard`);
    const table = page.getByRole('table', { name: `By team, ${period}` });
    await table.waitFor();
    expect(await seriousA11yViolations(page, 'dashboard with teams')).toEqual([]);
    await screenshot(page, '06b-by-team');
    await table.getByRole('link', { name: 'service-desk' }).click();
    await page.getByRole('link', { name: text.slice(0, 60) }).waitFor();
    // What the assignment and the recompute set off settles before the next test counts items.
    await settleStream();

    // Assess
    expect(unassigned).toBe('Unassigned');
    const stored = await readFeedback(created.body.id);
    expect(stored).toMatchObject({ team: 'service-desk', assignee: 'agent@example.com' });
    expect(stored.history.at(-1)).toMatchObject({ action: 'assign', actor: 'staff:agent@example.com' });
    expect(inboxUrl.searchParams.get('assignee')).toBe('me');
    expect(new URL(page.url()).searchParams.get('team')).toBe('service-desk');
  });

  it('shows the problem a feedback is linked to, and the problem page lists its feedback and root cause', async () => {
    // Prepare: a problem (contract §10) with one complaint linked and its root cause analysed
    const created = await submit({
      channel: 'web',
      text: 'Problem test: the app crashes every time I open my bill',
      language: 'en',
    });
    await settleStream();
    const problem = await api<{ id: string }>('/v1/problems', {
      as: 'staff',
      body: { title: 'App crashes on the bill screen', feedbackIds: [created.body.id] },
    });
    expect(problem.status).toBe(201);
    const analysed = await api(`/v1/problems/${problem.body.id}/actions`, {
      as: 'staff',
      body: {
        action: 'analyse',
        rootCause: {
          whys: ['The bill screen crashes', 'A null total is not handled'],
          cause: 'Release 4.2 dropped the null check',
          correctiveAction: 'Restore the check and add a test',
        },
      },
    });
    expect(analysed.status).toBe(200);

    // Act
    await page.goto(`${stack().apiUrl}/console/feedback/${created.body.id}`);
    await page.getByRole('link', { name: problem.body.id }).click();
    await page.getByRole('heading', { name: `Problem ${problem.body.id}` }).waitFor();
    expect(await seriousA11yViolations(page, 'problem page')).toEqual([]);
    await screenshot(page, '06c-problem');

    // Assess
    expect(await page.getByTestId('problem-status').textContent()).toBe('Analysed');
    expect(await page.getByText('Release 4.2 dropped the null check').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Linked feedback (1)' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: `Feedback ${created.body.id}` }).click();
    await page.getByRole('heading', { name: `Feedback ${created.body.id}` }).waitFor();
  });
});

describe('customer pages in a real browser', { timeout: 120_000 }, () => {
  it('submits the public form once, thanks with a tracking link that opens a readable page', async () => {
    // Prepare
    const customer = await browser.newContext({ locale: 'zh-CN' });
    const tab = await customer.newPage();
    const before = await countStoredItems();

    // Act
    await tab.goto(`${stack().apiUrl}/v1/forms/feedback`);
    expect(await tab.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await seriousA11yViolations(tab, 'public form')).toEqual([]);
    await screenshot(tab, '07-public-form');
    await tab.getByLabel('您的反馈').fill('营业厅的空调坏了，夏天太热了。');
    await tab.getByRole('radio', { name: '2' }).check();
    await tab.getByLabel('电子邮箱（选填）').fill('reader@example.org');
    await tab.getByLabel('同意通过电子邮件就此反馈联系我').check();
    await tab.getByRole('button', { name: '提交反馈' }).click();
    await tab.getByRole('status').waitFor();
    await screenshot(tab, '08-form-thanks');
    const after = await countStoredItems();
    await tab.getByRole('link', { name: '查看反馈进度' }).click();
    await tab.getByRole('heading', { name: '您的反馈' }).waitFor();

    // Assess
    expect(after).toBe(before + 1);
    expect(await tab.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await tab.locator('.status').textContent()).toMatch(/已收到|处理中/);
    expect(await seriousA11yViolations(tab, 'tracking page')).toEqual([]);
    await screenshot(tab, '09-tracking');
    await customer.close();
  });

  it('shows the error for bad form input and stores nothing', async () => {
    // Prepare
    const tab = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const before = await countStoredItems();

    // Act
    await tab.goto(`${stack().apiUrl}/v1/forms/feedback`);
    await tab.getByLabel('Your feedback').fill('     ');
    await tab.getByRole('button', { name: 'Send feedback' }).click();
    const alert = tab.getByRole('alert');
    await alert.waitFor();

    // Assess
    expect(await alert.textContent()).toContain('Please write your feedback (1 to 5000 characters).');
    expect(await countStoredItems()).toBe(before);
    expect(await seriousA11yViolations(tab, 'public form with an error')).toEqual([]);
    await screenshot(tab, '10-form-error');
    await tab.context().close();
  });

  it('opens the survey from the closure email as an accessible page', async () => {
    // Prepare: the feedback resolved in the console test sent a closure notice
    await settleStream();
    const [notice] = (await capturedEmails()).filter((email) =>
      email.destination.to.includes('chen.jie@example.net'),
    );
    const surveyUrl = /https?:\/\/[^\s"<]+\/v1\/survey\/[^\s"<]+/.exec(notice?.body.text ?? '')?.[0];
    expect(surveyUrl).toBeDefined();
    const tab = await (await browser.newContext({ locale: 'en-US' })).newPage();

    // Act
    await tab.goto(surveyUrl ?? '');

    // Assess
    await tab.getByRole('button', { name: 'Send my answer' }).waitFor();
    expect(await seriousA11yViolations(tab, 'survey page')).toEqual([]);
    await screenshot(tab, '11-survey');
    await tab.context().close();
  });
});
