import { routesFor } from '../../shared/auth/access-policy.ts';
import { staffApiHandler } from '../../shared/http/middleware.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { StaffProfile } from '../../shared/schemas/staff-profile.ts';

/**
 * `GET /v1/me`: the caller's id, role, teams and the routes their role may use, read from the
 * same access policy that refuses the others, so the console shows only what will be allowed.
 */
export function createStaffProfileHandler() {
  const logger = createLogger();
  return staffApiHandler(logger).handler(async (event) => {
    const { principal } = event.staff;
    const profile: StaffProfile = {
      id: principal.id,
      role: principal.role,
      teams: [...principal.teams],
      routes: routesFor(principal.role),
    };
    return jsonResponse(200, profile);
  });
}

export const handler = createStaffProfileHandler();
