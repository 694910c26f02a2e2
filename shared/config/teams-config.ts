import { CHANNELS } from '../schemas/common.ts';
import * as z from '../schemas/zod.ts';

/** A team id: lower-case, safe in a group name (`team:<id>`), an index key and a CSV cell. */
export const teamIdSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z
    .string()
    .check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and "-", starting with a letter')),
);

/** One team (contract §7): who leads it and which feedback triage routes to it. */
export const teamSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.strictObject({
    id: teamIdSchema,
    name: z.object({ en: z.string().check(z.minLength(1)), zh: z.string().check(z.minLength(1)) }),
    leadEmails: z.withDescription(
      z.array(z.email()).check(z.minLength(1)),
      'Escalation levels 1–2, the P1 alert and the digest',
    ),
    categories: z.withDescription(
      z._default(z.array(z.string()), []),
      'Taxonomy ids this team takes (first matching team wins)',
    ),
    channels: z.withDescription(z._default(z.array(z.enum(CHANNELS)), []), 'Channels this team takes'),
  }),
);
export type TeamDefinition = z.infer<typeof teamSchema>;

/**
 * Checks that team ids are unique and every category a team names is in the taxonomy; adds an
 * issue per problem (called from the stack configuration's refinement, so synth fails).
 */
export function teamIssues(
  teams: readonly TeamDefinition[] | undefined,
  taxonomyIds: readonly string[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  const known = new Set(taxonomyIds);
  (teams ?? []).forEach((team, i) => {
    if (seen.has(team.id)) issues.push({ path: ['teams', i, 'id'], message: `duplicate team id ${team.id}` });
    seen.add(team.id);
    team.categories.forEach((category, j) => {
      if (!known.has(category))
        issues.push({
          path: ['teams', i, 'categories', j],
          message: `${category} is not a category of the taxonomy`,
        });
    });
  });
  return issues;
}
