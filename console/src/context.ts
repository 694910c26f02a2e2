import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.ts';
import type { Auth } from './auth.ts';
import type { ConsoleConfig } from './config.ts';

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
