import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { PortalConfig } from './portal-config';

/**
 * Authorization code with PKCE against the realm (Keycloak, or the embedded issuer under
 * `npm start`). The tokens live in this page's memory only; sessionStorage holds nothing but the
 * sign-in's transient state (PKCE verifier, state) between leaving for the login page and coming back.
 */
export function createUserManager(config: PortalConfig, origin: string): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}/portal/callback`,
    post_logout_redirect_uri: `${origin}/portal/`,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Access tokens live 5 minutes: renewed with the refresh token (kept in memory too) shortly before they expire.
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
  });
}
