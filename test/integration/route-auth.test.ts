import { describe, expect, inject, it } from 'vitest';
import { type Credential, ROUTE_AUTH_TABLE } from '../helpers/route-auth.ts';

const CREDENTIALS: Credential[] = ['none', 'wrongToken', 'channelKey', 'staff'];

function headersFor(credential: Credential): Record<string, string> {
  const stack = inject('localStack');
  switch (credential) {
    case 'none':
      return {};
    case 'wrongToken':
      return { 'x-api-key': 'not-the-key', authorization: 'Bearer not-the-token' };
    case 'channelKey':
      return { 'x-api-key': stack.apiKey };
    case 'staff':
      return { authorization: `Bearer ${stack.staffToken}` };
  }
}

describe('the running local stack refuses and admits each route as the auth table says', () => {
  const cases = ROUTE_AUTH_TABLE.flatMap((row) =>
    CREDENTIALS.map((credential) => ({ ...row, credential, outcome: row.expect[credential] })),
  );

  it.each(cases)('$route with $credential → $outcome', async ({ route, path, credential, outcome }) => {
    const method = route.split(' ')[0] as string;
    // An empty JSON object: never a valid request, so nothing is stored whoever gets through.
    const body = method === 'POST' ? '{}' : undefined;

    const response = await fetch(`${inject('localStack').apiUrl}${path}`, {
      method,
      headers: { ...headersFor(credential), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
    const text = await response.text();
    const answer = (text.startsWith('{') ? JSON.parse(text) : {}) as { error?: { code: string } };

    if (outcome === 'through') {
      expect(response.status).not.toBe(401);
      expect(response.status).not.toBe(403);
    } else {
      expect(response.status).toBe(outcome);
      expect(answer.error?.code).toBe(outcome === 401 ? 'unauthorized' : 'forbidden');
    }
  });
});
