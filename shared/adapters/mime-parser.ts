import PostalMime, { type Address, type Mailbox } from 'postal-mime';
import type { InboundMessage } from '../domain/inbound-email.ts';

/** As mailparser bounds it: deeper HTML is not converted. */
const MAX_HTML_NESTING_DEPTH = 1000;

/** A `Content-Type: text/plain` header line anywhere in the message: the mail has a text part. */
const TEXT_PLAIN_PART = /^content-type:[ \t]*text\/plain\b/im;

function firstMailbox(from: Address | undefined): InboundMessage['from'] {
  if (!from) return undefined;
  const mailboxes = 'group' in from && from.group ? from.group : [from as Mailbox];
  for (const mailbox of mailboxes) {
    if (mailbox.address) return { address: mailbox.address, name: mailbox.name || undefined };
  }
  return undefined;
}

/**
 * postal-mime keeps the line break before a part's closing boundary in the part's text; RFC 2046
 * §5.1.1 gives that break to the boundary, as mailparser did, so one is dropped.
 */
function multipartText(mimeType: string, text: string): string {
  return mimeType.startsWith('multipart/') ? text.replace(/\r?\n$/, '') : text;
}

/**
 * HTML-only mail becomes text through `html-to-text`, loaded on first use: it and its HTML parser
 * weigh more than the whole MIME parser, and most mail carries a text part.
 */
async function htmlAsText(html: string): Promise<string> {
  const { convert } = await import('html-to-text');
  return convert(html, { limits: { maxDepth: MAX_HTML_NESTING_DEPTH } });
}

/**
 * Parses a raw RFC 5322 message with `postal-mime` (encoded words such as `=?UTF-8?B?…?=`,
 * base64 and quoted-printable bodies, charsets through the platform's `TextDecoder`). HTML-only
 * mail gets the text `html-to-text` makes of its HTML, as mailparser gave it before. Attachments
 * are counted and dropped, never kept.
 */
export async function parseMime(raw: Buffer): Promise<InboundMessage> {
  const mail = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const headers = new Map<string, string>();
  for (const header of mail.headers) {
    if (!headers.has(header.key)) headers.set(header.key, header.value);
  }
  const mimeType = (headers.get('content-type') ?? 'text/plain').split(';')[0]?.trim().toLowerCase();
  const htmlOnly = mail.html !== undefined && !TEXT_PLAIN_PART.test(raw.toString('latin1'));
  return {
    messageId: mail.messageId?.trim().replace(/^<|>$/g, '') || undefined,
    from: firstMailbox(mail.from),
    subject: mail.subject ?? '',
    text:
      htmlOnly && mail.html !== undefined
        ? await htmlAsText(mail.html)
        : multipartText(mimeType ?? '', mail.text ?? ''),
    headers,
    contentType: mimeType || 'text/plain',
    attachments: mail.attachments.length,
  };
}
