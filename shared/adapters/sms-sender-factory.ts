import type { RuntimeConfig } from '../config/runtime-config.ts';
import { createSmsClient } from './channel-clients.ts';
import { EndUserMessagingSmsSender } from './end-user-messaging-sms-sender.ts';

/** The SMS sender a function module builds once: configured origination identity and configuration set. */
export function createSmsSender(config: RuntimeConfig): EndUserMessagingSmsSender {
  return new EndUserMessagingSmsSender(createSmsClient(), {
    originationIdentity: config.stack.smsOriginationIdentity,
    configurationSetName: config.stack.smsConfigurationSet,
  });
}
