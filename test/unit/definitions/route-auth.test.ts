import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../shared/definitions/route-definitions.ts';
import { ROUTE_AUTH_TABLE } from '../../helpers/route-auth.ts';

describe('route definitions against the written-down auth table', () => {
  it('lists every defined route exactly once, and no other', () => {
    const defined = ROUTES.map((r) => `${r.method} ${r.path}`).sort();

    expect(defined).toEqual(ROUTE_AUTH_TABLE.map((row) => row.route).sort());
  });

  it.each(ROUTE_AUTH_TABLE)('$route is $auth', ({ route, auth }) => {
    const definition = ROUTES.find((r) => `${r.method} ${r.path}` === route);

    expect(definition?.auth).toBe(auth);
  });
});
