import type { StreamPoller } from '../infra/local/stream-poller.ts';
import type { startCountingProxy } from './counting-proxy.ts';
import type { startFakeComprehend } from './fake-comprehend.ts';

const TEXTS = [
  '服务太慢了，等了一个小时！',
  '非常感谢你们的耐心帮助，服务很好。',
  '建议增加周末营业时间',
  '櫃檯人員態度很差，等了很久。',
  'The staff were rude and the queue was very long.',
  'Thank you for the quick and friendly help!',
  'What are your opening hours on Saturday?',
  'Could you add online booking? It would be nice.',
];

/** Requests the life of one feedback made, per item: what the cost model multiplies by a million. */
export interface PhaseFigures {
  items: number;
  apiRequestsPerItem: number;
  streamInvocationsPerItem: number;
  lambdaInvocationsPerItem: number;
  lambdaInvocationsByFunction: Record<string, number>;
  apiP50Ms: number;
  writeRequestsPerItem: number;
  /** Requests and capacity units per item, by DynamoDB operation. */
  dynamoDbPerItem: Record<string, { requests: number; units: number }>;
  writeUnitsPerItem: number;
  readUnitsPerItem: number;
  comprehendDocumentsPerItem: number;
  comprehendUnitsPerItem: number;
  emailsPerItem: number;
  eventsPerItem: number;
  seconds: number;
}

/**
 * `arrival`: submission, triage and what the stream does on its own (the scope of the first cost
 * model); `fullLife`: arrival plus staff opening, acknowledging, resolving and closing it, and the
 * closure notice and domain events that follow.
 */
export interface LifecycleFigures {
  items: number;
  arrival: PhaseFigures;
  fullLife: PhaseFigures;
}

/**
 * The whole life of `items` feedback items on the local stack, every request counted: a channel
 * submits each (the zh/zh-TW/en mix, no language given, half with an e-mail address and
 * consent), the stream triages it, staff open it once and acknowledge, resolve and close it,
 * and the stream functions send what follows (closure notices, domain events). Counted: API
 * requests, stream invocations, DynamoDB read and write units (table and indexes, as DynamoDB
 * Local reports them), Comprehend documents and billed units, e-mails and domain events.
 */
export async function measureLifecycle(options: {
  apiUrl: string;
  sesUrl: string;
  apiKey: string;
  staffToken: string;
  poller: StreamPoller;
  proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  comprehend: Awaited<ReturnType<typeof startFakeComprehend>>;
  items?: number;
}): Promise<LifecycleFigures> {
  const items = options.items ?? 200;
  const apiMs: number[] = [];
  let apiRequests = 0;
  const call = async (path: string, init: { method?: string; staff?: boolean; body?: unknown }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.staff) headers.authorization = `Bearer ${options.staffToken}`;
    else headers['x-api-key'] = options.apiKey;
    const started = performance.now();
    const response = await fetch(`${options.apiUrl}${path}`, {
      method: init.method ?? 'POST',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const json = (await response.json()) as { id?: string };
    apiMs.push(performance.now() - started);
    apiRequests += 1;
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}`);
    return json;
  };
  const emailCount = async () =>
    ((await (await fetch(`${options.sesUrl}/store`)).json()) as { emails: unknown[] }).emails.length;
  const eventCount = async () =>
    ((await (await fetch(`${options.apiUrl}/_local/events`)).json()) as { items: unknown[] }).items.length;

  const counters = async () => ({
    emails: await emailCount(),
    events: await eventCount(),
    invocations: new Map(options.poller.invocations),
    apiRequests,
    apiMs: apiMs.length,
    writes: options.proxy.writes(),
    writeUnits: options.proxy.writeUnits(),
    readUnits: options.proxy.readUnits(),
    counts: new Map(options.proxy.counts),
    units: new Map(options.proxy.unitsByOperation),
    documents: options.comprehend.documents(),
    comprehendUnits: options.comprehend.units(),
    at: performance.now(),
  });
  type Counters = Awaited<ReturnType<typeof counters>>;
  const per = (value: number, digits = 3) => Math.round((value / items) * 10 ** digits) / 10 ** digits;
  const sumOf = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const between = (from: Counters, to: Counters): PhaseFigures => {
    const byFunction: Record<string, number> = {};
    for (const [name, count] of to.invocations) {
      const added = count - (from.invocations.get(name) ?? 0);
      if (added > 0) byFunction[name] = added;
    }
    const requests = to.apiRequests - from.apiRequests;
    const streamInvocations = sumOf(to.invocations) - sumOf(from.invocations);
    const sorted = apiMs.slice(from.apiMs, to.apiMs).sort((a, b) => a - b);
    return {
      items,
      apiRequestsPerItem: per(requests),
      streamInvocationsPerItem: per(streamInvocations),
      lambdaInvocationsPerItem: per(requests + streamInvocations),
      lambdaInvocationsByFunction: byFunction,
      apiP50Ms: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100,
      writeRequestsPerItem: per(to.writes - from.writes),
      dynamoDbPerItem: Object.fromEntries(
        [...to.counts.entries()]
          .map(([operation, count]) => [
            operation,
            {
              requests: per(count - (from.counts.get(operation) ?? 0)),
              units: per((to.units.get(operation) ?? 0) - (from.units.get(operation) ?? 0)),
            },
          ])
          .filter(([, figures]) => (figures as { requests: number }).requests > 0),
      ),
      writeUnitsPerItem: per(to.writeUnits - from.writeUnits),
      readUnitsPerItem: per(to.readUnits - from.readUnits),
      comprehendDocumentsPerItem: per(to.documents - from.documents),
      comprehendUnitsPerItem: per(to.comprehendUnits - from.comprehendUnits),
      emailsPerItem: per(to.emails - from.emails),
      eventsPerItem: per(to.events - from.events),
      seconds: Math.round((to.at - from.at) / 100) / 10,
    };
  };

  await options.poller.settle(300_000);
  const start = await counters();

  const ids: string[] = [];
  for (let i = 0; i < items; i += 1) {
    const withEmail = i % 2 === 0;
    const created = await call('/v1/feedback', {
      body: {
        channel: 'app',
        text: TEXTS[i % TEXTS.length],
        ratings: { csat: (i % 5) + 1 },
        ...(withEmail
          ? {
              customer: { email: `lifecycle-${i}@example.com`, name: `Bench ${i}` },
              consent: { contact: true },
            }
          : {}),
      },
    });
    ids.push(created.id as string);
  }
  await options.poller.settle(300_000);
  const arrived = await counters();
  for (const id of ids) {
    await call(`/v1/feedback/${id}`, { method: 'GET', staff: true });
    await call(`/v1/feedback/${id}/actions`, { staff: true, body: { action: 'acknowledge' } });
    await call(`/v1/feedback/${id}/actions`, {
      staff: true,
      body: { action: 'resolve', resolution: 'We called the customer and fixed the booking.' },
    });
    await call(`/v1/feedback/${id}/actions`, { staff: true, body: { action: 'close' } });
  }
  await options.poller.settle(300_000);
  const closed = await counters();
  return { items, arrival: between(start, arrived), fullLife: between(start, closed) };
}
