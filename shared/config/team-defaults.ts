import type { StackConfig } from './stack-config.ts';
import type { TeamDefinition } from './teams-config.ts';

// Kept apart from the configuration's schemas (which only synth needs): the functions that look
// up teams at run time import this module without building them.

/** The id of the default team, and of any feedback whose team is unknown (contract §7). */
export const DEFAULT_TEAM_ID = 'service-desk';

/**
 * The default when no `teams` are configured: one team that takes everything, led by the first
 * escalation address.
 */
export function defaultTeams(escalationEmails: readonly string[]): TeamDefinition[] {
  return [
    {
      id: DEFAULT_TEAM_ID,
      name: { en: 'Service desk', zh: '服务台' },
      leadEmails: escalationEmails.slice(0, 1),
      categories: [],
      channels: [],
    },
  ];
}

/** The configured teams, or the default team led by the first escalation address. */
export function teamsOf(config: Pick<StackConfig, 'teams' | 'escalationEmails'>): TeamDefinition[] {
  return config.teams ?? defaultTeams(config.escalationEmails);
}
