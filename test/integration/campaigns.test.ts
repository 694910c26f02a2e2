import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, seriousA11yViolations } from '../helpers/browser.ts';
import { api, capturedEmails, countStoredItems, settleStream, submit } from '../helpers/local-api.ts';

// Each run seeds its own customers under a service type of its own, so the audience selects
// exactly them whatever else the shared stack holds.
const RUN = randomUUID().slice(0, 8);
const SERVICE = `campaign-test-${RUN}`;
const email = (name: string) => `${name}-${RUN}@example.com`;

const label = (en: string, zh: string) => ({ en, zh });
const QUESTIONNAIRE = {
  title: { en: 'How was our service?', zh: '服务满意度调查', 'zh-TW': '服務滿意度調查' },
  questions: [
    {
      id: 'attitude',
      kind: 'likert5',
      label: label('Staff were courteous', '工作人员态度友好'),
      dimension: 'attitude',
      required: true,
    },
    { id: 'speed', kind: 'likert5', label: label('We were quick', '办理速度快'), dimension: 'speed' },
    {
      id: 'solved',
      kind: 'likert5',
      label: label('Your problem was solved', '问题得到解决'),
      dimension: 'problem_solving',
    },
    {
      id: 'process',
      kind: 'likert5',
      label: label('The process was clear', '流程清楚'),
      dimension: 'process',
    },
    {
      id: 'place',
      kind: 'likert5',
      label: label('The place was pleasant', '环境舒适'),
      dimension: 'environment',
    },
    { id: 'recommend', kind: 'nps', label: label('Would you recommend us?', '您会推荐我们吗？') },
    {
      id: 'visit',
      kind: 'choice',
      label: label('How did you contact us?', '您通过什么方式联系我们？'),
      options: [
        { id: 'branch', label: label('At a branch', '营业厅') },
        { id: 'online', label: label('Online', '网上') },
      ],
    },
    { id: 'comment', kind: 'text', label: label('Anything else?', '其他意见') },
  ],
};

type Sms = { to: string; body: string; context: Record<string, string> };
const smsTo = async (to: string) =>
  (await api<{ items: Sms[] }>('/_local/sms')).body.items.filter((sms) => sms.to === to);
const linkIn = (text: string) =>
  /\/v1\/s\/([0-9A-Z]{26}\.[0-9A-Z]{26}\.[A-Za-z0-9_-]{32})/.exec(text)?.[1] ?? '';
const dispatch = (now: Date) =>
  api<{ result: { invitations: number; reminders: number; messages: number } }>(
    '/_local/schedules/campaign-dispatch',
    { method: 'POST', body: { now: now.toISOString() } },
  );
const invitationsTo = async (address: string) =>
  (await capturedEmails()).filter((e) => e.destination.to.includes(address));

async function seed(input: Record<string, unknown>) {
  const answer = await submit({ channel: 'web', text: '办事顺利，谢谢。', serviceType: SERVICE, ...input });
  expect(answer.status).toBe(201);
}

