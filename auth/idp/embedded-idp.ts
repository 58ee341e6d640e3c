/**
 * Development-only OpenID Connect issuer that reads the same realm file Keycloak imports
 * (auth/realm/hub-realm.json) and answers on Keycloak's URL layout. `npm start` and the tests use
 * it so that nobody needs a JVM to run the hub, while the verifier and the portal talk to it
 * exactly as they would talk to Keycloak (discovery, JWKS over HTTP, token endpoint, login page).
 *
 * It does what the hub's machine clients, the portal and the demo logins need: client_credentials
 * and password grants; the browser login by authorization code with PKCE S256, with its login
 * form and RP-initiated logout (browser-login.ts); refresh tokens (rotated, single use); userinfo;
 * CORS for the origins of the clients' webOrigins. No IdP session cookie: every browser login asks
 * for the password. Never expose it beyond localhost: demo passwords and client secrets in the
 * realm file are public.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';
import { createBrowserLogin } from './browser-login';
import { originAllowed } from './client-uris';
import { OAuthError, readForm, sendJson } from './http-io';
import type { RealmClient, RealmFile, RealmUser } from './realm-types';

export interface EmbeddedIdpOptions {
  /** Defaults to auth/realm/hub-realm.json next to this module (also after the build copies it). */
  realmFile?: string;
  /** Defaults to 127.0.0.1: the IdP hands out tokens to anyone knowing the public dev secrets. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface SignRawOptions {
  /** Sign with this still-held key instead of the active one (e.g. the key before a rotation). */
  kid?: string;
}

export interface EmbeddedIdp {
  /** `http://host:port/realms/<realm>`, the `iss` of every token. */
  readonly issuer: string;
  /** `http://host:port`, without the realm path. */
  readonly baseUrl: string;
  readonly tokenEndpoint: string;
  /** The browser login: `{issuer}/protocol/openid-connect/auth`. */
  readonly authorizationEndpoint: string;
  readonly endSessionEndpoint: string;
  readonly jwksUri: string;
  readonly activeKid: string;
  readonly publicKey: CryptoKey;
  readonly privateKey: CryptoKey;
  /** Adds a fresh RSA key that becomes the signer; earlier keys stay published until removeKey. */
  rotateKey(): Promise<string>;
  /** Stops publishing (and signing with) a key. The active key cannot be removed. */
  removeKey(kid: string): void;
  /** Test hook: signs arbitrary header and claims, for tokens the token endpoint would never issue. */
  signRaw(header: Partial<JWTHeaderParameters>, payload: JWTPayload, opts?: SignRawOptions): Promise<string>;
  stop(): Promise<void>;
}

