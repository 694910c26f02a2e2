import { inject } from 'vitest';
import { countTableItems } from '../../infra/local/local-tools.ts';
import { calendarConfigSchema } from '../../shared/config/stack-config.ts';
import { BusinessCalendar } from '../../shared/domain/calendar.ts';
import { INTEGRATION_CONFIG } from '../setup/local-stack.ts';

/** The shared integration stack's business calendar, to compute expected deadlines with. */
export const stackCalendar = new BusinessCalendar(calendarConfigSchema.parse(INTEGRATION_CONFIG.calendar));

export type Caller = 'channel' | 'staff' | 'public';

export interface ApiCall {
  method?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  as?: Caller;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the running local stack's HTTP API as a channel, a staff member or the public. */
export async function api<T = Record<string, unknown>>(
  path: string,
  call: ApiCall = {},
): Promise<ApiAnswer<T>> {
  const stack = inject('localStack');
  const headers: Record<string, string> = { ...call.headers };
  if (call.as === 'channel') headers['x-api-key'] ??= stack.apiKey;
  if (call.as === 'staff') headers.authorization ??= `Bearer ${stack.staffToken}`;
  let body: string | Buffer | undefined;
  if (call.rawBody !== undefined) body = call.rawBody;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: call.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (e.g. HTML); keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Submits feedback as the channel integration. */
export function submit(body: unknown, headers: Record<string, string> = {}) {
  return api<{ id: string; trackingToken: string; receivedAt: string; status: string; trackingUrl: string }>(
    '/v1/feedback',
    { as: 'channel', body, headers },
  );
}

/** How many items the feedback table holds (a test-side scan, to prove nothing was stored). */
export function countStoredItems(): Promise<number> {
  return countTableItems(inject('localStack').dynamoDbEndpoint);
}

/** Waits until the local stack's stream poller has processed everything written so far. */
export async function settleStream(): Promise<void> {
  const answer = await api('/_local/stream/settle', { method: 'POST' });
  if (answer.status !== 200) throw new Error(`settle failed: ${answer.status}`);
}

/** Reads one feedback as staff. */
export async function readFeedback<T = Record<string, any>>(id: string): Promise<T> {
  return (await api<T>(`/v1/feedback/${id}`, { as: 'staff' })).body;
}

export interface CapturedEmail {
  subject: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  body: { html?: string; text?: string };
  at: number;
}

/** Emails the SES capture server holds, optionally only those whose subject contains `needle`. */
export async function capturedEmails(needle?: string): Promise<CapturedEmail[]> {
  const response = await fetch(`${inject('localStack').sesUrl}/store`);
  const { emails } = (await response.json()) as { emails: CapturedEmail[] };
  return needle ? emails.filter((email) => email.subject.includes(needle)) : emails;
}
