import { aws_cognito as cognito, type aws_iam as iam, type aws_lambda as lambda } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { STAFF_USER_POOL_ENV } from '../../shared/adapters/staff-directory-factory.ts';
import { ROLES, TEAM_GROUP_PREFIX } from '../../shared/auth/access-policy.ts';
import type { TeamDefinition } from '../../shared/config/teams-config.ts';

export interface StaffRolesProps {
  userPool: cognito.IUserPool;
  teams: readonly TeamDefinition[];
}

const ROLE_DESCRIPTIONS = {
  agent: 'Reads, lists and acts on the feedback of their teams; assigns to themselves',
  lead: 'An agent who also assigns within their teams, reads hot topics, plans and problems',
  analyst: 'Snapshots, hot topics, plans, questionnaires and campaigns; no feedback records',
  admin: 'Everything, erasure included',
} as const;

/**
 * The staff roles and teams as Cognito groups (contract §7): one group per role and one
 * `team:<id>` group per configured team. A person's groups travel in their ID token
 * (`cognito:groups`), which is what the access policy reads.
 */
export class StaffRoles extends Construct {
  constructor(scope: Construct, id: string, props: StaffRolesProps) {
    super(scope, id);
    ROLES.forEach((role, precedence) => {
      new cognito.CfnUserPoolGroup(this, `Role-${role}`, {
        userPoolId: props.userPool.userPoolId,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
        precedence,
      });
    });
    for (const team of props.teams) {
      new cognito.CfnUserPoolGroup(this, `Team-${team.id}`, {
        userPoolId: props.userPool.userPoolId,
        groupName: `${TEAM_GROUP_PREFIX}${team.id}`,
        description: `Team ${team.name.en}`,
      });
    }
  }

  /** Lets a function read who is in which team (for `assign`), and tells it the pool. */
  static grantDirectoryRead(userPool: cognito.IUserPool, fn: lambda.Function & iam.IGrantable): void {
    fn.addEnvironment(STAFF_USER_POOL_ENV, userPool.userPoolId);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminListGroupsForUser'],
        resources: [userPool.userPoolArn],
      }),
    );
  }
}
