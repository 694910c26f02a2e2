import type { StaffDirectory } from '../ports/staff-directory.ts';
import { createCognitoClient } from './aws-clients.ts';
import { CognitoStaffDirectory } from './cognito-staff-directory.ts';
import { STAFF_DIRECTORY_ENV, StaticStaffDirectory } from './static-staff-directory.ts';

/** Environment variable naming the staff user pool (set by the CDK stack). */
export const STAFF_USER_POOL_ENV = 'STAFF_USER_POOL_ID';

/**
 * The staff directory a function module builds once: the local stack's fixed list when it set
 * one, else the deployed user pool's groups.
 */
export function createStaffDirectory(env: NodeJS.ProcessEnv = process.env): StaffDirectory {
  const fixed = env[STAFF_DIRECTORY_ENV];
  if (fixed) return StaticStaffDirectory.fromJson(fixed);
  const pool = env[STAFF_USER_POOL_ENV];
  if (pool) return new CognitoStaffDirectory(createCognitoClient(), pool);
  return new StaticStaffDirectory({});
}
