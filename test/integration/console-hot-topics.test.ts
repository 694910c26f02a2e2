import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { newFeedbackRecord } from '../../shared/domain/feedback.ts';
import { newFeedbackId } from '../../shared/domain/ids.ts';
import { launchBrowser, screenshot, seriousA11yViolations } from '../helpers/browser.ts';
import {
  api,
  capturedEmails,
  readFeedback,
  settleStream as settleOnce,
  submit,
} from '../helpers/local-api.ts';

type Json = Record<string, any>;
const stack = () => inject('localStack');

const client = DynamoDBDocumentClient.from(localDynamoDbClient(stack().dynamoDbEndpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
const repository = new DynamoDbFeedbackRepository(client, {
  tableName: FEEDBACK_TABLE.logicalName,
  listHorizonMonths: 36,
});

/**
 * A complaint received at an explicit instant, from a customer who agreed to be contacted,
 * stored through the repository so triage and the hot-topic counters run off the real stream.
 */
async function seedComplaint(text: string, receivedAt: string, email: string): Promise<string> {
  const at = new Date(receivedAt);
  const id = newFeedbackId(at);
  const record = newFeedbackRecord(
    { channel: 'web', text, language: 'zh', customer: { email }, consent: { contact: true } },
    id,
    at,
    { integrationId: 'console-hot-topics-test' },
  );
  await repository.create(record, `seed-${id}`);
  return id;
}

/**
 * Waits for the stream to settle; a wave of fifteen records with their emails may take longer
 * than one settle call waits on a busy shared machine, so it asks again (never a timing check).
 */
async function settleStream(): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await settleOnce();
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  client.destroy();
});

