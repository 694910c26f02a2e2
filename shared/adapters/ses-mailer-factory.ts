import { ENV, type RuntimeConfig } from '../config/runtime-config.ts';
import { createSesClient } from './aws-clients.ts';
import { SesMailer } from './ses-mailer.ts';

/** The SES mailer a function module builds once: configured sender and configuration set. */
export function createMailer(config: RuntimeConfig): SesMailer {
  return new SesMailer(createSesClient(), {
    from: config.stack.senderEmail,
    configurationSetName: process.env[ENV.sesConfigurationSet],
  });
}