describe('questionnaires', () => {
  it.each([
    ['no questions', { title: QUESTIONNAIRE.title, questions: [] }, 'questions'],
    [
      'more than 30',
      {
        title: QUESTIONNAIRE.title,
        questions: Array.from({ length: 31 }, (_, i) => ({
          id: `q${i}`,
          kind: 'likert5',
          label: label('Q', '问'),
        })),
      },
      'questions',
    ],
    [
      'a choice without options',
      { title: QUESTIONNAIRE.title, questions: [{ id: 'c', kind: 'choice', label: label('Q', '问') }] },
      'questions.0.options',
    ],
    [
      'an unknown kind',
      { title: QUESTIONNAIRE.title, questions: [{ id: 'c', kind: 'stars', label: label('Q', '问') }] },
      'questions.0.kind',
    ],
  ])('refuses %s with 400 and stores nothing', async (_name, body, path) => {
    // Prepare
    const before = await countStoredItems();

    // Act
    const answer = await api<{ error: { code: string; issues: { path: string }[] } }>('/v1/questionnaires', {
      as: 'staff',
      body,
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_error');
    expect(answer.body.error.issues.map((i) => i.path)).toContain(path);
    expect(await countStoredItems()).toBe(before);
  });

  it('stores a questionnaire and reads it back', async () => {
    const created = await api<{ id: string }>('/v1/questionnaires', { as: 'staff', body: QUESTIONNAIRE });

    expect(created.status).toBe(201);
    const read = await api<{ questions: { id: string; required: boolean }[] }>(
      `/v1/questionnaires/${created.body.id}`,
      {
        as: 'staff',
      },
    );
    expect(read.status).toBe(200);
    expect(read.body.questions.map((q) => [q.id, q.required])).toEqual([
      ['attitude', true],
      ['speed', false],
      ['solved', false],
      ['process', false],
      ['place', false],
      ['recommend', false],
      ['visit', false],
      ['comment', false],
    ]);
  });
});

describe('a campaign over seeded customers', () => {
  let browser: Browser;
  let questionnaireId: string;
  let campaignId: string;
  // When the first dispatch ran: the reminder is due reminderAfterDays (3) after it.
  let invitedAt = new Date();

  beforeAll(async () => {
    browser = await launchBrowser();
    questionnaireId = (await api<{ id: string }>('/v1/questionnaires', { as: 'staff', body: QUESTIONNAIRE }))
      .body.id;
    // Seven feedback, five customers in the audience, three of whom may be asked:
    await seed({ customer: { email: email('ann') }, consent: { contact: true }, language: 'en' });
    await seed({ customer: { email: email('ann') }, consent: { contact: true }, language: 'en' }); // ann twice
    await seed({ customer: { email: email('bob') }, consent: { contact: false } }); // no consent
    await seed({
      customer: { phone: `+86138${RUN.replace(/\D/g, '1').padEnd(8, '1').slice(0, 8)}` },
      consent: { contact: true },
      language: 'zh',
    });
    await seed({ customer: { id: `dan-${RUN}` }, consent: { contact: true } }); // no email, no phone
    await seed({ customer: { email: email('eve') }, consent: { contact: true }, language: 'zh' });
    await seed({
      customer: { email: email('fay') },
      consent: { contact: true },
      serviceType: `other-${RUN}`,
    }); // other service
    await settleStream();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const phone = () => `+86138${RUN.replace(/\D/g, '1').padEnd(8, '1').slice(0, 8)}`;

  it('selects exactly the distinct consenting customers with an email or a phone', async () => {
    // Act
    const answer = await api<{ id: string; recipients: number }>('/v1/campaigns', {
      as: 'staff',
      body: {
        questionnaireId,
        audience: { serviceType: SERVICE },
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });

    // Assess: ann (once), the phone-only customer, eve.
    expect(answer.status).toBe(201);
    expect(answer.body.recipients).toBe(3);
    campaignId = answer.body.id;
  });

  it('refuses the same audience again within the cooldown (nobody left) and stores nothing', async () => {
    const before = await countStoredItems();

    const again = await api<{ error: { code: string; issues: { path: string }[] } }>('/v1/campaigns', {
      as: 'staff',
      body: {
        questionnaireId,
        audience: { serviceType: SERVICE },
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });

    expect(again.status).toBe(400);
    expect(again.body.error.issues[0]?.path).toBe('audience');
    expect(await countStoredItems()).toBe(before);
  });

  it('invites exactly the consenting ones, email where there is one, else SMS; a retried dispatch sends nothing twice', async () => {
    // Act
    invitedAt = new Date();
    const first = await dispatch(invitedAt);
    const second = await dispatch(invitedAt);

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({ invitations: 3, reminders: 0 });
    expect(second.body.result).toMatchObject({ invitations: 0, reminders: 0 });
    const everyone = ['ann', 'bob', 'dan', 'eve', 'fay'].map(email);
    const invited = (await capturedEmails()).filter((e) =>
      everyone.some((a) => e.destination.to.includes(a)),
    );
    expect(invited.map((e) => e.destination.to).sort()).toEqual([[email('ann')], [email('eve')]]);
    expect((await invitationsTo(email('eve')))[0]?.subject).toBe('服务满意度调查：服务满意度调查');
    const texts = await smsTo(phone());
    expect(texts).toHaveLength(1);
    expect(texts[0]?.body).toMatch(/^诚邀您评价我们的服务：http:\/\/127\.0\.0\.1:\d+\/v1\/s\//);
    const calls = await api<{ items: { phone: string; answeredAt: null }[] }>(
      `/v1/campaigns/${campaignId}/calls`,
      {
        as: 'staff',
      },
    );
    expect(calls.body.items).toEqual([
      expect.objectContaining({
        phone: phone(),
        language: 'zh',
        answeredAt: null,
        invitedAt: expect.any(String),
      }),
    ]);
  });

  it('takes one JSON answer (201), refuses a second (409) and a wrong one (400) storing nothing', async () => {
    // Prepare
    const ann = linkIn((await invitationsTo(email('ann')))[0]?.body.text ?? '');
    const eve = linkIn((await invitationsTo(email('eve')))[0]?.body.text ?? '');
    const before = await countStoredItems();

    // Act
    const wrong = await api<{ error: { issues: { path: string }[] } }>(`/v1/s/${eve}`, {
      body: { answers: { attitude: 6, ghost: 1 } },
    });
    const afterWrong = await countStoredItems();
    const first = await api(`/v1/s/${ann}`, {
      body: {
        answers: { attitude: 5, speed: 4, solved: 5, process: 4, place: 3, recommend: 10, visit: 'branch' },
      },
    });
    const second = await api(`/v1/s/${ann}`, { body: { answers: { attitude: 1 } } });

    // Assess
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues.map((i) => i.path)).toEqual(['answers.attitude', 'answers.ghost']);
    expect(afterWrong).toBe(before);
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
  });

  it('reminds once, and only those who have not answered', async () => {
    // Act: four days on (reminderAfterDays 3), then again a day later.
    const reminded = await dispatch(new Date(invitedAt.getTime() + 4 * 86_400_000));
    const again = await dispatch(new Date(invitedAt.getTime() + 5 * 86_400_000));

    // Assess
    expect(reminded.body.result).toMatchObject({ invitations: 0, reminders: 2 });
    expect(again.body.result).toMatchObject({ invitations: 0, reminders: 0 });
    expect((await invitationsTo(email('ann'))).map((e) => e.subject)).toEqual([
      'A few questions about our service: How was our service?',
    ]);
    expect((await invitationsTo(email('eve'))).map((e) => e.subject)).toEqual([
      '服务满意度调查：服务满意度调查',
      '提醒：服务满意度调查：服务满意度调查',
    ]);
    expect((await smsTo(phone())).map((s) => s.body.split('：')[0])).toEqual([
      '诚邀您评价我们的服务',
      '提醒',
    ]);
  });

  it('takes an answer through the HTML form in a real browser (accessible, in the customer’s language)', async () => {
    // Prepare
    const eve = linkIn((await invitationsTo(email('eve')))[0]?.body.text ?? '');
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${inject('localStack').apiUrl}/v1/s/${eve}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await seriousA11yViolations(page, 'campaign-questionnaire')).toEqual([]);

    // Act
    await page.locator('input[name="attitude"][value="4"]').check();
    await page.locator('input[name="speed"][value="2"]').check();
    await page.locator('input[name="solved"][value="3"]').check();
    await page.locator('input[name="recommend"][value="6"]').check();
    await page.getByLabel('网上').check();
    await page.getByLabel(/其他意见/).fill('排队时间太长');
    await screenshot(page, 'campaign-questionnaire');
    await page.getByRole('button', { name: '提交答案' }).click();

    // Assess
    await page.getByText('谢谢！您的答案已记录。').waitFor();
    expect(await seriousA11yViolations(page, 'campaign-questionnaire-thanks')).toEqual([]);
    await context.close();
  });

  it('records the answers read out on a call as channel phone', async () => {
    const calls = await api<{ items: { recipientId: string }[] }>(`/v1/campaigns/${campaignId}/calls`, {
      as: 'staff',
    });
    const recipientId = calls.body.items[0]?.recipientId ?? '';

    const recorded = await api<{ channel: string }>(`/v1/campaigns/${campaignId}/calls/${recipientId}`, {
      as: 'staff',
      body: { answers: { attitude: 3, speed: 3, process: 5, recommend: 9, visit: 'branch' } },
    });
    const twice = await api(`/v1/campaigns/${campaignId}/calls/${recipientId}`, {
      as: 'staff',
      body: { answers: { attitude: 3 } },
    });

    expect(recorded.status).toBe(201);
    expect(recorded.body.channel).toBe('phone');
    expect(twice.status).toBe(409);
  });

  it('answers results that match a hand count, and a CSV without personal data', async () => {
    // Act
    const results = await api<Record<string, any>>(`/v1/campaigns/${campaignId}`, { as: 'staff' });
    const csv = await api<string>(`/v1/campaigns/${campaignId}/responses.csv`, { as: 'staff' });

    // Assess: ann (JSON) attitude 5, eve (form) 4, the call 3.
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({
      status: 'open',
      recipients: 3,
      invited: 3,
      reminded: 2,
      responses: 3,
      responseRate: 1,
      responsesByChannel: { email: 2, sms: 0, phone: 1 },
      previous: null,
    });
    // attitude 5,4,3: mean 4, s 1, t(2) 4.30265 · 1/√3 = 2.48 → [1.52, 6.48] clipped to 5.
    expect(results.body.dimensions.attitude).toEqual({ average: 4, responses: 3, ci95: [1.52, 5] });
    // speed 4, 2, 3: mean 3, s 1 → [0.52, 5.48] clipped to [1, 5].
    expect(results.body.dimensions.speed).toEqual({ average: 3, responses: 3, ci95: [1, 5] });
    // process: ann 4, the call 5 → mean 4.5, s 0.7071, t(1) 12.706 · 0.5 = 6.35 → [1, 5].
    expect(results.body.dimensions.process).toEqual({ average: 4.5, responses: 2, ci95: [1, 5] });
    // place: ann only → no interval.
    expect(results.body.dimensions.environment).toEqual({ average: 3, responses: 1, ci95: null });
    // recommend 10, 6, 9 → 2 promoters, 1 detractor → 33.3.
    expect(results.body.nps).toEqual({ score: 33.3, responses: 3, promoters: 2, passives: 0, detractors: 1 });
    expect(results.body.questions.visit).toEqual({
      kind: 'choice',
      responses: 3,
      distribution: { branch: 2, online: 1 },
    });
    expect(results.body.questions.comment).toEqual({ kind: 'text', responses: 1 });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toBe(
      'responseId,answeredAt,channel,language,attitude,speed,solved,process,place,recommend,visit,comment',
    );
    expect(rows).toHaveLength(4);
    expect(
      rows
        .map((r) => r.split(',')[2])
        .slice(1)
        .sort(),
    ).toEqual(['email', 'email', 'phone']);
    expect(csv.body).not.toContain(RUN);
    expect(csv.body).not.toContain('+86');
  });
});

describe('a closed campaign', () => {
  it('answers 410 after closesAt, the page included, and 404 for an unknown invitation', async () => {
    // Prepare
    const run = randomUUID().slice(0, 8);
    const questionnaireId = (
      await api<{ id: string }>('/v1/questionnaires', { as: 'staff', body: QUESTIONNAIRE })
    ).body.id;
    const address = `closing-${run}@example.com`;
    await submit({
      channel: 'web',
      text: 'ok',
      serviceType: `closing-${run}`,
      customer: { email: address },
      consent: { contact: true },
    });
    await settleStream();
    const closesAt = new Date(Date.now() + 3000);
    const created = await api<{ id: string }>('/v1/campaigns', {
      as: 'staff',
      body: {
        questionnaireId,
        audience: { serviceType: `closing-${run}` },
        closesAt: closesAt.toISOString(),
      },
    });
    expect(created.status).toBe(201);
    await dispatch(new Date());
    const token = linkIn((await invitationsTo(address))[0]?.body.text ?? '');
    expect(token).not.toBe('');
    // Wait until the campaign has closed (waiting longer is always fine).
    while (Date.now() <= closesAt.getTime() + 200) await new Promise((r) => setTimeout(r, 250));

    // Act
    const post = await api(`/v1/s/${token}`, { body: { answers: { attitude: 5 } } });
    const page = await api<string>(`/v1/s/${token}`);
    const unknown = await api(`/v1/s/${token.slice(0, 54)}${'A'.repeat(32)}`);

    // Assess
    expect(post.status).toBe(410);
    expect(page.status).toBe(410);
    expect(page.body).toContain('This survey has closed.');
    expect(unknown.status).toBe(404);
  });
});
