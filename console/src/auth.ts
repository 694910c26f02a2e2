import type { User, UserManager } from 'oidc-client-ts';
import type { ConsoleConfig } from './config.ts';

const LOCAL_TOKEN_KEY = 'sf-console-token';

/**
 * Who is signed in. Locally, the staff token typed into the form; deployed, Cognito managed
 * login through `oidc-client-ts` (authorization code + PKCE). Tokens live in sessionStorage
 * only: they end with the tab, and never appear in a URL.
 */
export class Auth {
  #manager: Promise<UserManager> | undefined;
  #user: User | null = null;
  readonly config: ConsoleConfig;

  constructor(config: ConsoleConfig) {
    this.config = config;
  }

  get mode(): 'local' | 'cognito' {
    return this.config.auth.mode;
  }

  #userManager(): Promise<UserManager> {
    const auth = this.config.auth;
    if (auth.mode !== 'cognito') throw new Error('Cognito sign-in is not configured');
    this.#manager ??= import('oidc-client-ts').then(
      ({ UserManager: Manager, WebStorageStateStore }) =>
        new Manager({
          authority: auth.authority,
          client_id: auth.clientId,
          redirect_uri: `${location.origin}${import.meta.env.BASE_URL}callback`,
          post_logout_redirect_uri: `${location.origin}${import.meta.env.BASE_URL}`,
          response_type: 'code',
          scope: 'openid email profile',
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
          stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
          automaticSilentRenew: false,
          metadataSeed: {
            end_session_endpoint: `${auth.domain}/logout?client_id=${encodeURIComponent(auth.clientId)}&logout_uri=${encodeURIComponent(`${location.origin}${import.meta.env.BASE_URL}`)}`,
          },
        }),
    );
    return this.#manager;
  }

  /** Restores a session from this tab's storage. */
  async restore(): Promise<boolean> {
    if (this.mode === 'local') return sessionStorage.getItem(LOCAL_TOKEN_KEY) !== null;
    const user = await (await this.#userManager()).getUser();
    this.#user = user && !user.expired ? user : null;
    return this.#user !== null;
  }

  /** The bearer token for API calls, if signed in. */
  token(): string | null {
    if (this.mode === 'local') return sessionStorage.getItem(LOCAL_TOKEN_KEY);
    // API Gateway's Cognito authorizer checks the ID token.
    return this.#user?.id_token ?? null;
  }

  /** Local sign-in: keeps the token for this tab. */
  useLocalToken(token: string): void {
    sessionStorage.setItem(LOCAL_TOKEN_KEY, token);
  }

  /** Deployed sign-in: off to Cognito managed login. */
  async signInRedirect(): Promise<void> {
    await (await this.#userManager()).signinRedirect();
  }

  /** Finishes the redirect from Cognito (code exchange with the PKCE verifier). */
  async completeSignIn(): Promise<void> {
    this.#user = await (await this.#userManager()).signinRedirectCallback();
  }

  async signOut(): Promise<void> {
    sessionStorage.removeItem(LOCAL_TOKEN_KEY);
    if (this.mode === 'cognito') {
      this.#user = null;
      await (await this.#userManager()).signoutRedirect();
    }
  }
}
