import {
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { TEAM_GROUP_PREFIX } from '../auth/access-policy.ts';
import type { StaffDirectory } from '../ports/staff-directory.ts';

/** The deployed directory: a person's teams are their `team:<id>` groups in the staff user pool. */
export class CognitoStaffDirectory implements StaffDirectory {
  readonly #client: CognitoIdentityProviderClient;
  readonly #userPoolId: string;

  constructor(client: CognitoIdentityProviderClient, userPoolId: string) {
    this.#client = client;
    this.#userPoolId = userPoolId;
  }

  async teamsOf(staffId: string): Promise<readonly string[] | undefined> {
    const teams: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new AdminListGroupsForUserCommand({
            UserPoolId: this.#userPoolId,
            Username: staffId,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        );
        for (const group of page.Groups ?? []) {
          if (group.GroupName?.startsWith(TEAM_GROUP_PREFIX))
            teams.push(group.GroupName.slice(TEAM_GROUP_PREFIX.length));
        }
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
    return teams;
  }
}
