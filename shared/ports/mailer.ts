/** One email, rendered: both parts are always present. */
export interface EmailMessage {
  to: readonly string[];
  subject: string;
  html: string;
  text: string;
  /** Kind of email and feedback id, for SES event tagging. */
  tags?: Record<string, string>;
}

/** Sends email; the SES v2 adapter is the production implementation. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
