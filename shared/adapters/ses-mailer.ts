import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from '../ports/mailer.ts';

export interface SesMailerOptions {
  from: string;
  /** SES configuration set (event publishing, suppression); omitted when not configured. */
  configurationSetName?: string | undefined;
}

const TAG_VALUE = /[^A-Za-z0-9_.-]/g;

/** {@link Mailer} on SES v2 `SendEmail`, with HTML and text parts and message tags. */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #options: SesMailerOptions;

  constructor(client: SESv2Client, options: SesMailerOptions) {
    this.#client = client;
    this.#options = options;
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const answer = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: this.#options.from,
        Destination: { ToAddresses: [...message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: message.html, Charset: 'UTF-8' },
              Text: { Data: message.text, Charset: 'UTF-8' },
            },
          },
        },
        ...(this.#options.configurationSetName
          ? { ConfigurationSetName: this.#options.configurationSetName }
          : {}),
        EmailTags: Object.entries(message.tags ?? {}).map(([Name, Value]) => ({
          Name,
          Value: Value.replace(TAG_VALUE, '_'),
        })),
      }),
    );
    return { messageId: answer.MessageId ?? '' };
  }
}
