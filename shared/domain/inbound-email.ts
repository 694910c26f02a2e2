import { createHash } from 'node:crypto';
import { MAX_TEXT_CHARACTERS } from '../schemas/feedback-input.ts';

/**
 * A received email as the intake needs it, whatever parsed it: the MIME adapter
 * (shared/adapters/mime-parser.ts) fills this in, the rules below decide what it becomes.
 */
export interface InboundMessage {
  /** `Message-ID` without its angle brackets, when the message has one. */
  messageId: string | undefined;
  /** The first `From` mailbox. */
  from: { address: string; name: string | undefined } | undefined;
  subject: string;
  /** The plain-text body; for HTML-only mail, the text converted from its HTML. */
  text: string;
  /** Header names in lower case → the header's first value as text. */
  headers: ReadonlyMap<string, string>;
  /** The top-level MIME type in lower case, e.g. `text/plain`, `multipart/report`. */
  contentType: string;
  /** Attachments the message carried (counted, never stored). */
  attachments: number;
}

/** Why a received message is not stored as feedback. */
export type SkipReason =
  | 'auto_reply'
  | 'bounce'
  | 'no_sender'
  | 'no_text'
  | 'invalid'
  | 'duplicate_message_id';

/** Messages a mail system answered on its own (RFC 3834 and the common vendor headers). */
export function autoReplyReason(message: InboundMessage): string | undefined {
  const header = (name: string) => message.headers.get(name)?.trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (message.headers.has(name)) return `${name} header present`;
  }
  const precedence = header('precedence');
  if (precedence && ['bulk', 'auto_reply', 'list', 'junk'].includes(precedence))
    return `Precedence: ${precedence}`;
  return undefined;
}

const DAEMON_SENDER = /^(mailer-daemon|postmaster)@/i;

/** Delivery reports: a report MIME type, a mailer daemon as sender, or the null return path. */
export function bounceReason(message: InboundMessage): string | undefined {
  if (message.contentType === 'multipart/report') return 'Content-Type: multipart/report';
  if (message.from && DAEMON_SENDER.test(message.from.address)) return `From: ${message.from.address}`;
  const returnPath = message.headers.get('return-path');
  if (returnPath !== undefined && ['', '<>'].includes(returnPath.trim()))
    return 'Return-Path: <> (null sender)';
  return undefined;
}

/** What a message becomes: the body of a feedback, or the reason it is skipped. */
export type InboundDecision =
  | {
      ok: true;
      /** A `POST /v1/feedback` body, validated by the caller with the API's own schema. */
      input: Record<string, unknown>;
      /** Printable key the feedback id is derived from: the same message never lands twice. */
      idempotencyKey: string;
    }
  | { ok: false; reason: SkipReason; detail: string };

const TRUNCATED = '…';

/** Subject and body as one text, cut to the API's limit on a character boundary. */
export function feedbackText(subject: string, body: string): string {
  const parts = [subject.trim(), body.replace(/\r\n/g, '\n').trim()].filter(Boolean);
  const text = parts.join('\n\n');
  const characters = [...text];
  if (characters.length <= MAX_TEXT_CHARACTERS) return text;
  return `${characters.slice(0, MAX_TEXT_CHARACTERS - 1).join('')}${TRUNCATED}`;
}

/**
 * Decides what a received message becomes. Auto-replies and bounces are skipped (answering them
 * would loop); a message without a sender or without body text is skipped with its reason. The
 * idempotency key is the Message-ID (the same message delivered twice lands once) or, lacking
 * one, the stored object's key (a retried S3 event lands once).
 */
export function decideInbound(message: InboundMessage, objectKey: string): InboundDecision {
  const bounce = bounceReason(message);
  if (bounce) return { ok: false, reason: 'bounce', detail: bounce };
  const autoReply = autoReplyReason(message);
  if (autoReply) return { ok: false, reason: 'auto_reply', detail: autoReply };
  if (!message.from?.address)
    return { ok: false, reason: 'no_sender', detail: 'the message has no From address' };
  if (!message.text.trim())
    return {
      ok: false,
      reason: 'no_text',
      detail: 'the message has no text body (subject or attachments only)',
    };
  const source = message.messageId ? `message-id:${message.messageId}` : `object:${objectKey}`;
  const name = message.from.name?.trim();
  return {
    ok: true,
    idempotencyKey: `email-${createHash('sha256').update(source).digest('hex')}`,
    input: {
      channel: 'email',
      text: feedbackText(message.subject, message.text),
      customer: {
        email: message.from.address.toLowerCase(),
        ...(name ? { name: [...name].slice(0, 200).join('') } : {}),
      },
      // Writing to the service's address asks for an answer: the reply is the contact consented to.
      consent: { contact: true },
      metadata: {
        ...(message.messageId ? { messageId: [...message.messageId].slice(0, 500).join('') } : {}),
        attachments: message.attachments,
      },
    },
  };
}
