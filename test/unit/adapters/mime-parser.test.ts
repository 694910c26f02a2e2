import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../../shared/adapters/mime-parser.ts';
import { decideInbound, feedbackText, type InboundMessage } from '../../../shared/domain/inbound-email.ts';

const sample = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'events', 'email', `${name}.eml`));

describe('MIME samples through the parser and the inbound rules', () => {
  it('reads a plain message: sender, subject and body, keyed by its Message-ID', async () => {
    // Act
    const message = await parseMime(sample('plain'));
    const decision = decideInbound(message, 'inbound/plain');

    // Assess
    expect(message.messageId).toBe('CAF3x9plain.4471@mail.example.net');
    expect(decision).toEqual({
      ok: true,
      // sha256("message-id:CAF3x9plain.4471@mail.example.net")
      idempotencyKey: 'email-dd20a74a985e2bffdaa7a27637fb1339984b3cdc92f1ab65de1bcf9468d9d1fb',
      input: {
        channel: 'email',
        text: 'Long wait at the passport counter\n\nHello,\n\nI waited 95 minutes at window 3 of the passport office on Monday and\nnobody told us why the queue had stopped. Please put up a notice when\nthe system is down.\n\nRegards,\nLi Wei',
        customer: { email: 'li.wei@example.net', name: 'Li Wei' },
        consent: { contact: true },
        metadata: { messageId: 'CAF3x9plain.4471@mail.example.net', attachments: 0 },
      },
    });
  });

  it('decodes a base64 UTF-8 subject and sender name (=?UTF-8?B?…?=) and a base64 body', async () => {
    const message = await parseMime(sample('chinese-subject'));
    expect(message.subject).toBe('营业厅服务态度很差');
    expect(message.from).toEqual({ address: 'zhang.min@example.cn', name: '张敏' });
    expect(message.text).toBe(
      '我今天在营业厅办理业务，工作人员态度很差，还让我排了两个小时的队。希望你们改进服务。',
    );
  });

  it('converts HTML-only mail to text', async () => {
    const message = await parseMime(sample('html-only'));
    expect(message.contentType).toBe('text/html');
    expect(message.text).toBe(
      'Dear team,\n\nThe online booking page crashed three times when I tried to pay the renewal fee.\nI had to come in person in the end.\n\n * Browser: Firefox\n * Time: around 20:00\n\nThanks, Anna',
    );
  });

  it('decodes quoted-printable bodies and Q-encoded Latin-1 names', async () => {
    const message = await parseMime(sample('quoted-printable'));
    expect(message.subject).toBe('Charged twice at the café');
    expect(message.from).toEqual({ address: 'd.mueller@example.de', name: 'Daniel Müller' });
    expect(message.text).toContain('one coffee — please refund the second payment of €3.20.');
  });

  it('counts attachments and keeps only the text part', async () => {
    const message = await parseMime(sample('with-attachment'));
    expect(message.attachments).toBe(2);
    expect(message.text).toBe(
      'The wheelchair ramp at the north entrance is broken; my mother could not\nget in. Photo and the form I filled in are attached.\n',
    );
  });

  it('skips an auto-reply, a bounce and a message without text, each with its reason', async () => {
    expect(decideInbound(await parseMime(sample('auto-reply')), 'k')).toEqual({
      ok: false,
      reason: 'auto_reply',
      detail: 'Auto-Submitted: auto-replied',
    });
    expect(decideInbound(await parseMime(sample('bounce')), 'k')).toEqual({
      ok: false,
      reason: 'bounce',
      detail: 'Content-Type: multipart/report',
    });
    expect(decideInbound(await parseMime(sample('no-text')), 'k')).toEqual({
      ok: false,
      reason: 'no_text',
      detail: 'the message has no text body (subject or attachments only)',
    });
  });
});

describe('inbound rules', () => {
  const message = (overrides: Partial<InboundMessage>): InboundMessage => ({
    messageId: undefined,
    from: { address: 'Someone@Example.net', name: undefined },
    subject: 'Hello',
    text: 'The lift is broken.',
    headers: new Map(),
    contentType: 'text/plain',
    attachments: 0,
    ...overrides,
  });
  const reasonOf = (m: InboundMessage) => {
    const decision = decideInbound(m, 'inbound/x');
    return decision.ok ? 'stored' : `${decision.reason}: ${decision.detail}`;
  };

  it('tells each auto-reply and bounce sign apart, and keeps ordinary mail', () => {
    expect(reasonOf(message({ headers: new Map([['auto-submitted', 'auto-generated']]) }))).toBe(
      'auto_reply: Auto-Submitted: auto-generated',
    );
    expect(reasonOf(message({ headers: new Map([['auto-submitted', 'no']]) }))).toBe('stored');
    expect(reasonOf(message({ headers: new Map([['x-autoreply', 'yes']]) }))).toBe(
      'auto_reply: x-autoreply header present',
    );
    for (const precedence of ['bulk', 'auto_reply', 'list', 'junk']) {
      expect(reasonOf(message({ headers: new Map([['precedence', precedence]]) }))).toBe(
        `auto_reply: Precedence: ${precedence}`,
      );
    }
    expect(reasonOf(message({ headers: new Map([['precedence', 'first-class']]) }))).toBe('stored');
    expect(reasonOf(message({ from: { address: 'mailer-daemon@mx.example.net', name: undefined } }))).toBe(
      'bounce: From: mailer-daemon@mx.example.net',
    );
    expect(reasonOf(message({ from: { address: 'postmaster@mx.example.net', name: undefined } }))).toBe(
      'bounce: From: postmaster@mx.example.net',
    );
    expect(reasonOf(message({ headers: new Map([['return-path', '']]) }))).toBe(
      'bounce: Return-Path: <> (null sender)',
    );
    expect(reasonOf(message({ from: undefined }))).toBe('no_sender: the message has no From address');
  });

  it('keys a message without Message-ID by its object key, and lower-cases the sender', () => {
    const decision = decideInbound(message({}), 'inbound/abc');
    expect(decision).toMatchObject({
      ok: true,
      // sha256("object:inbound/abc")
      idempotencyKey: 'email-c1d4160d69cf91632ec30fee901ff82cb8761b6cfe2733143cfc07ed4adb7444',
      input: { customer: { email: 'someone@example.net' }, metadata: { attachments: 0 } },
    });
  });

  it('cuts a long message to 5000 characters on a character boundary', () => {
    const text = feedbackText('主题', '很'.repeat(6000));
    expect([...text]).toHaveLength(5000);
    expect(text.endsWith('很…')).toBe(true);
    expect(feedbackText('  ', ' body \r\n')).toBe('body');
  });
});
