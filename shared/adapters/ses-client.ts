import { SESv2Client } from '@aws-sdk/client-sesv2';
import { instrument } from './aws-clients.ts';

/**
 * The SES v2 client, built by the mailer on its first send (`createMailer`): in its own module so
 * that a function's bundle keeps it in a chunk its cold start does not read.
 */
export function createSesClient(): SESv2Client {
  return instrument(new SESv2Client({}), 'ses');
}
