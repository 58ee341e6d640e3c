/** Only the parts of Keycloak's realm representation the embedded issuer reads. */
export interface RealmProtocolMapper {
  protocolMapper: string;
  config?: Record<string, string>;
}

export interface RealmClient {
  clientId: string;
  name?: string;
  enabled?: boolean;
  bearerOnly?: boolean;
  publicClient?: boolean;
  secret?: string;
  serviceAccountsEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  /** Authorization code flow (Keycloak's "Standard flow"). */
  standardFlowEnabled?: boolean;
  redirectUris?: string[];
  /** Origins allowed for CORS; `+` means the origins of redirectUris, `*` any. */
  webOrigins?: string[];
  /** `pkce.code.challenge.method`, `post.logout.redirect.uris` (patterns joined by `##`). */
  attributes?: Record<string, string>;
  protocolMappers?: RealmProtocolMapper[];
}

export interface RealmUser {
  id?: string;
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  serviceAccountClientId?: string;
  realmRoles?: string[];
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value?: string }[];
}

export interface RealmFile {
  realm: string;
  displayName?: string;
  accessTokenLifespan?: number;
  ssoSessionIdleTimeout?: number;
  clients?: RealmClient[];
  users?: RealmUser[];
}
