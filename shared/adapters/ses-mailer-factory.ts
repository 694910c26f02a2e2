import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { SesMailer } from './ses-mailer.ts';

/** The SES mailer a function module builds once: configured sender and configuration set. */
export function createMailer(config: RuntimeConfig): SesMailer {
  return new SesMailer(new SESv2Client({}), {
    from: config.stack.senderEmail,
    configurationSetName: process.env.SES_CONFIGURATION_SET,
  });
}
