/**
 * Development-only OpenID Connect issuer that reads the same realm file Keycloak imports
 * (auth/realm/hub-realm.json) and answers on Keycloak's URL layout. `npm start` and the tests use
 * it so that nobody needs a JVM to run the hub, while the verifier talks to it exactly as it
 * would talk to Keycloak (discovery, JWKS over HTTP, token endpoint).
 *
 * It only does what the hub's machine clients and demo logins need: client_credentials and
 * password grants. No browser login, no refresh grant, no sessions. Never expose it beyond
 * localhost: demo passwords and client secrets in the realm file are public.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';

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

// Only the parts of Keycloak's realm representation this issuer reads.
interface RealmProtocolMapper {
  protocolMapper: string;
  config?: Record<string, string>;
}
interface RealmClient {
  clientId: string;
  enabled?: boolean;
  bearerOnly?: boolean;
  publicClient?: boolean;
  secret?: string;
  serviceAccountsEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  protocolMappers?: RealmProtocolMapper[];
}
interface RealmUser {
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
interface RealmFile {
  realm: string;
  accessTokenLifespan?: number;
  ssoSessionIdleTimeout?: number;
  clients?: RealmClient[];
  users?: RealmUser[];
}

interface SigningKey {
  kid: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly basicChallenge = false,
  ) {
    super(description);
  }
}

const MAX_BODY_BYTES = 64 * 1024;
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
  const tokenEndpoint = `${issuer}/protocol/openid-connect/token`;
  const jwksUri = `${issuer}/protocol/openid-connect/certs`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', baseUrl).pathname;
    if (req.method === 'GET' && path === `${realmPath}/.well-known/openid-configuration`) {
      return sendJson(res, 200, {
        issuer,
        token_endpoint: tokenEndpoint,
        jwks_uri: jwksUri,
        grant_types_supported: ['client_credentials', 'password'],
        response_types_supported: ['token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        claims_parameter_supported: false,
      });
    }
    if (req.method === 'GET' && path === `${realmPath}/protocol/openid-connect/certs`) {
      return sendJson(res, 200, { keys: keys.map((k) => k.publicJwk) });
    }
    if (path === `${realmPath}/protocol/openid-connect/token`) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'POST required' });
      try {
        return sendJson(res, 200, await token(req));
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        if (err.basicChallenge) res.setHeader('WWW-Authenticate', `Basic realm="${realm.realm}"`);
        return sendJson(res, err.status, { error: err.error, error_description: err.description });
      }
    }
    sendJson(res, 404, { error: 'not_found' });
  }

  async function token(req: IncomingMessage): Promise<Record<string, unknown>> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (grantType !== 'client_credentials' && grantType !== 'password') {
      throw new OAuthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
    }
    const client = authenticateClient(req, form);
    const scope = [...(requestedScopes(form).has('openid') ? ['openid'] : []), 'profile', 'email'].join(' ');

    if (grantType === 'client_credentials') {
      if (client.publicClient || !client.serviceAccountsEnabled) {
        throw new OAuthError(400, 'unauthorized_client', 'Client not enabled to retrieve service account');
      }
      const user = (realm.users ?? []).find((u) => u.serviceAccountClientId === client.clientId && u.enabled !== false);
      if (!user) throw new OAuthError(400, 'unauthorized_client', 'Client has no service account user');
      const accessToken = await signToken(accessClaims(client, user, scope, undefined));
      // Keycloak (since 12) issues no refresh token for client_credentials.
      return { access_token: accessToken, expires_in: accessLifespan, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope };
    }

    if (!client.directAccessGrantsEnabled) {
      throw new OAuthError(400, 'unauthorized_client', 'Client not allowed for direct access grants');
    }
    const username = form.get('username');
    const password = form.get('password');
    if (!username || password === null) throw new OAuthError(400, 'invalid_request', 'Missing parameter: username or password');
    const user = (realm.users ?? []).find((u) => u.username.toLowerCase() === username.toLowerCase());
    const stored = user?.credentials?.find((c) => c.type === 'password')?.value;
    // Same answer for unknown user, disabled user, service account and wrong password: no user enumeration.
    if (!user || user.enabled === false || user.serviceAccountClientId || stored === undefined || !safeEqual(stored, password)) {
      throw new OAuthError(400, 'invalid_grant', 'Invalid user credentials');
    }
    const sid = randomUUID();
    const access = accessClaims(client, user, scope, sid);
    const accessToken = await signToken(access);
    const refreshToken = await signToken({
      iss: issuer,
      aud: issuer,
      sub: access.sub,
      typ: 'Refresh',
      azp: client.clientId,
      sid,
      scope,
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
      session_state: sid,
      scope,
    };
    // Like Keycloak, an ID token only when the client asked for OpenID Connect (scope=openid).
    if (scope.split(' ').includes('openid')) response.id_token = await signToken(idClaims(client, user, access, accessToken));
    return response;
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
function applyMappers(
  client: RealmClient,
  user: RealmUser,
  target: 'access.token.claim' | 'id.token.claim',
  claims: JWTPayload,
  audiences: Set<string>,
): void {
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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new OAuthError(413, 'invalid_request', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    // Token responses must not be cached (RFC 6749 5.1); harmless for the rest.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(text);
}
