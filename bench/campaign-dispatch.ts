/**
 * `npm run bench:campaigns`: campaign dispatch throughput on the local stack. Seeds N consenting
 * customers, creates a campaign, then times `POST /_local/schedules/campaign-dispatch` (which
 * returns once the queue has sent every invitation) at two configured SES rates. The figure to
 * read: invitations per second against `campaignSendRatePerSecond` (it must never exceed it).
 */
import { startLocalStack } from '../infra/local/local-stack.ts';
import { freePort } from '../infra/local/local-tools.ts';

const RUNS = process.env.BENCH_SMALL
  ? [{ rate: 10, customers: 40 }]
  : [
      { rate: 10, customers: 100 },
      { rate: 50, customers: 300 },
    ];

for (const { rate, customers } of RUNS) {
  const stack = await startLocalStack({
    port: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    apiKey: 'bench-key',
    staffToken: 'bench-staff',
    config: { campaignSendRatePerSecond: rate },
    onError: (message, error) => console.error('local stack:', message, error),
  });
  const call = async (path: string, body?: unknown, as: 'channel' | 'staff' | 'none' = 'staff') => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(as === 'staff'
          ? { authorization: 'Bearer bench-staff' }
          : as === 'channel'
            ? { 'x-api-key': 'bench-key' }
            : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  try {
    for (let i = 0; i < customers; i += 1)
      await call(
        '/v1/feedback',
        {
          channel: 'web',
          text: 'fine',
          serviceType: 'bench',
          customer: { email: `c${i}@example.com` },
          consent: { contact: true },
        },
        'channel',
      );
    await call('/_local/stream/settle', {}, 'none');
    const { id: questionnaireId } = await call('/v1/questionnaires', {
      title: { en: 'Bench', zh: '测试' },
      questions: [{ id: 'q', kind: 'likert5', label: { en: 'Q', zh: '问' }, dimension: 'overall' }],
    });
    const created = await call('/v1/campaigns', {
      questionnaireId,
      audience: { serviceType: 'bench' },
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const started = performance.now();
    const answer = await call(
      '/_local/schedules/campaign-dispatch',
      { now: new Date().toISOString() },
      'none',
    );
    const seconds = (performance.now() - started) / 1000;
    if (!answer.result)
      throw new Error(`dispatch answered ${JSON.stringify(answer)} (campaign: ${JSON.stringify(created)})`);
    const result = answer.result as { invitations: number; messages: number };
    const emails = ((await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: unknown[] }).emails
      .length;
    console.log(
      JSON.stringify({
        configuredRatePerSecond: rate,
        recipients: created.recipients,
        invitations: result.invitations,
        queueMessages: result.messages,
        emailsCaptured: emails,
        seconds: Math.round(seconds * 100) / 100,
        invitationsPerSecond: Math.round((result.invitations / seconds) * 100) / 100,
      }),
    );
  } finally {
    await stack.stop();
  }
}
