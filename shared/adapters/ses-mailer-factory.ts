import { ENV, type RuntimeConfig } from '../config/runtime-config.ts';
import type { Mailer } from '../ports/mailer.ts';
import { LazyMailer } from './lazy-mailer.ts';

/**
 * The SES mailer a function module builds once: configured sender and configuration set. The SES
 * client (~60 KB, ~9 ms of init) loads on the first send: most invocations of the functions that
 * may mail (notify on a stream record, the sweeps, the snapshot and plan routes) send nothing.
 */
export function createMailer(config: RuntimeConfig): Mailer {
  const options = {
    from: config.stack.senderEmail,
    configurationSetName: process.env[ENV.sesConfigurationSet],
  };
  return new LazyMailer(async () => {
    const [{ SesMailer }, { createSesClient }] = await Promise.all([
      import('./ses-mailer.ts'),
      import('./ses-client.ts'),
    ]);
    return new SesMailer(createSesClient(), options);
  });
}
