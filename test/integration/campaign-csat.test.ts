import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { DynamoDbCampaignRepository } from '../../shared/adapters/dynamodb-campaign-repository.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { pinnedClockStack } from '../setup/pinned-clock-stack.ts';

/**
 * Campaign CSAT in the snapshots (`csat.bySource.campaign`), on a stack of this file's own whose
 * clock starts on a fixed morning in November 2026 and ISO week 2026-W48, so every figure below
 * is counted by hand whenever the suite runs.
 */
const stack = pinnedClockStack('2026-11-24T10:00:00+08:00');
const { call, settle, act, submit } = stack;

const SERVICE = 'survey-me';
const label = (en: string, zh: string) => ({ en, zh });
const QUESTIONNAIRE = {
  title: { en: 'How was our service?', zh: '服务满意度调查' },
  questions: [
    {
      id: 'attitude',
      kind: 'likert5',
      label: label('Staff were courteous', '态度友好'),
      dimension: 'attitude',
    },
    { id: 'speed', kind: 'likert5', label: label('We were quick', '办理速度快'), dimension: 'speed' },
    { id: 'recommend', kind: 'nps', label: label('Would you recommend us?', '您会推荐我们吗？') },
    { id: 'comment', kind: 'text', label: label('Anything else?', '其他意见') },
  ],
};
const CAI_PHONE = '+8613800138001';

interface Snapshot {
  readUnits: number;
  asOf: string;
  computedAt: string;
  csat: { average: number | null; responses: number; bySource: Record<string, unknown> };
  [key: string]: unknown;
}
const figuresOf = ({ asOf: _a, computedAt: _c, readUnits: _r, previous: _p, ...rest }: Snapshot) => rest;
const linkIn = (text: string) =>
  /\/v1\/s\/([0-9A-Z]{26}\.[0-9A-Z]{26}\.[A-Za-z0-9_-]{32})/.exec(text)?.[1] ?? '';

