/** One text message to a customer. */
export interface SmsMessage {
  /** E.164 number, e.g. `+8613800138000`. */
  to: string;
  body: string;
  /** Non-personal context kept with the message (kind, feedback id). */
  context?: Record<string, string>;
}

/** Sends text messages. AWS End User Messaging SMS when deployed; a local capture otherwise. */
export interface SmsSender {
  send(message: SmsMessage): Promise<{ messageId: string }>;
}
