import * as z from './zod.ts';

/** `GET /v1/me`: who the caller is and the staff routes their role may use (contract §7). */
export const staffProfileSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.withDescription(
        z.string().check(z.maxLength(512)),
        'Staff id (Cognito user name; locally the id in LOCAL_STAFF_TOKENS)',
      ),
      role: z.enum(['agent', 'lead', 'analyst', 'admin']),
      teams: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50)),
      routes: z.withDescription(
        z.record(z.string().check(z.maxLength(80)), z.enum(['ownTeams', 'all'])),
        'Each staff route (`METHOD /resource`) the role may use: `ownTeams` = only records of its teams; a route not listed answers 403',
      ),
    }),
    { id: 'StaffProfile' },
  ),
);
export type StaffProfile = z.infer<typeof staffProfileSchema>;
