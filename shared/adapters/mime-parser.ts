import { type AddressObject, type HeaderValue, simpleParser } from 'mailparser';
import type { InboundMessage } from '../domain/inbound-email.ts';

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value && typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value && typeof value.value === 'string') return value.value;
  }
  return String(value ?? '');
}

function firstMailbox(from: AddressObject | AddressObject[] | undefined): InboundMessage['from'] {
  const objects = Array.isArray(from) ? from : from ? [from] : [];
  for (const object of objects) {
    for (const mailbox of object.value) {
      if (mailbox.address) return { address: mailbox.address, name: mailbox.name || undefined };
    }
  }
  return undefined;
}

/**
 * Parses a raw RFC 5322 message with `mailparser` (encoded words such as `=?UTF-8?B?…?=`,
 * base64 and quoted-printable bodies, charsets). HTML-only mail gets the text mailparser
 * converts from its HTML. Attachments are counted and dropped, never kept.
 */
export async function parseMime(raw: Buffer): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const headers = new Map<string, string>();
  for (const [name, value] of mail.headers) {
    if (!headers.has(name.toLowerCase())) headers.set(name.toLowerCase(), headerText(value));
  }
  const contentType = mail.headers.get('content-type');
  const mimeType =
    contentType && typeof contentType === 'object' && 'value' in contentType
      ? String(contentType.value).toLowerCase()
      : 'text/plain';
  return {
    messageId: mail.messageId?.replace(/^<|>$/g, '') || undefined,
    from: firstMailbox(mail.from),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    headers,
    contentType: mimeType,
    attachments: mail.attachments.length,
  };
}
