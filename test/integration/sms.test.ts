import { describe, expect, inject, it } from 'vitest';
import { api, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Sms = { to: string; body: string; encoding: string; units: number; context: Record<string, string> };

async function smsFor(feedbackId: string): Promise<Sms[]> {
  const { body } = await api<{ items: Sms[] }>('/_local/sms');
  return body.items.filter((sms) => sms.context.feedbackId === feedbackId);
}

async function resolved(input: Record<string, unknown>, resolution: string): Promise<string> {
  const { body } = await submit({ channel: 'in_person', language: 'zh', ...input });
  await settleStream();
  const answer = await api(`/v1/feedback/${body.id}/actions`, {
    as: 'staff',
    body: { action: 'resolve', resolution },
  });
  expect(answer.status).toBe(200);
  await settleStream();
  return body.id;
}

describe('SMS closure notices on the local stack', () => {
  it('texts a phone-only customer who consented, once, however often the stream record is replayed', async () => {
    // Prepare
    const id = await resolved(
      {
        text: '窗口排队太久了',
        reference: 'SMS-1',
        customer: { phone: '138 0013 8001', name: '王芳' },
        consent: { contact: true },
      },
      '我们已在高峰时段增开了一个窗口。',
    );

    // Act
    const replay = await api<{ replayed: number }>('/_local/stream/replay', {
      method: 'POST',
      body: { ids: [id] },
    });

    // Assess
    expect(replay.status).toBe(200);
    expect(replay.body.replayed).toBeGreaterThanOrEqual(3); // insert, triage, resolve
    const sent = await smsFor(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: '+8613800138001',
      body: '您的反馈（SMS-1）已处理：我们已在高峰时段增开了一个窗口。',
      encoding: 'ucs2',
      context: { kind: 'closure-sms', feedbackId: id },
    });
    const record = await readFeedback(id);
    expect(record.notifications['closure-sms:1']).toMatchObject({ messageId: expect.any(String) });
    // No email goes to a customer without an address.
    const emails = await fetch(`${inject('localStack').sesUrl}/store`).then((r) => r.json());
    expect(JSON.stringify(emails)).not.toContain(id);
  });

  it.each([
    [
      'a customer with an email too (they get the email)',
      { phone: '13800138002', email: 'both@example.com' },
      true,
    ],
    ['a phone that is not E.164 after normalising', { phone: '12345' }, true],
    ['a customer without contact consent', { phone: '13800138003' }, false],
  ])('sends no SMS to %s', async (_name, customer, consent) => {
    // Act
    const id = await resolved(
      { text: '柜台态度不好', customer, consent: { contact: consent } },
      '已与柜台人员沟通。',
    );

    // Assess
    expect(await smsFor(id)).toEqual([]);
    expect((await readFeedback(id)).status).toBe('resolved');
  });
});
