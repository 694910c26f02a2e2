import type { EmailMessage, Mailer } from '../ports/mailer.ts';

/**
 * A {@link Mailer} that builds the real one on its first send and reuses it after. A failed build
 * (a chunk that cannot load) is not kept: the next send tries again.
 */
export class LazyMailer implements Mailer {
  readonly #build: () => Promise<Mailer>;
  #mailer: Promise<Mailer> | undefined;

  constructor(build: () => Promise<Mailer>) {
    this.#build = build;
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    this.#mailer ??= this.#build().catch((error: unknown) => {
      this.#mailer = undefined;
      throw error;
    });
    return (await this.#mailer).send(message);
  }
}
