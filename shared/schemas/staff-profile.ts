import { z } from 'zod';

/** `GET /v1/me`: who the caller is and the staff routes their role may use (contract §7). */
export const staffProfileSchema = z
  .object({
    id: z.string().max(512).describe('Staff id (Cognito user name; locally the id in LOCAL_STAFF_TOKENS)'),
    role: z.enum(['agent', 'lead', 'analyst', 'admin']),
    teams: z.array(z.string().max(64)).max(50),
    routes: z
      .record(z.string().max(80), z.enum(['ownTeams', 'all']))
      .describe(
        'Each staff route (`METHOD /resource`) the role may use: `ownTeams` = only records of its teams; a route not listed answers 403',
      ),
  })
  .meta({ id: 'StaffProfile' });
export type StaffProfile = z.infer<typeof staffProfileSchema>;
