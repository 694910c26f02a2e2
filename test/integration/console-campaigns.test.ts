import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, seriousA11yViolations } from '../helpers/browser.ts';
import { api, settleStream, submit } from '../helpers/local-api.ts';

const RUN = randomUUID().slice(0, 8);
const label = (en: string) => ({ en, zh: en });
const QUESTIONNAIRE = {
  title: label('Branch visit'),
  questions: [
    {
      id: 'attitude',
      kind: 'likert5',
      label: label('Staff were courteous'),
      dimension: 'attitude',
      required: true,
    },
    { id: 'speed', kind: 'likert5', label: label('We were quick'), dimension: 'speed' },
  ],
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A campaign over one email customer and one phone-only customer of their own service type. */
async function campaign(service: string, phoneDigits: string): Promise<string> {
  await submit({
    channel: 'web',
    text: 'fine',
    serviceType: service,
    customer: { email: `c-${RUN}-${service}@example.com` },
    consent: { contact: true },
  });
  await submit({
    channel: 'phone',
    text: 'fine',
    serviceType: service,
    customer: { phone: `+86139${phoneDigits}` },
    consent: { contact: true },
  });
  await settleStream();
  const created = await api<{ id: string }>('/v1/campaigns', {
    as: 'staff',
    body: {
      questionnaireId: QID,
      audience: { serviceType: service },
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}
let QID = '';

describe('console campaign results page', { timeout: 120_000 }, () => {
  it('charts each dimension against the previous campaign and takes a phone answer from the call list', async () => {
    // Prepare: two campaigns with the same questionnaire; the first answered 5 and 3 by phone… by the API.
    QID = (await api<{ id: string }>('/v1/questionnaires', { as: 'staff', body: QUESTIONNAIRE })).body.id;
    const digits = String(Date.now()).slice(-8);
    const first = await campaign(`console-a-${RUN}`, digits);
    const firstCalls = await api<{ items: { recipientId: string }[] }>(`/v1/campaigns/${first}/calls`, {
      as: 'staff',
    });
    await api(`/v1/campaigns/${first}/calls/${firstCalls.body.items[0]?.recipientId}`, {
      as: 'staff',
      body: { answers: { attitude: 2, speed: 3 } },
    });
    const second = await campaign(
      `console-b-${RUN}`,
      String(Number(digits) + 1)
        .padStart(8, '0')
        .slice(-8),
    );
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${inject('localStack').apiUrl}/console/`);
    await page.getByLabel('Staff token').fill(inject('localStack').staffToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Survey campaigns' }).waitFor();
    await page.goto(`${inject('localStack').apiUrl}/console/campaigns/${second}`);
    await page.getByRole('img', { name: /Average score by dimension/ }).waitFor();
    expect(await seriousA11yViolations(page, 'campaign-results')).toEqual([]);
    expect(await page.getByTestId('campaign-responses').textContent()).toBe('0 (0 %)');

    // Act: enter the phone customer's answers from the call list.
    await page.getByRole('button', { name: 'Enter answers' }).click();
    await page.getByLabel('Staff were courteous').selectOption('4');
    await page.getByLabel('We were quick').selectOption('5');
    await page.getByRole('button', { name: 'Save answers' }).click();

    // Assess: one response of two recipients; this campaign 4 against the previous 2.
    await page.getByText('1 (50 %)').waitFor();
    const rows = await page.locator('table').first().locator('tbody tr').allTextContents();
    expect(rows).toEqual(['attitude42', 'speed53']);
    expect(await seriousA11yViolations(page, 'campaign-results-answered')).toEqual([]);
    await screenshot(page, 'campaign-results');
    const results = await api<{ responsesByChannel: { phone: number } }>(`/v1/campaigns/${second}`, {
      as: 'staff',
    });
    expect(results.body.responsesByChannel.phone).toBe(1);
    await context.close();
  });
});