/** A signed-in console tab for a token; `now` fixes the browser's clock (the scan's instant). */
async function signedIn(token: string, landmark: string, now?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (now) await page.clock.setFixedTime(new Date(now));
  await page.goto(`${stack().apiUrl}/console/`);
  await page.getByLabel('Staff token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: landmark, exact: true }).waitFor();
  return page;
}

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((text) =>
    text.trim(),
  );

// A real browser on a shared 2-core machine: generous time, never a timing assertion.
describe('hot topics and problems in the console (issue 17)', { timeout: 180_000 }, () => {
  // A quiet month (nine delivery complaints in the 28 days before), then six complaints about one
  // broken queue display (words no other test's wave uses: a topic is reported once per window,
  // so a shared term would make another test's earlier scan look already reported) in the window of a scan at 2034-06-14T06:20Z (14:20 in Shanghai).
  const scanAt = '2034-06-14T06:20:00.000Z';
  const customers = Array.from({ length: 6 }, (_, i) => `hot-wave-${i + 1}@example.net`);
  let reportId = '';
  let wave: string[] = [];

  it('a burst shows as a banner after one scan; one click makes it a problem holding all its feedback; resolving it notifies each customer once', async () => {
    // Prepare: the baseline's volume (nine complaints about deliveries, one every three days)
    const baselineStart = Date.parse('2034-05-16T03:00:00.000Z');
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        seedComplaint(
          `投诉：快递送货太慢了，包裹第${i + 1}次延误`,
          new Date(baselineStart + i * 3 * 86_400_000).toISOString(),
          `hot-baseline-${i + 1}@example.net`,
        ),
      ),
    );
    wave = await Promise.all(
      customers.map((email, i) =>
        seedComplaint(
          `投诉：大堂叫号屏幕黑屏，排队叫号混乱，第${i + 1}位客户`,
          new Date(Date.parse('2034-06-14T02:05:00.000Z') + i * 37 * 60_000).toISOString(),
          email,
        ),
      ),
    );
    await settleStream();
    const scan = await api<{ result: Json }>('/_local/schedules/hot-topic-scan', { body: { now: scanAt } });
    expect(scan.body.result.reported).toHaveLength(1);
    reportId = scan.body.result.reported[0] as string;
    const lead = await signedIn(stack().leadToken, 'Inbox', '2034-06-14T06:30:00.000Z');

    // Act: the dashboard's banner and list
    await lead.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const banner = lead.getByRole('region', { name: 'Active hot topic' });
    await banner.waitFor();
    const bannerText = await banner.textContent();
    const row = lead
      .getByRole('table', { name: 'Hot topics' })
      .getByRole('row')
      .filter({ hasText: '6 feedback' })
      .first();
    await row.waitFor();
    expect(await seriousA11yViolations(lead, 'dashboard with a hot topic')).toEqual([]);
    await screenshot(lead, '20-hot-topic-banner');

    // Act: a click to its feedback, one click to a problem
    await banner.getByRole('link', { name: 'Show its feedback' }).click();
    await lead.getByRole('heading', { name: /^Hot topic: / }).waitFor();
    await lead.getByRole('link', { name: /第6位客户/ }).waitFor();
    const listed = await lead.getByRole('region', { name: '6 feedback' }).getByRole('link').count();
    expect(await seriousA11yViolations(lead, 'hot topic page')).toEqual([]);
    await screenshot(lead, '21-hot-topic');
    await lead.getByLabel('Problem title').fill('Ticket machine at the service hall');
    await lead.getByRole('button', { name: 'Create problem' }).click();
    await lead.getByRole('heading', { name: /^Problem / }).waitFor();
    const problemId =
      (await lead.getByRole('heading', { name: /^Problem / }).textContent())?.replace('Problem ', '') ?? '';
    await lead.getByRole('heading', { name: 'Linked feedback (6)' }).waitFor();
    expect(await seriousA11yViolations(lead, 'problem page with actions')).toEqual([]);

    // Act: analyse, then resolve from the console
    await lead.getByLabel('Why 1').fill('Customers cannot take a queue number');
    await lead.getByLabel('Why 2').fill('The ticket machine rejects every touch');
    await lead.getByLabel('Cause', { exact: true }).fill('The touch panel firmware update failed overnight');
    await lead.getByLabel('Corrective action').fill('Roll back the firmware and monitor updates');
    await lead.getByRole('button', { name: 'Analyse' }).click();
    await lead.getByRole('status').filter({ hasText: 'Saved: Analyse.' }).waitFor();
    const analysedStatus = await lead.getByTestId('problem-status').textContent();
    await lead.getByLabel('Resolution').fill('We rolled back the ticket machine firmware; it works again.');
    await lead.getByRole('button', { name: 'Resolve' }).click();
    await lead.getByRole('status').filter({ hasText: 'Saved: Resolve.' }).waitFor();
    const resolvedStatus = await lead.getByTestId('problem-status').textContent();
    const resolveShown = await lead.getByRole('button', { name: 'Resolve' }).count();
    expect(await seriousA11yViolations(lead, 'resolved problem')).toEqual([]);
    await screenshot(lead, '22-problem-resolved');
    await settleStream();
    const retried = await api<Json>(`/v1/problems/${problemId}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'Again' },
    });
    await settleStream();
    await lead.context().close();

    // Assess
    expect(bannerText).toContain('6 complaints in the window');
    expect(listed).toBe(6);
    const stored = await api<Json>(`/v1/problems/${problemId}`, { as: 'staff' });
    expect(stored.body).toMatchObject({
      status: 'resolved',
      fromHotTopic: reportId,
      linked: 6,
      resolvedFeedback: 6,
      teams: ['service-desk'],
    });
    expect([...stored.body.feedbackIds].sort()).toEqual([...wave].sort());
    expect(stored.body.rootCause.whys).toEqual([
      'Customers cannot take a queue number',
      'The ticket machine rejects every touch',
    ]);
    expect([analysedStatus, resolvedStatus, resolveShown]).toEqual(['Analysed', 'Resolved', 0]);
    expect(retried.status).toBe(409);
    for (const id of wave) {
      const feedback = await readFeedback(id);
      expect(feedback).toMatchObject({ status: 'resolved', problemId });
    }
    const emails = await capturedEmails();
    const notices = customers.map(
      (email) => emails.filter((sent) => sent.destination.to.includes(email)).length,
    );
    expect(notices).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('creates a problem from feedback selected in the inbox', async () => {
    // Prepare
    const texts = [1, 2].map((n) => `Inbox selection test ${n}: the parking barrier at branch 9 is stuck`);
    const created = await Promise.all(
      texts.map((text) => submit({ channel: 'other', text, language: 'en' })),
    );
    await settleStream();
    const lead = await signedIn(stack().leadToken, 'Inbox');

    // Act
    await lead.goto(`${stack().apiUrl}/console/?channel=other`);
    for (const text of texts)
      await lead.getByRole('checkbox', { name: `Select: ${text.slice(0, 60)}` }).check();
    await lead.getByRole('heading', { name: 'Create a problem for the 2 selected feedback' }).waitFor();
    expect(await seriousA11yViolations(lead, 'inbox with a selection')).toEqual([]);
    await screenshot(lead, '23-inbox-selection');
    await lead.getByLabel('Problem title').fill('Parking barrier at branch 9');
    await lead.getByRole('button', { name: 'Create problem' }).click();
    await lead.getByRole('heading', { name: 'Linked feedback (2)' }).waitFor();
    await lead.getByRole('link', { name: 'Problems', exact: true }).click();
    await lead.getByRole('link', { name: 'Parking barrier at branch 9' }).waitFor();
    expect(await seriousA11yViolations(lead, 'problems list')).toEqual([]);
    await screenshot(lead, '24-problems');
    await lead.context().close();

    // Assess
    const [first, second] = await Promise.all(created.map((answer) => readFeedback(answer.body.id)));
    expect(first?.problemId).toBeTruthy();
    expect(second?.problemId).toBe(first?.problemId);
  });

  it('shows an analyst and an agent only what their role may do', async () => {
    // Prepare: the hot topic of the first test is listed for the analyst
    const analyst = await signedIn(stack().analystToken, 'Dashboard', '2034-06-14T06:30:00.000Z');

    // Act: the analyst lands on the dashboard, reads hot topics, cannot open feedback or make problems
    const analystNav = await navLinks(analyst);
    await analyst.getByRole('table', { name: 'Hot topics' }).waitFor();
    const analystHome = new URL(analyst.url()).pathname;
    expect(await seriousA11yViolations(analyst, 'analyst dashboard')).toEqual([]);
    await analyst.goto(`${stack().apiUrl}/console/hot-topics/${encodeURIComponent(reportId)}`);
    await analyst.getByRole('heading', { name: /^Hot topic: / }).waitFor();
    const analystCreate = await analyst.getByRole('button', { name: 'Create problem' }).count();
    const analystFeedbackLinks = await analyst
      .getByRole('region', { name: '6 feedback' })
      .getByRole('link')
      .count();
    const analystIds = await analyst
      .getByRole('region', { name: '6 feedback' })
      .getByRole('listitem')
      .count();
    expect(await seriousA11yViolations(analyst, 'hot topic page as analyst')).toEqual([]);
    await screenshot(analyst, '25-analyst-hot-topic');
    await analyst.context().close();

    // Act: the agent sees the inbox only, and Assign without the team and assignee fields
    const agent = await signedIn(stack().agentToken, 'Inbox');
    const agentNav = await navLinks(agent);
    const linked = wave[0] as string;
    await agent.goto(`${stack().apiUrl}/console/feedback/${linked}`);
    await agent.getByRole('button', { name: 'Assign' }).waitFor();
    const agentTeamField = await agent.getByLabel('Move to team (optional)').count();
    const agentProblemLinks = await agent.getByRole('link', { name: /^[0-9A-Z]{26}$/ }).count();
    expect(await seriousA11yViolations(agent, 'feedback page as agent')).toEqual([]);
    await screenshot(agent, '26-agent-feedback');
    await agent.context().close();

    // Assess
    // Contract §7: an analyst reads snapshots and hot topics, and runs plans and campaigns
    expect(analystNav).toEqual(['Dashboard', 'Plans', 'Campaigns']);
    expect(analystHome).toBe('/console/');
    expect([analystCreate, analystFeedbackLinks, analystIds]).toEqual([0, 0, 6]);
    expect(agentNav).toEqual(['Inbox']);
    expect([agentTeamField, agentProblemLinks]).toEqual([0, 0]);
  });
});
