import type { StaffDirectory } from '../ports/staff-directory.ts';
import * as z from '../schemas/zod.ts';

/** Environment variable with the local stack's staff (ids and teams, never tokens). */
export const STAFF_DIRECTORY_ENV = 'STAFF_DIRECTORY';

const directorySchema = /* @__PURE__ */ z.moduleSchema(() => z.record(z.string(), z.array(z.string())));

/** A fixed directory: the local stack's `LOCAL_STAFF_TOKENS` people, passed without their tokens. */
export class StaticStaffDirectory implements StaffDirectory {
  readonly #teams: ReadonlyMap<string, readonly string[]>;

  constructor(teamsById: Record<string, readonly string[]>) {
    this.#teams = new Map(Object.entries(teamsById));
  }

  /** Reads the directory from its JSON form (`{"<staff id>": ["<team>", …]}`). */
  static fromJson(json: string): StaticStaffDirectory {
    return new StaticStaffDirectory(directorySchema.parse(JSON.parse(json)));
  }

  async teamsOf(staffId: string): Promise<readonly string[] | undefined> {
    return this.#teams.get(staffId);
  }
}