async function invitationTo(address: string): Promise<string> {
  const store = (await (await fetch(`${stack.sesUrl()}/store`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  return linkIn(store.emails.find((e) => e.destination.to.includes(address))?.body.text ?? '');
}

let documents: DynamoDBDocumentClient;
let campaignId = '';
let annLink = '';
let november: Snapshot | undefined;

/** Every item of the table (a test-side scan: what is stored, whatever the routes show). */
async function storedItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
const campaignItem = (
  items: Record<string, unknown>[],
  kind: 'RECIPIENT' | 'RESPONSE',
  where: (i: any) => boolean,
) =>
  items.find(
    (i) => i.pk === `CAMPAIGN#${campaignId}` && String(i.sk).startsWith(`${kind}#`) && where(i),
  ) as any;

beforeAll(() => {
  documents = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint()));
});
afterAll(() => documents?.destroy());

describe('campaign CSAT in the snapshots', () => {
  it('counts each rated response once in its month, week and quarter, apart from follow-up and intake CSAT', async () => {
    // Prepare: a complaint rated 2 at intake, resolved, its follow-up survey answered 4 (not in
    // the campaign's audience: another service type, no contact consent)
    const complaint = await submit({
      channel: 'web',
      text: 'I complain: the counter staff were rude.',
      language: 'en',
      serviceType: 'counter',
      customer: { email: 'zhou@example.com' },
      ratings: { csat: 2 },
    });
    // Four consenting customers of one service: ann, bea and dee by email, cai by phone only
    for (const customer of [
      { email: 'ann@example.com' },
      { email: 'bea@example.com' },
      { phone: CAI_PHONE },
      { email: 'dee@example.com' },
    ])
      await submit({
        channel: 'web',
        text: 'All went smoothly, thank you.',
        language: 'en',
        serviceType: SERVICE,
        customer,
        consent: { contact: true },
      });
    await settle();
    const resolved = await act(complaint, {
      action: 'resolve',
      resolution: 'Apologised and retrained the team.',
    });
    expect(
      (await call(`/v1/survey/${encodeURIComponent(resolved.body.survey.token)}`, { body: { csat: 4 } }))
        .status,
    ).toBe(201);
    const questionnaireId = (
      await call<{ id: string }>('/v1/questionnaires', { as: 'staff', body: QUESTIONNAIRE })
    ).body.id;
    const created = await call<{ id: string; recipients: number }>('/v1/campaigns', {
      as: 'staff',
      body: { questionnaireId, audience: { serviceType: SERVICE }, closesAt: '2026-12-31T16:00:00.000Z' },
    });
    expect(created.body.recipients).toBe(4);
    campaignId = created.body.id;
    expect((await call('/_local/schedules/campaign-dispatch', { method: 'POST' })).status).toBe(200);
    await settle();
    // ann: attitude 5, speed 4 → rating 4.5 (the mean of her likert5 answers)
    annLink = await invitationTo('ann@example.com');
    const ann = await call(`/v1/s/${annLink}`, {
      body: { answers: { attitude: 5, speed: 4, recommend: 10 } },
    });
    // bea: no likert5 answer → no rating, not counted
    const bea = await call(`/v1/s/${await invitationTo('bea@example.com')}`, {
      body: { answers: { recommend: 7, comment: 'Fine, my number is 13800138000.' } },
    });
    // cai, by phone: attitude 4 → 4, counted like any response
    const calls = await call<{ items: { recipientId: string }[] }>(`/v1/campaigns/${campaignId}/calls`, {
      as: 'staff',
    });
    expect(calls.body.items).toHaveLength(1);
    const cai = await call(`/v1/campaigns/${campaignId}/calls/${calls.body.items[0]?.recipientId}`, {
      as: 'staff',
      body: { answers: { attitude: 4 } },
    });
    // dee answered in October: the stack's clock cannot leave November, so her answer is written
    // by the same repository call the answering route makes, with an October answeredAt and the
    // rating the route would give (attitude 1, speed 2 → 1.5)
    const dee = (
      await new DynamoDbCampaignRepository(documents, FEEDBACK_TABLE.logicalName).campaignItems(campaignId)
    ).recipients.find((r) => r.email === 'dee@example.com');
    const written = await new DynamoDbCampaignRepository(
      documents,
      FEEDBACK_TABLE.logicalName,
    ).recordResponse(
      {
        id: '01JB0000000000000000000000',
        campaignId,
        recipientId: dee?.id ?? '',
        answeredAt: '2026-10-20T08:00:00.000Z',
        channel: 'email',
        language: 'en',
        answers: { attitude: 1, speed: 2 },
      },
      1.5,
    );
    expect([ann.status, bea.status, cai.status, written]).toEqual([201, 201, 201, true]);

    // Act
    const month = await call<Snapshot>('/v1/snapshots/2026-11', { method: 'POST', as: 'staff' });
    const again = await call<Snapshot>('/v1/snapshots/2026-11', { method: 'POST', as: 'staff' });
    const october = await call<Snapshot>('/v1/snapshots/2026-10', { method: 'POST', as: 'staff' });
    const week = await call<Snapshot>('/v1/snapshots/2026-W48', { method: 'POST', as: 'staff' });
    const quarter = await call<Snapshot>('/v1/snapshots/2026-Q4', { method: 'POST', as: 'staff' });

    // Assess: November and W48 hold ann 4.5 and cai 4 → 8.5 / 2 = 4.25; October dee's 1.5;
    // the quarter all three, (4.5 + 4 + 1.5) / 3 = 3.33. Follow-up (4) and intake (2) stay apart
    // and csat.average mixes only those two.
    const bySource = (campaign: unknown) => ({
      intake: { average: 2, responses: 1 },
      followUp: { average: 4, responses: 1 },
      campaign,
    });
    expect(month.body.csat).toMatchObject({
      average: 3,
      responses: 2,
      bySource: bySource({ average: 4.25, responses: 2 }),
    });
    expect(week.body.csat).toMatchObject({ bySource: bySource({ average: 4.25, responses: 2 }) });
    expect(october.body.csat).toMatchObject({
      average: null,
      responses: 0,
      bySource: {
        intake: { average: null, responses: 0 },
        followUp: { average: null, responses: 0 },
        campaign: { average: 1.5, responses: 1 },
      },
    });
    expect(quarter.body.csat).toMatchObject({
      average: 3,
      bySource: bySource({ average: 3.33, responses: 3 }),
    });
    // A recompute gives the same figures
    expect(figuresOf(again.body)).toEqual(figuresOf(month.body));
    const csv = await call('/v1/snapshots/2026-11?format=csv', { as: 'staff' });
    expect(csv.text).toContain('csat by source,campaign average,4.25');
    expect(csv.text).toContain('csat by source,campaign responses,2');
    november = month.body;
    console.info(`read units: month 2026-11 with 5 feedback and 2 campaign answers ${month.body.readUnits}`);
  }, 180_000);

  it('erases a customer’s recipient entries and answer text on request; the answers still count', async () => {
    // Act: ann answered by email; bea's comment holds a phone number
    const ann = await call('/v1/customers/erasure', {
      as: 'staff',
      body: { customer: { email: 'ann@example.com' } },
    });
    const bea = await call('/v1/customers/erasure', {
      as: 'staff',
      body: { customer: { email: 'bea@example.com' } },
    });
    const again = await call('/v1/customers/erasure', {
      as: 'staff',
      body: { customer: { email: 'bea@example.com' } },
    });
    const items = await storedItems();
    const page = await call(`/v1/s/${annLink}`);
    const results = await call<Record<string, any>>(`/v1/campaigns/${campaignId}`, { as: 'staff' });
    const month = await call<Snapshot>('/v1/snapshots/2026-11', { method: 'POST', as: 'staff' });

    // Assess
    expect([ann.status, bea.status, again.status]).toEqual([200, 200, 200]);
    const text = JSON.stringify(items);
    expect(text).not.toMatch(/ann@example\.com|bea@example\.com|13800138000/);
    const annEntry = campaignItem(
      items,
      'RECIPIENT',
      (i) => i.responseId && i.erasedAt && i.invitedAt && i.answeredAt,
    );
    expect(annEntry).toMatchObject({ secret: '', language: 'en', contact: 'email' });
    expect(annEntry).not.toHaveProperty('email');
    expect(annEntry).not.toHaveProperty('customerKey');
    const beaAnswer = campaignItem(items, 'RESPONSE', (i) => i.response.answers.recommend === 7);
    expect(beaAnswer.response.answers).toEqual({ recommend: 7, comment: '[erased]' });
    expect(
      items.filter(
        (i) => String(i.pk).startsWith('SURVEYED#email:ann') || String(i.pk).startsWith('SURVEYED#email:bea'),
      ),
    ).toEqual([]);
    // The link no longer opens; the four answers still count, the snapshot is unchanged
    expect(page.status).toBe(404);
    expect(results.body).toMatchObject({ recipients: 4, invited: 4, responses: 4 });
    expect(results.body.dimensions.attitude).toMatchObject({ average: 3.33, responses: 3 });
    expect(figuresOf(month.body)).toEqual(figuresOf(november as Snapshot));
  }, 120_000);

  it('erases every recipient of a campaign past personalDataRetentionDays; the answers still count', async () => {
    // Prepare: the daily run on 2029-12-01 (1,095 days after 2026-12-02, before which the
    // campaign was created) finds cai and dee still holding contact data
    const run = () =>
      call('/_local/schedules/data-retention', { body: { now: '2029-12-01T02:30:00+08:00' } });

    // Act
    const first = await run();
    const second = await run();
    const items = await storedItems();
    const results = await call<Record<string, any>>(`/v1/campaigns/${campaignId}`, { as: 'staff' });
    const calls = await call<{ items: unknown[] }>(`/v1/campaigns/${campaignId}/calls`, { as: 'staff' });
    const quarter = await call<Snapshot>('/v1/snapshots/2026-Q4', { method: 'POST', as: 'staff' });

    // Assess
    expect(first.body.result).toMatchObject({
      cutoff: '2026-12-01T18:30:00.000Z',
      campaignRecipientsErased: 2,
    });
    expect(second.body.result).toMatchObject({ campaignRecipientsErased: 0 });
    // Items keyed by a customer (the cooldown mark, the erasure pointers) are gone by TTL before
    // the run (DynamoDB Local does not expire items on this test's clock); nothing else holds any
    const keyed = items.filter((i) => String(i.pk).startsWith('SURVEYED#'));
    expect(keyed.every((i) => Number(i.expiresAt) * 1000 <= Date.parse('2029-11-30T18:30:00.000Z'))).toBe(
      true,
    );
    const rest = items.filter((i) => !String(i.pk).startsWith('SURVEYED#'));
    expect(
      rest.filter((i) => /(ann|bea|dee|zhou)@example\.com|13800138001|email:|phone:/.test(JSON.stringify(i))),
    ).toEqual([]);
    const recipients = items.filter(
      (i) => i.pk === `CAMPAIGN#${campaignId}` && String(i.sk).startsWith('RECIPIENT#'),
    );
    expect(recipients.map((r) => [r.customerKey, r.email, r.phone, r.secret, typeof r.erasedAt])).toEqual(
      Array.from({ length: 4 }, () => [undefined, undefined, undefined, '', 'string']),
    );
    expect(calls.body.items).toEqual([]);
    expect(results.body).toMatchObject({
      recipients: 4,
      invited: 4,
      responses: 4,
      responsesByChannel: { email: 3, phone: 1 },
    });
    expect(quarter.body.csat.bySource).toMatchObject({ campaign: { average: 3.33, responses: 3 } });
  }, 120_000);
});
