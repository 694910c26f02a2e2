import { describe, expect, it } from 'vitest';
import { api, countStoredItems, settleStream, submit } from '../helpers/local-api.ts';

type Feedback = Record<string, unknown> & { id: string; history: { action: string }[] };

describe('intake → get → list → track on the local stack', () => {
  it('stores a feedback and serves it to staff, in lists and to the customer', async () => {
    // Prepare
    const input = {
      channel: 'web',
      text: '  The counter staff were rude and I waited 40 minutes.  ',
      language: 'en',
      customer: {
        id: 'cust-intake-1',
        email: 'li.wei@example.com',
        name: 'Li Wei',
        phone: '+86 138 0000 0000',
        segment: 'vip',
      },
      consent: { contact: true },
      ratings: { csat: 2, nps: 3, ces: 6 },
      severity: 'high',
      serviceType: 'branch-counter',
      reference: 'ticket-991',
      occurredAt: '2026-11-20T10:00:00+08:00',
      metadata: { branch: 'Shanghai-01', kiosk: 7, repeatVisit: true },
    };

    // Act
    const created = await submit(input);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'received' });
    expect(created.body.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(created.body.trackingUrl).toContain(`/v1/track/${created.body.trackingToken}`);
    expect(created.headers.get('location')).toBe(`/v1/feedback/${created.body.id}`);

    const read = await api<Feedback>(`/v1/feedback/${created.body.id}`, { as: 'staff' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: created.body.id,
      channel: 'web',
      text: 'The counter staff were rude and I waited 40 minutes.',
      language: 'en',
      receivedAt: created.body.receivedAt,
      customer: input.customer,
      consent: { contact: true },
      ratings: input.ratings,
      severity: 'high',
      metadata: input.metadata,
      escalationLevel: 0,
    });
    for (const field of [
      'status',
      'sentiment',
      'type',
      'priority',
      'deadlines',
      'escalationLevel',
      'history',
    ]) {
      expect(read.body).toHaveProperty(field);
    }
    expect(read.body.history[0]).toMatchObject({ action: 'received', actor: 'channel:local' });

    const listed = await api<{ items: Feedback[] }>('/v1/feedback?channel=web&limit=100', { as: 'staff' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toContain(created.body.id);

    const tracked = await api(`/v1/track/${created.body.trackingToken}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ receivedAt: created.body.receivedAt, firstResponseDue: null });
    const publicText = JSON.stringify(tracked.body);
    for (const secret of [
      'li.wei@example.com',
      'Li Wei',
      '138 0000',
      'cust-intake-1',
      'rude',
      'Shanghai-01',
    ]) {
      expect(publicText).not.toContain(secret);
    }
  });

  it('answers 404 for unknown ids and for a tracking token whose secret is wrong', async () => {
    const created = await submit({ channel: 'app', text: 'Where is my refund?' });
    const wrongSecret = `${created.body.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

    expect((await api('/v1/feedback/01AAAAAAAAAAAAAAAAAAAAAAAA', { as: 'staff' })).status).toBe(404);
    const tracked = await api(`/v1/track/${wrongSecret}`);
    expect(tracked.status).toBe(404);
    expect(tracked.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await api('/v1/track/garbage')).status).toBe(404);
  });
});

describe('idempotency', () => {
  it('returns the same id for a retried request and stores nothing new', async () => {
    const key = `retry-${Date.now()}`;
    const body = { channel: 'email', text: 'Please call me back about my order.' };
    const first = await submit(body, { 'Idempotency-Key': key });
    const before = await countStoredItems();

    const again = await submit({ text: body.text, channel: body.channel }, { 'Idempotency-Key': key });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await countStoredItems()).toBe(before);
  });

  it('refuses a reused key with a different body and stores nothing', async () => {
    const key = `reuse-${Date.now()}`;
    await submit({ channel: 'email', text: 'first text' }, { 'Idempotency-Key': key });
    const before = await countStoredItems();

    const reused = await submit({ channel: 'email', text: 'second text' }, { 'Idempotency-Key': key });

    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    expect(await countStoredItems()).toBe(before);
  });

  it('turns many concurrent retries of one request into one item', async () => {
    const key = `burst-${Date.now()}`;
    const before = await countStoredItems();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        submit({ channel: 'app', text: 'double tap' }, { 'Idempotency-Key': key }),
      ),
    );

    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countStoredItems()).toBe(before + 1);
  });
});

