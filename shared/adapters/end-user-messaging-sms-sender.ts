import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SmsMessage, SmsSender } from '../ports/sms-sender.ts';

export interface EndUserMessagingSmsOptions {
  /** Phone number, sender id, pool id or their ARN registered for the destination countries. */
  originationIdentity?: string | undefined;
  configurationSetName?: string | undefined;
}

/**
 * {@link SmsSender} on AWS End User Messaging SMS (`pinpoint-sms-voice-v2` SendTextMessage),
 * as transactional messages. Locally the same calls reach the stack's capture route.
 */
export class EndUserMessagingSmsSender implements SmsSender {
  readonly #client: PinpointSMSVoiceV2Client;
  readonly #options: EndUserMessagingSmsOptions;

  constructor(client: PinpointSMSVoiceV2Client, options: EndUserMessagingSmsOptions) {
    this.#client = client;
    this.#options = options;
  }

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const answer = await this.#client.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: message.to,
        MessageBody: message.body,
        MessageType: 'TRANSACTIONAL',
        ...(this.#options.originationIdentity
          ? { OriginationIdentity: this.#options.originationIdentity }
          : {}),
        ...(this.#options.configurationSetName
          ? { ConfigurationSetName: this.#options.configurationSetName }
          : {}),
        ...(message.context ? { Context: message.context } : {}),
      }),
    );
    return { messageId: answer.MessageId ?? '' };
  }
}
