import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.ts';
import type { Auth } from './auth.ts';
import type { ConsoleConfig } from './config.ts';
import type { StaffProfile } from './logic/permissions.ts';

export interface Services {
  config: ConsoleConfig;
  auth: Auth;
  api: Api;
}

export const ServicesContext = createContext<Services | null>(null);

/** The API client, sign-in state and configuration of this console. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext missing');
  return services;
}

/** The signed-in staff member's profile (role, teams, routes), loaded once after sign-in. */
export const ProfileContext = createContext<StaffProfile | null>(null);

/** The signed-in role's profile; the shell renders pages only once it is known. */
export function useProfile(): StaffProfile {
  const profile = useContext(ProfileContext);
  if (!profile) throw new Error('ProfileContext missing');
  return profile;
}