describe('anonymous feedback', () => {
  it('keeps no customer identity and no contact consent', async () => {
    const created = await submit({
      channel: 'in_person',
      text: '意见簿：洗手间不干净。',
      anonymous: true,
      customer: {
        email: 'hidden@example.com',
        name: '张三',
        phone: '13800000000',
        id: 'c-9',
        segment: 'vip',
      },
      consent: { contact: true },
    });

    const read = await api<Feedback>(`/v1/feedback/${created.body.id}`, { as: 'staff' });

    expect(read.body).toMatchObject({
      anonymous: true,
      customer: { segment: 'vip' },
      consent: { contact: false },
    });
    expect(JSON.stringify(read.body)).not.toMatch(/hidden@example.com|张三|13800000000|c-9/);
  });
});

describe('listing', () => {
  it('pages newest first with an opaque cursor until every item was seen once', async () => {
    // Prepare: 'social' is used by no other test, so this list is ours alone
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await submit({ channel: 'social', text: `post ${i}` })).body.id);

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `/v1/feedback?channel=social&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api<{ items: Feedback[]; nextCursor?: string }>(query, { as: 'staff' });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    // Assess
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status and combines filters', async () => {
    // Prepare: triaged (settled) so its status is known when the lists are read
    const created = await submit({ channel: 'phone', text: 'Line was busy all day.' });
    await settleStream();

    // Act
    const open = await api<{ items: Feedback[] }>('/v1/feedback?status=open&channel=phone&limit=100', {
      as: 'staff',
    });
    const received = await api<{ items: Feedback[] }>(
      '/v1/feedback?status=received&channel=phone&limit=100',
      { as: 'staff' },
    );
    const unfiltered = await api<{ items: Feedback[] }>('/v1/feedback?limit=100', { as: 'staff' });

    // Assess
    expect(open.body.items.map((i) => i.id)).toContain(created.body.id);
    expect(open.body.items.every((i) => i.status === 'open' && i.channel === 'phone')).toBe(true);
    expect(received.body.items.map((i) => i.id)).not.toContain(created.body.id);
    expect(received.body.items.every((i) => i.status === 'received' && i.channel === 'phone')).toBe(true);
    expect(unfiltered.body.items.map((i) => i.id)).toContain(created.body.id);
  });

  it('filters by priority once triage has set one', async () => {
    const created = await submit({
      channel: 'in_person',
      text: 'The ticket machine ate my card and nobody helped.',
    });
    await settleStream();
    const { body: triaged } = await api<Feedback & { priority: string }>(`/v1/feedback/${created.body.id}`, {
      as: 'staff',
    });

    const listed = await api<{ items: Feedback[] }>(`/v1/feedback?priority=${triaged.priority}&limit=100`, {
      as: 'staff',
    });

    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i) => i.id)).toContain(created.body.id);
    expect(listed.body.items.every((i) => i.priority === triaged.priority)).toBe(true);
  });

  it('refuses a cursor made for another filter', async () => {
    for (let i = 0; i < 2; i += 1) await submit({ channel: 'social', text: `more ${i}` });
    const page = await api<{ nextCursor: string }>('/v1/feedback?channel=social&limit=1', { as: 'staff' });

    const misuse = await api(`/v1/feedback?channel=web&cursor=${encodeURIComponent(page.body.nextCursor)}`, {
      as: 'staff',
    });

    expect(misuse.status).toBe(400);
    expect(misuse.body).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'cursor' }] } });
  });
});
