import { describe, expect, it } from 'vitest';
import { api, countStoredItems, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FORM = 'application/x-www-form-urlencoded';

function postForm(formId: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return api<string>(`/v1/forms/${formId}`, {
    method: 'POST',
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': FORM, accept: BROWSER_ACCEPT, ...headers },
  });
}

describe('tracking page', () => {
  it('answers HTML in the feedback language to a browser and JSON otherwise', async () => {
    // Prepare
    const { body: created } = await submit({
      channel: 'web',
      text: '柜台排队太久了，希望增加窗口。',
      language: 'zh-CN',
      customer: { name: 'Wang Fang', email: 'wang.fang@example.net' },
    });
    await settleStream();
    await api(`/v1/feedback/${created.id}/actions`, {
      as: 'staff',
      body: { action: 'note', note: 'internal: call branch 12' },
    });

    // Act
    const page = await api<string>(`/v1/track/${created.trackingToken}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    const json = await api(`/v1/track/${created.trackingToken}`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('处理中');
    expect(page.body).not.toContain('Wang Fang');
    expect(page.body).not.toContain('wang.fang@example.net');
    expect(page.body).not.toContain('internal: call branch 12');
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.body.status).toBe('open');
  });
});

describe('public feedback forms', () => {
  it('serves the default form with labelled fields in the browser language', async () => {
    const page = await api<string>('/v1/forms/feedback', {
      headers: { accept: BROWSER_ACCEPT, 'accept-language': 'zh-TW,zh;q=0.8' },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="zh-TW">');
    for (const name of ['text', 'csat', 'email', 'consent', 'anonymous'])
      expect(page.body).toContain(`name="${name}"`);
  });

  it('stores one feedback from a form post, with the form channel, and thanks with the tracking link', async () => {
    // Prepare
    const before = await countStoredItems();

    // Act
    const answer = await postForm('feedback', {
      text: 'The new opening hours are great.',
      csat: '5',
      email: 'reader@example.org',
      consent: 'true',
      nonce: 'nonce-one-0001',
      website: '',
    });
    const again = await postForm('feedback', {
      text: 'The new opening hours are great.',
      csat: '5',
      email: 'reader@example.org',
      consent: 'true',
      nonce: 'nonce-one-0001',
      website: '',
    });

    // Assess
    expect(answer.status).toBe(201);
    expect(again.status).toBe(201);
    const link = /href="([^"]+\/v1\/track\/[^"]+)"/.exec(answer.body)?.[1] ?? '';
    expect(link).toMatch(/\/v1\/track\//);
    expect(await countStoredItems()).toBe(before + 1);
    const token = link.slice(link.lastIndexOf('/') + 1);
    const tracked = await api(`/v1/track/${token}`);
    expect(tracked.status).toBe(200);
  });

  it('accepts JSON with the same names and answers the ids', async () => {
    const answer = await api<{ id: string; trackingToken: string }>('/v1/forms/feedback', {
      body: { text: 'Please add a bike rack.', anonymous: true, email: 'x@example.org', consent: true },
    });
    expect(answer.status).toBe(201);
    await settleStream();
    const record = await readFeedback(answer.body.id);
    expect(record.channel).toBe('web');
    expect(record.customer?.email).toBeUndefined();
    expect(record.ratings?.csat).toBeUndefined();
  });

  it('refuses bad input with the page again (or the error body) and stores nothing', async () => {
    // Prepare
    const before = await countStoredItems();

    // Act
    const empty = await postForm('feedback', { text: '   ', csat: '9', email: 'not-an-email' });
    const oversized = await postForm('feedback', { text: 'x'.repeat(70 * 1024) });
    const tooLong = await postForm('feedback', { text: 'y'.repeat(5001) });
    const hostile = await postForm('feedback', { text: '', email: '<script>alert(1)</script>' });
    const wrongType = await api('/v1/forms/feedback', {
      method: 'POST',
      rawBody: 'text=hello',
      headers: { 'content-type': 'text/plain' },
    });
    const badJson = await api('/v1/forms/feedback', { body: { text: '', extra: 1 } });
    const unknown = await api('/v1/forms/no-such-form', { headers: { accept: BROWSER_ACCEPT } });
    const honeypot = await postForm('feedback', {
      text: 'Buy cheap watches',
      website: 'http://spam.example',
    });

    // Assess
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('role="alert"');
    expect(empty.body).toContain('Please write your feedback (1 to 5000 characters).');
    expect(empty.body).toContain('Choose a rating from 1 to 5, or none.');
    expect(empty.body).toContain('Enter a valid email address, or leave it empty.');
    expect(oversized.status).toBe(413);
    expect(tooLong.status).toBe(400);
    expect(hostile.status).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    expect(hostile.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(wrongType.status).toBe(415);
    expect(badJson.status).toBe(400);
    expect((badJson.body as { error: { code: string } }).error.code).toBe('validation_error');
    expect(unknown.status).toBe(404);
    expect(honeypot.status).toBe(201);
    expect(honeypot.body).not.toContain('/v1/track/');
    expect(await countStoredItems()).toBe(before);
  });
});
