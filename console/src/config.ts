/** The console's runtime configuration: written by the stack (deployed) or the local server. */
export interface ConsoleConfig {
  /** Base URL of the API (no trailing slash); empty for the same origin. */
  apiUrl: string;
  /** The configured time zone: every date is shown in it. */
  timezone: string;
  auth:
    | { mode: 'local' }
    | {
        mode: 'cognito';
        /** The user pool's issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<poolId>. */
        authority: string;
        clientId: string;
        /** The managed-login domain, e.g. https://<prefix>.auth.<region>.amazoncognito.com. */
        domain: string;
      };
}

/** Reads `config.json` next to the app. */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as ConsoleConfig;
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}
