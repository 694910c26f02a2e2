import { readFileSync } from 'node:fs';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { api, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

describe('privacy on the local stack', () => {
  it('erases one customer’s personal data across all their feedback and records it', async () => {
    const email = `erase-${Date.now()}@example.com`;
    const first = await submit({
      channel: 'web',
      text: 'My order 77 was late, call 13800001111',
      customer: { id: `erase-id-${Date.now()}`, email, name: 'Zhao Liu' },
      consent: { contact: true },
    });
    const second = await submit({
      channel: 'email',
      text: 'Still no answer about order 77',
      customer: { email, phone: '+86 138 0000 2222' },
      consent: { contact: true },
    });
    const other = await submit({
      channel: 'web',
      text: 'Unrelated',
      customer: { email: `keep-${Date.now()}@example.com` },
    });
    await settleStream();
    const firstRecord = await readFeedback(first.body.id);

    const answer = await api<{ erased: number; feedbackIds: string[] }>('/v1/customers/erasure', {
      as: 'staff',
      body: { customer: { id: firstRecord.customer.id, email }, reason: 'PIPL request 2026-118' },
    });
    const again = await api<{ erased: number }>('/v1/customers/erasure', {
      as: 'staff',
      body: { customer: { email } },
    });

    expect(answer.status).toBe(200);
    expect(answer.body.erased).toBe(2);
    expect(answer.body.feedbackIds.sort()).toEqual([first.body.id, second.body.id].sort());
    expect(again.body.erased).toBe(0);
    for (const id of [first.body.id, second.body.id]) {
      const record = await readFeedback(id);
      expect(record).toMatchObject({ anonymous: true, consent: { contact: false }, text: '[erased]' });
      expect(JSON.stringify(record)).not.toMatch(new RegExp(`${email}|Zhao Liu|13800001111|2222`));
      expect(record.history.at(-1)).toMatchObject({
        action: 'personal_data_erased',
        actor: 'staff:staff@example.com',
        note: 'PIPL request 2026-118',
      });
      expect(record.type).not.toBeNull();
    }
    expect((await readFeedback(other.body.id)).customer.email).toMatch(/^keep-/);
  });

  it('refuses an erasure that names nobody', async () => {
    const answer = await api('/v1/customers/erasure', { as: 'staff', body: { customer: {} } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_error' } });
  });

  it('stores a TTL on every feedback: it expires after recordRetentionDays (default 1825 days)', async () => {
    const created = await submit({ channel: 'web', text: 'Retention check' });
    const client = localDynamoDbClient(inject('localStack').dynamoDbEndpoint);
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        Key: { pk: { S: `FEEDBACK#${created.body.id}` }, sk: { S: 'FEEDBACK' } },
      }),
    );
    client.destroy();
    const expected = Math.floor(Date.parse(created.body.receivedAt) / 1000) + 1825 * 86_400;
    expect(Number(Item?.[FEEDBACK_TABLE.timeToLiveAttribute]?.N)).toBe(expected);
  });

  it('writes no email address, phone number or name to the logs', async () => {
    const marker = `${Date.now()}`;
    const email = `private-${marker}@example.com`;
    const phone = `+86 139 ${marker.slice(-4)} ${marker.slice(-8, -4)}`;
    const created = await submit({
      channel: 'web',
      text: `I complain: call me at ${phone} or ${email}`,
      customer: { email, phone, name: `Private Person ${marker}` },
      consent: { contact: true },
      severity: 'critical',
    });
    await settleStream();
    await api(`/v1/feedback/${created.body.id}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: `Called ${phone}` },
    });
    await api('/v1/feedback', {
      as: 'channel',
      body: { channel: 'web', text: 'x', customer: { email: `${email}x@` } },
    });
    await settleStream();

    const logs = readFileSync(inject('localStack').logFile, 'utf8');
    expect(logs).toContain(created.body.id); // the run was logged
    expect(logs).not.toContain(email);
    expect(logs).not.toContain(phone);
    expect(logs).not.toContain(`${marker.slice(-8, -4)} `);
    expect(logs).not.toContain(`Private Person ${marker}`);
    expect(logs).not.toMatch(/[\w.+-]+@example\.com/);
  });
});
