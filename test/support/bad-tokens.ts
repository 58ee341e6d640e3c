/**
 * The negative token catalogue: forged or misused tokens that every entry point of the hub must
 * refuse, each with the machine reason the verifier gives (`extensions.reason`). The verifier's
 * own test (test/auth) and the end-to-end test (gateway and subgraphs called directly) iterate
 * over this one list, so a case added here is checked at every level.
 *
 * Every token is made from a live embedded IdP: a genuine token from its token endpoint, changed
 * in exactly one respect and, where the case needs a valid signature, re-signed with the IdP's
 * own key, so that only the change can be the cause of the rejection.
 *
 * Not here, because they depend on the verifier's JWKS cache rather than on the token: key
 * rotation and an unreachable JWKS endpoint (each test sets those up itself), and a missing
 * Authorization header (not a token at all).
 */
import { base64url, decodeJwt, exportSPKI, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import type { EmbeddedIdp } from '../../auth/idp/embedded-idp';
import type { RejectionReason } from '../../auth/verify/token-verifier';

/** What a portal login (password grant with scope=openid) returns. */
export interface LoginTokens {
  access_token: string;
  id_token: string;
  refresh_token: string;
}

/** Genuine tokens from the IdP's token endpoint, over HTTP, as Keycloak would hand them out. */
export interface TokenHelpers {
  /** An agency system's access token (client credentials of education-system, an allowed client). */
  accessToken(): Promise<string>;
  /** A demo user's login through the KDN portal: access, ID and refresh token. */
  login(username: string): Promise<LoginTokens>;
}

export interface BadToken {
  /** Reads as the condition of a test title: `when ${name}, then ...`. */
  name: string;
  reason: RejectionReason;
  make(idp: EmbeddedIdp, helpers: TokenHelpers): Promise<string>;
}

async function postToken(idp: EmbeddedIdp, form: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(idp.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as Record<string, string>;
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status} ${body.error}`);
  return body;
}

export function tokenHelpers(idp: EmbeddedIdp): TokenHelpers {
  return {
    async accessToken() {
      const body = await postToken(idp, {
        grant_type: 'client_credentials',
        client_id: 'education-system',
        client_secret: 'dev-education-secret',
      });
      return body.access_token;
    },
    async login(username) {
      const body = await postToken(idp, { grant_type: 'password', client_id: 'kdn-portal', username, password: 'demo', scope: 'openid' });
      return { access_token: body.access_token, id_token: body.id_token, refresh_token: body.refresh_token };
    },
  };
}

const now = () => Math.floor(Date.now() / 1000);

/** A genuine access token's claims with some changed or dropped, re-signed with the IdP's active key. */
async function forged(idp: EmbeddedIdp, helpers: TokenHelpers, changes: JWTPayload, drop: string[] = [], header: Partial<JWTHeaderParameters> = {}): Promise<string> {
  const claims: JWTPayload = { ...decodeJwt(await helpers.accessToken()), ...changes };
  for (const name of drop) delete claims[name];
  return idp.signRaw(header, claims);
}

/** A person's access token with claims changed: the `organisation` claim counts for people only. */
async function forgedPerson(idp: EmbeddedIdp, helpers: TokenHelpers, changes: JWTPayload): Promise<string> {
  return idp.signRaw({}, { ...decodeJwt((await helpers.login('chair.vlk')).access_token), ...changes });
}

/** Guards that a case is what its name says, so that it cannot pass for a different reason. */
function ofType(token: string, typ: string): string {
  const actual = decodeJwt(token).typ;
  if (actual !== typ) throw new Error(`expected a token of typ ${typ}, the IdP issued ${String(actual)}`);
  return token;
}

export const BAD_TOKENS: readonly BadToken[] = [
  {
    name: 'the bearer value is not a JWT',
    reason: 'malformed',
    make: async () => 'not-a-jwt',
  },
  {
    name: 'a token declares alg none and has no signature',
    reason: 'alg_not_allowed',
    async make(_idp, helpers) {
      const claims = decodeJwt(await helpers.accessToken());
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      return `${header}.${base64url.encode(JSON.stringify(claims))}.`;
    },
  },
  {
    name: 'a token is signed with HS256 using the public key',
    reason: 'alg_not_allowed',
    async make(idp, helpers) {
      const claims = decodeJwt(await helpers.accessToken());
      const publicKeyBytes = new TextEncoder().encode(await exportSPKI(idp.publicKey));
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: idp.activeKid }).sign(publicKeyBytes);
    },
  },
  {
    name: 'the payload of a genuine token is changed',
    reason: 'bad_signature',
    async make(_idp, helpers) {
      const [header, payload, signature] = (await helpers.accessToken()).split('.');
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
      claims.realm_access.roles.push('kdn_chair');
      return `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    },
  },
  {
    name: 'the signature of a genuine token is truncated',
    reason: 'bad_signature',
    make: async (_idp, helpers) => (await helpers.accessToken()).slice(0, -4),
  },
  {
    name: 'a token expired beyond the clock tolerance',
    reason: 'expired',
    make: (idp, helpers) => forged(idp, helpers, { iat: now() - 400, exp: now() - 100 }),
  },
  {
    name: 'a token has no exp',
    reason: 'missing_claim',
    make: (idp, helpers) => forged(idp, helpers, {}, ['exp']),
  },
  {
    name: 'nbf is in the future',
    reason: 'not_yet_valid',
    make: (idp, helpers) => forged(idp, helpers, { nbf: now() + 120 }),
  },
  {
    name: 'iat is in the future',
    reason: 'iat_in_future',
    make: (idp, helpers) => forged(idp, helpers, { iat: now() + 120, exp: now() + 420 }),
  },
  {
    name: 'the issuer is another realm',
    reason: 'bad_issuer',
    make: (idp, helpers) => forged(idp, helpers, { iss: `${idp.baseUrl}/realms/master` }),
  },
  {
    name: 'the audience is another service',
    reason: 'bad_audience',
    make: (idp, helpers) => forged(idp, helpers, { aud: ['account', 'other-api'] }),
  },
  {
    name: 'the audience is missing',
    reason: 'bad_audience',
    make: (idp, helpers) => forged(idp, helpers, {}, ['aud']),
  },
  {
    name: 'the audience is an empty string',
    reason: 'bad_audience',
    make: (idp, helpers) => forged(idp, helpers, { aud: '' }),
  },
  {
    name: 'the audience is an empty list',
    reason: 'bad_audience',
    make: (idp, helpers) => forged(idp, helpers, { aud: [] }),
  },
  {
    name: 'azp is a client outside the allow-list',
    reason: 'azp_not_allowed',
    make: (idp, helpers) => forged(idp, helpers, { azp: 'admin-cli' }),
  },
  {
    name: 'an ID token is used as an access token',
    reason: 'not_access_token',
    make: async (_idp, helpers) => ofType((await helpers.login('chair.vlk')).id_token, 'ID'),
  },
  {
    name: 'a refresh token is used as an access token',
    reason: 'not_access_token',
    make: async (_idp, helpers) => ofType((await helpers.login('chair.vlk')).refresh_token, 'Refresh'),
  },
  {
    name: 'an otherwise valid token claims an organisation that is not in the registry',
    reason: 'unknown_organisation',
    make: (idp, helpers) => forgedPerson(idp, helpers, { organisation: '1027700132195' }),
  },
  {
    name: 'an otherwise valid token claims an organisation that is not a string',
    reason: 'bad_claim',
    make: (idp, helpers) => forgedPerson(idp, helpers, { organisation: ['1020500010046'] }),
  },
  {
    name: 'the token names a kid the IdP never published',
    reason: 'unknown_kid',
    make: (idp, helpers) => forged(idp, helpers, {}, [], { kid: 'no-such-key' }),
  },
];
