import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { clockStartingAt } from './fake-clock.ts';
import { freePort, startStackProcess, stopStackProcess } from './local-stack.ts';

/** An answer of the stack: JSON parsed when it is JSON, the text kept for CSV and HTML. */
export interface StackAnswer<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * A local stack of the file's own, whose clock starts at `clockStartsAt` (libfaketime; DynamoDB
 * Local's JVM runs on the real clock): the periods then hold exactly the feedback the file
 * writes, so its figures can be counted by hand whenever the suite runs. Starts before the
 * file's tests and stops after them.
 */
export function pinnedClockStack(clockStartsAt: string) {
  let child: ChildProcess | undefined;
  let base = '';
  let ses = '';
  let dynamoDb = '';

  beforeAll(async () => {
    const [port, dynamoPort, sesPort] = [await freePort(), await freePort(), await freePort()];
    base = `http://127.0.0.1:${port}`;
    ses = `http://127.0.0.1:${sesPort}`;
    dynamoDb = `http://127.0.0.1:${dynamoPort}`;
    ({ child } = await startStackProcess(
      {
        PORT: String(port),
        DYNAMODB_PORT: String(dynamoPort),
        SES_PORT: String(sesPort),
        ...clockStartingAt(clockStartsAt),
        // PINNED_STACK_LOG=<file> keeps what the stack printed (its functions' logs) for a look.
      },
      process.env.PINNED_STACK_LOG,
    ));
  }, 90_000);

  afterAll(async () => {
    if (child) await stopStackProcess(child);
  });

  /** Calls the stack as a channel integration (`x-api-key`), as staff, or unauthenticated. */
  async function call<T = any>(
    path: string,
    init: { method?: string; body?: unknown; as?: 'channel' | 'staff' } = {},
  ): Promise<StackAnswer<T>> {
    const headers: Record<string, string> = {};
    if (init.as === 'channel') headers['x-api-key'] = 'local-dev-key';
    if (init.as === 'staff') headers.authorization = 'Bearer local-staff-token';
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // CSV or HTML
    }
    return { status: response.status, body: body as T, text, headers: response.headers };
  }

  return {
    call,
    /** Waits until the stream and everything it causes has been processed. */
    settle: () => call('/_local/stream/settle', { method: 'POST' }),
    /** A staff action on a feedback. */
    act: (id: string, body: Record<string, unknown>) =>
      call(`/v1/feedback/${id}/actions`, { as: 'staff', body }),
    /** Submits a feedback as a channel and answers its id. */
    submit: async (body: Record<string, unknown>): Promise<string> =>
      (await call<{ id: string }>('/v1/feedback', { as: 'channel', body })).body.id,
    /** The SES capture server's base URL (`/store`). */
    sesUrl: () => ses,
    /** The stack's DynamoDB Local endpoint (for a test-side read of what is stored). */
    dynamoDbEndpoint: () => dynamoDb,
  };
}
