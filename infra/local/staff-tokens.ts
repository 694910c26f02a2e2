import { claimsFor, ROLES, type StaffPrincipal } from '../../shared/auth/access-policy.ts';
import * as z from '../../shared/schemas/zod.ts';

/** One person of `LOCAL_STAFF_TOKENS` (contract §7). */
const localStaffSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  role: z.enum(ROLES),
  teams: z._default(z.array(z.string().check(z.minLength(1))), []),
});

/** `LOCAL_STAFF_TOKENS`: `{ "<token>": { "id", "role", "teams"? } }`. */
export const localStaffTokensSchema = z.record(z.string().check(z.minLength(1)), localStaffSchema);
export type LocalStaffTokens = Record<string, StaffPrincipal>;

/** Parses `LOCAL_STAFF_TOKENS`, naming every bad entry (the local stack refuses to start on one). */
export function parseLocalStaffTokens(json: string | undefined): LocalStaffTokens {
  if (!json) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('LOCAL_STAFF_TOKENS is not valid JSON');
  }
  const result = localStaffTokensSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid LOCAL_STAFF_TOKENS:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The id of the person behind `LOCAL_STAFF_TOKEN`, which is always an admin. */
export const LOCAL_ADMIN_ID = 'local-staff';

/**
 * The Cognito-shaped claims for a local token: `LOCAL_STAFF_TOKEN` is an admin; a
 * `LOCAL_STAFF_TOKENS` token is its person; any other token is nobody (undefined → 401).
 */
export function localClaimsFor(
  token: string,
  adminToken: string,
  people: LocalStaffTokens,
): Record<string, string> | undefined {
  if (token === adminToken)
    return claimsFor({ id: LOCAL_ADMIN_ID, role: 'admin', teams: [] }, { email: 'staff@example.com' });
  const person = Object.hasOwn(people, token) ? people[token] : undefined;
  return person ? claimsFor(person) : undefined;
}

/** The directory the functions get: ids and teams only, never the tokens. */
export function staffDirectoryJson(people: LocalStaffTokens): string {
  const directory: Record<string, readonly string[]> = {};
  for (const person of Object.values(people)) directory[person.id] = person.teams;
  return JSON.stringify(directory);
}
