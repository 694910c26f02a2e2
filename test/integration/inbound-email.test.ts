import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, countStoredItems, readFeedback, settleStream } from '../helpers/local-api.ts';

type Json = Record<string, any>;
type Received = { messages: Json[] };

const sample = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '..', '..', 'events', 'email', `${name}.eml`));

/** What SES and the S3 notification do when deployed: store the message, invoke inboundEmail. */
function receive(raw: Buffer, key?: string) {
  const query = key ? `?key=${encodeURIComponent(key)}` : '';
  return api<Received>(`/_local/inbound-email${query}`, {
    method: 'POST',
    rawBody: raw,
    headers: { 'content-type': 'message/rfc822' },
  });
}

/** One run per test file: a fresh key, so the object key never repeats across runs of the stack. */
const run = Date.now().toString(36);

describe('inbound email on the local stack', () => {
  it('turns a plain message into email feedback from its sender, with subject and body, once however often the event is retried', async () => {
    // Prepare
    const key = `inbound/${run}-plain`;

    // Act
    const first = await receive(sample('plain'), key);
    const retried = await receive(Buffer.alloc(0), key);
    const secondDelivery = await receive(sample('plain'), `inbound/${run}-plain-again`);
    await settleStream();

    // Assess
    expect(first.status).toBe(200);
    const [message] = first.body.messages;
    expect(message).toMatchObject({ key, outcome: 'created', feedbackId: expect.any(String) });
    expect(retried.body.messages).toEqual([{ key, outcome: 'duplicate', feedbackId: message?.feedbackId }]);
    // The same Message-ID stored under another key is the same message.
    expect(secondDelivery.body.messages[0]).toMatchObject({
      outcome: 'duplicate',
      feedbackId: message?.feedbackId,
    });
    const feedback = await readFeedback(message?.feedbackId);
    expect(feedback.channel).toBe('email');
    expect(feedback.customer).toEqual({ email: 'li.wei@example.net', name: 'Li Wei' });
    expect(feedback.text).toBe(
      'Long wait at the passport counter\n\nHello,\n\nI waited 95 minutes at window 3 of the passport office on Monday and\nnobody told us why the queue had stopped. Please put up a notice when\nthe system is down.\n\nRegards,\nLi Wei',
    );
    // Language detected by triage like any intake without a language.
    expect(feedback.language).toBe('en');
    expect(feedback.status).not.toBe('received');
  });

  it('reads a base64 Chinese subject and body, and detects Chinese', async () => {
    // Act
    const answer = await receive(sample('chinese-subject'));
    await settleStream();

    // Assess
    const feedback = await readFeedback(answer.body.messages[0]?.feedbackId);
    expect(feedback.text).toBe(
      '营业厅服务态度很差\n\n我今天在营业厅办理业务，工作人员态度很差，还让我排了两个小时的队。希望你们改进服务。',
    );
    expect(feedback.customer).toEqual({ email: 'zhang.min@example.cn', name: '张敏' });
    expect(feedback.language).toBe('zh');
  });

  it('converts HTML-only mail to text, decodes quoted-printable, and stores no attachment', async () => {
    // Act
    const html = await receive(sample('html-only'));
    const qp = await receive(sample('quoted-printable'));
    const attached = await receive(sample('with-attachment'));

    // Assess
    const fromHtml = await readFeedback(html.body.messages[0]?.feedbackId);
    expect(fromHtml.text).toBe(
      'Booking page crashed\n\nDear team,\n\nThe online booking page crashed three times when I tried to pay the renewal fee.\nI had to come in person in the end.\n\n * Browser: Firefox\n * Time: around 20:00\n\nThanks, Anna',
    );
    const fromQp = await readFeedback(qp.body.messages[0]?.feedbackId);
    expect(fromQp.text).toBe(
      'Charged twice at the café\n\nGrüße,\n\nthe café counter in the town hall charged me twice for one coffee — please refund the second payment of €3.20. The receipt number is TH-2026-11-27-0042.\n\nDaniel Müller',
    );
    expect(fromQp.customer).toEqual({ email: 'd.mueller@example.de', name: 'Daniel Müller' });
    const withAttachment = await readFeedback(attached.body.messages[0]?.feedbackId);
    expect(withAttachment.text).toBe(
      'Broken ramp at the north entrance\n\nThe wheelchair ramp at the north entrance is broken; my mother could not\nget in. Photo and the form I filled in are attached.',
    );
    expect(withAttachment.metadata).toEqual({ messageId: 'att.20261129.5512@example.com', attachments: 2 });
    expect(JSON.stringify(withAttachment)).not.toMatch(/iVBOR|JVBER|ramp\.png|form\.pdf/);
  });

  it('skips auto-replies, bounces and mail without text with their reasons, and stores nothing', async () => {
    // Prepare
    await settleStream();
    const before = await countStoredItems();

    // Act
    const autoReply = await receive(sample('auto-reply'));
    const bounce = await receive(sample('bounce'));
    const noText = await receive(sample('no-text'));
    await settleStream();

    // Assess
    expect(autoReply.body.messages[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'auto_reply',
      detail: 'Auto-Submitted: auto-replied',
    });
    expect(bounce.body.messages[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'bounce',
      detail: 'Content-Type: multipart/report',
    });
    expect(noText.body.messages[0]).toMatchObject({ outcome: 'skipped', reason: 'no_text' });
    expect(await countStoredItems()).toBe(before);
  });
});