interface SigningKey {
  kid: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** What a user's tokens carry besides the user and the client. */
interface UserSession {
  sid: string;
  scope: Set<string>;
  /** Seconds since the epoch when the password was checked. */
  authTime: number;
  nonce?: string | null;
}

// Keycloak grants default-roles-<realm> (offline_access, uma_authorization) to the users it creates,
// so real tokens carry roles the hub does not know; issuing them too keeps the verifier's filter honest.
const keycloakDefaultRoles = (realm: string) => [`default-roles-${realm}`, 'offline_access', 'uma_authorization'];

export async function startEmbeddedIdp(options: EmbeddedIdpOptions = {}): Promise<EmbeddedIdp> {
  const realmFile = options.realmFile ?? join(__dirname, '..', 'realm', 'hub-realm.json');
  const realm = JSON.parse(await readFile(realmFile, 'utf8')) as RealmFile;
  const realmPath = `/realms/${encodeURIComponent(realm.realm)}`;
  const accessLifespan = realm.accessTokenLifespan ?? 300;
  const refreshLifespan = realm.ssoSessionIdleTimeout ?? 1800;

  const keys: SigningKey[] = [];
  let active: SigningKey = await addKey();
  // Refresh tokens are single use (the realm's revokeRefreshToken, refreshTokenMaxReuse 0), and a
  // logout ends its session: both remembered until the longest refresh token could have expired.
  const spentRefreshTokens = new Map<string, number>();
  const endedSessions = new Map<string, number>();
  const remember = (map: Map<string, number>, key: string) => {
    const now = Date.now();
    for (const [k, until] of map) if (until <= now) map.delete(k);
    map.set(key, now + refreshLifespan * 1000);
  };

  async function addKey(): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    // The RFC 7638 thumbprint is stable per key and unique enough for a kid.
    const kid = await calculateJwkThumbprint(jwk);
    const key: SigningKey = { kid, publicKey, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
    keys.push(key);
    return key;
  }

  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never echo internals (or request bodies with secrets) back to the caller.
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const issuer = `${baseUrl}${realmPath}`;
  const oidc = `${realmPath}/protocol/openid-connect`;
  const tokenEndpoint = `${issuer}/protocol/openid-connect/token`;
  const authorizationEndpoint = `${issuer}/protocol/openid-connect/auth`;
  const endSessionEndpoint = `${issuer}/protocol/openid-connect/logout`;
  const userinfoEndpoint = `${issuer}/protocol/openid-connect/userinfo`;
  const jwksUri = `${issuer}/protocol/openid-connect/certs`;

  const browser = createBrowserLogin({
    realm,
    realmPath,
    issuer,
    authenticateUser: findUserByPassword,
    verifyIdTokenHint,
    endSession: (sid) => remember(endedSessions, sid),
  });
  // The endpoints a portal's page calls by fetch from its own origin.
  const corsPaths = new Set([`${realmPath}/.well-known/openid-configuration`, `${oidc}/certs`, `${oidc}/token`, `${oidc}/userinfo`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    if (corsPaths.has(path)) {
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') return preflight(res, origin);
      // Discovery, keys and userinfo are the same for every client: any client's origin may read them.
      if (path !== `${oidc}/token` && origin && anyClientAllows(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    }
    if (req.method === 'GET' && path === `${realmPath}/.well-known/openid-configuration`) {
      return sendJson(res, 200, {
        issuer,
        authorization_endpoint: authorizationEndpoint,
        token_endpoint: tokenEndpoint,
        userinfo_endpoint: userinfoEndpoint,
        end_session_endpoint: endSessionEndpoint,
        jwks_uri: jwksUri,
        grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'profile', 'email'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
        authorization_response_iss_parameter_supported: true,
        claims_parameter_supported: false,
      });
    }
    if (req.method === 'GET' && path === `${oidc}/certs`) {
      return sendJson(res, 200, { keys: keys.map((k) => k.publicJwk) });
    }
    if (req.method === 'GET' && path === `${oidc}/auth`) return browser.authorize(url, res);
    if (req.method === 'POST' && path === browser.authenticatePath) return browser.authenticate(req, res);
    if (req.method === 'GET' && path === `${oidc}/logout`) return browser.logout(url, res);
    if ((req.method === 'GET' || req.method === 'POST') && path === `${oidc}/userinfo`) return userinfo(req, res);
    if (path === `${oidc}/token`) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'POST required' });
      try {
        const form = await readForm(req);
        if (!form) throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
        // The answer (errors too) is readable by a page of the origins the named client allows.
        const named = findClient(parseBasic(req.headers.authorization)?.id ?? form.get('client_id'));
        if (origin && named && originAllowed(named, origin)) res.setHeader('Access-Control-Allow-Origin', origin);
        return sendJson(res, 200, await token(req, form));
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        if (err.basicChallenge) res.setHeader('WWW-Authenticate', `Basic realm="${realm.realm}"`);
        return sendJson(res, err.status, { error: err.error, error_description: err.description });
      }
    }
    sendJson(res, 404, { error: 'not_found' });
  }

  function findClient(clientId: string | null | undefined): RealmClient | undefined {
    return (realm.clients ?? []).find((c) => c.clientId === clientId && c.enabled !== false);
  }

  function anyClientAllows(origin: string): boolean {
    return (realm.clients ?? []).some((c) => c.enabled !== false && originAllowed(c, origin));
  }

  /** Answered for any origin, but only an allowed one gets the CORS headers the browser needs to go on. */
  function preflight(res: ServerResponse, origin: string | null): void {
    if (origin && anyClientAllows(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204);
    res.end();
  }

  async function token(req: IncomingMessage, form: URLSearchParams): Promise<Record<string, unknown>> {
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (!['client_credentials', 'password', 'authorization_code', 'refresh_token'].includes(grantType)) {
      throw new OAuthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
    }
    const client = authenticateClient(req, form);

    if (grantType === 'client_credentials') {
      if (client.publicClient || !client.serviceAccountsEnabled) {
        throw new OAuthError(400, 'unauthorized_client', 'Client not enabled to retrieve service account');
      }
      const user = (realm.users ?? []).find((u) => u.serviceAccountClientId === client.clientId && u.enabled !== false);
      if (!user) throw new OAuthError(400, 'unauthorized_client', 'Client has no service account user');
      const scope = scopeString(requestedScopes(form));
      const accessToken = await signToken(accessClaims(client, user, scope, undefined));
      // Keycloak (since 12) issues no refresh token for client_credentials.
      return { access_token: accessToken, expires_in: accessLifespan, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope };
    }

    if (grantType === 'authorization_code') {
      const grant = browser.redeemCode(form, client);
      if (grant.user.enabled === false) throw new OAuthError(400, 'invalid_grant', 'User disabled');
      return issueUserTokens(client, grant.user, { sid: randomUUID(), scope: grant.scope, authTime: grant.authTime, nonce: grant.nonce });
    }

    if (grantType === 'refresh_token') return refresh(client, form.get('refresh_token'));

    if (!client.directAccessGrantsEnabled) {
      throw new OAuthError(400, 'unauthorized_client', 'Client not allowed for direct access grants');
    }
    const username = form.get('username');
    const password = form.get('password');
    if (!username || password === null) throw new OAuthError(400, 'invalid_request', 'Missing parameter: username or password');
    const user = findUserByPassword(username, password);
    if (!user) throw new OAuthError(400, 'invalid_grant', 'Invalid user credentials');
    return issueUserTokens(client, user, { sid: randomUUID(), scope: requestedScopes(form), authTime: Math.floor(Date.now() / 1000) });
  }

  /** Same answer for unknown user, disabled user, service account and wrong password: no user enumeration. */
  function findUserByPassword(username: string, password: string): RealmUser | null {
    const user = (realm.users ?? []).find((u) => u.username.toLowerCase() === username.toLowerCase());
    const stored = user?.credentials?.find((c) => c.type === 'password')?.value;
    if (!user || user.enabled === false || user.serviceAccountClientId || stored === undefined || !safeEqual(stored, password)) return null;
    return user;
  }

  /** The password, code and refresh grants answer alike: access and refresh token, an ID token for scope=openid. */
  async function issueUserTokens(client: RealmClient, user: RealmUser, session: UserSession): Promise<Record<string, unknown>> {
    const scope = scopeString(session.scope);
    const access = accessClaims(client, user, scope, session.sid);
    const accessToken = await signToken(access);
    const refreshToken = await signToken({
      iss: issuer,
      aud: issuer,
      sub: access.sub,
      typ: 'Refresh',
      azp: client.clientId,
      sid: session.sid,
      scope,
      auth_time: session.authTime,
      jti: randomUUID(),
      iat: access.iat,
      exp: (access.iat as number) + refreshLifespan,
    });
    const response: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: accessLifespan,
      refresh_expires_in: refreshLifespan,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: session.sid,
      scope,
    };
    // Like Keycloak, an ID token only when the client asked for OpenID Connect (scope=openid).
    if (session.scope.has('openid')) {
      const id = idClaims(client, user, access, accessToken);
      id.auth_time = session.authTime;
      if (session.nonce) id.nonce = session.nonce;
      response.id_token = await signToken(id);
    }
    return response;
  }

  async function refresh(client: RealmClient, token: string | null): Promise<Record<string, unknown>> {
    if (!token) throw new OAuthError(400, 'invalid_request', 'Missing parameter: refresh_token');
    const claims = await verifyOwn(token);
    if (!claims || claims.typ !== 'Refresh' || typeof claims.jti !== 'string' || typeof claims.sid !== 'string') {
      throw new OAuthError(400, 'invalid_grant', 'Invalid refresh token');
    }
    if (claims.azp !== client.clientId) throw new OAuthError(400, 'invalid_grant', "Invalid refresh token. Token client and authorized client don't match");
    if (spentRefreshTokens.has(claims.jti)) throw new OAuthError(400, 'invalid_grant', 'Maximum allowed refresh token reuse exceeded');
    if (endedSessions.has(claims.sid)) throw new OAuthError(400, 'invalid_grant', 'Session not active');
    const user = (realm.users ?? []).find((u) => subjectOf(u) === claims.sub && u.enabled !== false && !u.serviceAccountClientId);
    if (!user) throw new OAuthError(400, 'invalid_grant', 'User not found or disabled');
    remember(spentRefreshTokens, claims.jti);
    const scope = new Set(
      String(claims.scope ?? '')
        .split(' ')
        .filter(Boolean),
    );
    return issueUserTokens(client, user, { sid: claims.sid, scope, authTime: Number(claims.auth_time ?? claims.iat) });
  }

  /** The claims of a JWT this issuer signed with a key it still publishes, unexpired; else null. */
  async function verifyOwn(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, (header) => keyFor(header.kid), { issuer, algorithms: ['RS256'] });
      return payload;
    } catch {
      return null;
    }
  }

  /** An ID token as a logout hint: our signature and issuer; it may have expired, as RP-initiated logout allows. */
  async function verifyIdTokenHint(token: string): Promise<JWTPayload | null> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const { payload } = await compactVerify(token, keyFor(kid), { algorithms: ['RS256'] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      return claims.iss === issuer && claims.typ === 'ID' ? claims : null;
    } catch {
      return null;
    }
  }

  function keyFor(kid: string | undefined): CryptoKey {
    const key = keys.find((k) => k.kid === kid);
    if (!key) throw new Error('unknown key');
    return key.publicKey;
  }

  /** OIDC userinfo for a user's access token of this issuer: the profile claims and the mapped attributes. */
  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const claims = bearer ? await verifyOwn(bearer) : null;
    const user = claims?.typ === 'Bearer' ? (realm.users ?? []).find((u) => subjectOf(u) === claims.sub && u.enabled !== false) : undefined;
    const client = findClient(typeof claims?.azp === 'string' ? claims.azp : null);
    if (!user || !client) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendJson(res, 401, { error: 'invalid_token', error_description: 'Token verification failed' });
    }
    const answer: JWTPayload = { sub: subjectOf(user), ...profileClaims(user) };
    applyMappers(client, user, 'userinfo.token.claim', answer, new Set());
    sendJson(res, 200, answer);
  }

  function authenticateClient(req: IncomingMessage, form: URLSearchParams): RealmClient {
    const basic = parseBasic(req.headers.authorization);
    if (basic && (form.has('client_secret') || (form.has('client_id') && form.get('client_id') !== basic.id))) {
      throw new OAuthError(400, 'invalid_request', 'Use one client authentication method');
    }
    const clientId = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (!clientId) throw new OAuthError(401, 'invalid_client', 'Missing client_id', Boolean(basic));
    const client = (realm.clients ?? []).find((c) => c.clientId === clientId);
    if (!client || client.enabled === false || client.bearerOnly) {
      throw new OAuthError(401, 'invalid_client', 'Invalid client or Invalid client credentials', Boolean(basic));
    }
    if (!client.publicClient && (client.secret === undefined || secret === null || !safeEqual(client.secret, secret))) {
      throw new OAuthError(401, 'invalid_client', 'Invalid client or Invalid client credentials', Boolean(basic));
    }
    return client;
  }

  function accessClaims(client: RealmClient, user: RealmUser, scope: string, sid: string | undefined): JWTPayload {
    const iat = Math.floor(Date.now() / 1000);
    const audiences = new Set<string>();
    const claims: JWTPayload = {
      exp: iat + accessLifespan,
      iat,
      jti: randomUUID(),
      iss: issuer,
      sub: subjectOf(user),
      typ: 'Bearer',
      azp: client.clientId,
      ...(sid ? { sid } : {}),
      acr: '1',
      realm_access: { roles: [...(user.realmRoles ?? []), ...keycloakDefaultRoles(realm.realm)] },
      scope,
      ...profileClaims(user),
    };
    if (user.serviceAccountClientId) claims.client_id = client.clientId;
    applyMappers(client, user, 'access.token.claim', claims, audiences);
    // Keycloak writes a single audience as a string and several as an array; without an
    // audience mapper there is no `aud` at all, which the verifier must reject.
    if (audiences.size === 1) claims.aud = [...audiences][0];
    else if (audiences.size > 1) claims.aud = [...audiences];
    return claims;
  }

  function idClaims(client: RealmClient, user: RealmUser, access: JWTPayload, accessToken: string): JWTPayload {
    const claims: JWTPayload = {
      exp: access.exp,
      iat: access.iat,
      auth_time: access.iat,
      jti: randomUUID(),
      iss: issuer,
      aud: client.clientId,
      sub: access.sub,
      typ: 'ID',
      azp: client.clientId,
      sid: access.sid,
      at_hash: createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url'),
      acr: '1',
      ...profileClaims(user),
    };
    applyMappers(client, user, 'id.token.claim', claims, new Set());
    return claims;
  }

  async function signToken(payload: JWTPayload, key: SigningKey = active, header: Partial<JWTHeaderParameters> = {}) {
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }).sign(key.privateKey);
  }

  return {
    issuer,
    baseUrl,
    tokenEndpoint,
    authorizationEndpoint,
    endSessionEndpoint,
    jwksUri,
    get activeKid() {
      return active.kid;
    },
    get publicKey() {
      return active.publicKey;
    },
    get privateKey() {
      return active.privateKey;
    },
    async rotateKey() {
      active = await addKey();
      return active.kid;
    },
    removeKey(kid: string) {
      if (kid === active.kid) throw new Error('The active signing key cannot be removed; rotate first');
      const index = keys.findIndex((k) => k.kid === kid);
      if (index >= 0) keys.splice(index, 1);
    },
    async signRaw(header, payload, opts = {}) {
      const key = opts.kid === undefined ? active : keys.find((k) => k.kid === opts.kid);
      if (!key) throw new Error(`No signing key ${opts.kid}`);
      return signToken(payload, key, header);
    },
    stop() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

/** `openid` only when asked for, then Keycloak's default client scopes. */
function scopeString(requested: Set<string>): string {
  return [...(requested.has('openid') ? ['openid'] : []), 'profile', 'email'].join(' ');
}

/** The realm file's `id` when present (so Keycloak and this issuer agree), else a UUID derived from the username. */
function subjectOf(user: RealmUser): string {
  if (user.id) return user.id;
  const h = createHash('sha1').update(`hub-user:${user.username}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Claims of Keycloak's default `profile` and `email` client scopes. */
function profileClaims(user: RealmUser): JWTPayload {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    preferred_username: user.username.toLowerCase(),
    email_verified: user.emailVerified ?? false,
    ...(name ? { name } : {}),
    ...(user.firstName ? { given_name: user.firstName } : {}),
    ...(user.lastName ? { family_name: user.lastName } : {}),
    ...(user.email ? { email: user.email.toLowerCase() } : {}),
  };
}

/** Interprets the client's protocol mappers the hub relies on, the way Keycloak would. */
function applyMappers(client: RealmClient, user: RealmUser, target: 'access.token.claim' | 'id.token.claim' | 'userinfo.token.claim', claims: JWTPayload, audiences: Set<string>): void {
  for (const mapper of client.protocolMappers ?? []) {
    const config = mapper.config ?? {};
    if (config[target] !== 'true') continue;
    if (mapper.protocolMapper === 'oidc-audience-mapper') {
      if (config['included.client.audience']) audiences.add(config['included.client.audience']);
      if (config['included.custom.audience']) audiences.add(config['included.custom.audience']);
    } else if (mapper.protocolMapper === 'oidc-usermodel-attribute-mapper' && config['claim.name']) {
      const values = user.attributes?.[config['user.attribute']] ?? [];
      if (values.length > 0) claims[config['claim.name']] = config.multivalued === 'true' ? values : values[0];
    } else if (mapper.protocolMapper === 'oidc-hardcoded-claim-mapper' && config['claim.name']) {
      claims[config['claim.name']] = config['claim.value'];
    }
  }
}

function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    // RFC 6749 2.3.1: both parts are form-urlencoded before base64.
    const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function requestedScopes(form: URLSearchParams): Set<string> {
  return new Set((form.get('scope') ?? '').split(' ').filter(Boolean));
}

/** Constant-time comparison, so response timing does not leak how much of a secret matched. */
function safeEqual(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
