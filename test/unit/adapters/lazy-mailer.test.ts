import { describe, expect, it, vi } from 'vitest';
import { LazyMailer } from '../../../shared/adapters/lazy-mailer.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';

const MESSAGE: EmailMessage = { to: ['a@example.com'], subject: 'S', html: '<p>H</p>', text: 'H' };

describe('LazyMailer', () => {
  it('builds the mailer on the first send only and sends every message through it', async () => {
    // Prepare
    const sent: EmailMessage[] = [];
    const real: Mailer = {
      send: async (m) => {
        sent.push(m);
        return { messageId: `m-${sent.length}` };
      },
    };
    const build = vi.fn(async () => real);
    const mailer = new LazyMailer(build);

    // Act
    const before = build.mock.calls.length;
    const answers = await Promise.all([mailer.send(MESSAGE), mailer.send(MESSAGE)]);
    const third = await mailer.send({ ...MESSAGE, subject: 'T' });

    // Assess
    expect(before).toBe(0);
    expect(build).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => a.messageId)).toEqual(['m-1', 'm-2']);
    expect(third).toEqual({ messageId: 'm-3' });
    expect(sent.map((m) => m.subject)).toEqual(['S', 'S', 'T']);
  });

  it('tries the build again on the next send after it failed', async () => {
    // Prepare
    const build = vi
      .fn<() => Promise<Mailer>>()
      .mockRejectedValueOnce(new Error('chunk not found'))
      .mockResolvedValue({ send: async () => ({ messageId: 'ok' }) });
    const mailer = new LazyMailer(build);

    // Act
    const first = mailer.send(MESSAGE);

    // Assess
    await expect(first).rejects.toThrow('chunk not found');
    await expect(mailer.send(MESSAGE)).resolves.toEqual({ messageId: 'ok' });
    expect(build).toHaveBeenCalledTimes(2);
  });
});
