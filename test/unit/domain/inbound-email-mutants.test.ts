import { describe, expect, it } from 'vitest';
import { decideInbound, feedbackText, type InboundMessage } from '../../../shared/domain/inbound-email.ts';

const message = (overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  messageId: undefined,
  from: { address: 'ann@example.com', name: undefined },
  subject: 'Hi',
  text: 'The counter was closed.',
  headers: new Map(),
  contentType: 'text/plain',
  attachments: 0,
  ...overrides,
});

describe('decideInbound: skips', () => {
  it.each([
    'x-autoreply',
    'x-autorespond',
    'x-autoresponder',
  ])('skips a message with the %s header', (name) => {
    expect(decideInbound(message({ headers: new Map([[name, 'yes']]) }), 'k')).toEqual({
      ok: false,
      reason: 'auto_reply',
      detail: `${name} header present`,
    });
  });

  it.each(['', '<>', '  <>  '])('skips a message with the null Return-Path %j as a bounce', (value) => {
    expect(decideInbound(message({ headers: new Map([['return-path', value]]) }), 'k')).toEqual({
      ok: false,
      reason: 'bounce',
      detail: 'Return-Path: <> (null sender)',
    });
  });

  it('takes a message with a real Return-Path', () => {
    const decision = decideInbound(
      message({ headers: new Map([['return-path', '<ann@example.com>']]) }),
      'k',
    );

    expect(decision.ok).toBe(true);
  });
});

describe('feedbackText', () => {
  it('turns CRLF line ends into LF', () => {
    expect(feedbackText('Subject', 'one\r\ntwo')).toBe('Subject\n\none\ntwo');
  });

  it('keeps a text of exactly 5,000 characters whole', () => {
    // Prepare
    const body = 'x'.repeat(4991);

    // Act
    const text = feedbackText('Subject', body);

    // Assess
    expect(text).toBe(`Subject\n\n${body}`);
    expect([...text]).toHaveLength(5000);
  });

  it('cuts a text of 5,001 characters to 4,999 and an ellipsis', () => {
    const text = feedbackText('', 'y'.repeat(5001));

    expect(text).toBe(`${'y'.repeat(4999)}…`);
  });
});

describe('decideInbound: the feedback body', () => {
  it('trims the sender name and cuts it to 200 characters', () => {
    // Act
    const trimmed = decideInbound(message({ from: { address: 'A@Example.com', name: '  Ann Lee  ' } }), 'k');
    const long = decideInbound(
      message({ from: { address: 'a@example.com', name: `  ${'n'.repeat(250)}` } }),
      'k',
    );
    const blank = decideInbound(message({ from: { address: 'a@example.com', name: '   ' } }), 'k');

    // Assess
    expect(trimmed.ok && trimmed.input.customer).toEqual({ email: 'a@example.com', name: 'Ann Lee' });
    expect(long.ok && long.input.customer).toEqual({ email: 'a@example.com', name: 'n'.repeat(200) });
    expect(blank.ok && blank.input.customer).toEqual({ email: 'a@example.com' });
  });

  it('cuts the Message-ID kept in metadata to 500 characters', () => {
    const decision = decideInbound(message({ messageId: 'm'.repeat(600), attachments: 2 }), 'k');

    expect(decision.ok && decision.input.metadata).toEqual({ messageId: 'm'.repeat(500), attachments: 2 });
  });
});
