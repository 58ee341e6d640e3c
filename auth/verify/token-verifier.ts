/**
 * Turns the `Authorization` header into a Principal, or refuses with 401. Every request of the
 * hub passes here, so it fails closed: anything it cannot positively check (JWKS down, unknown
 * key, odd claims) is a rejection, never an anonymous or partial principal.
 */
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { loadOrganisationRegistry, OrganisationRegistry } from '../organisations/organisation-registry';
import { isAgencyCode, isRole, type Principal } from '../principal';

export interface TokenVerifierConfig {
  /** Exact `iss`, e.g. `https://sso.example/realms/hub`. */
  issuer: string;
  /** Defaults to Keycloak's `<issuer>/protocol/openid-connect/certs`. */
  jwksUri?: string;
  /** Required in `aud` (Keycloak's audience mapper puts `hub-api` there). */
  audience: string;
  /** `azp` allow-list: the OAuth clients whose tokens the hub accepts. */
  allowedClients: string[];
  /** Asymmetric only, so that a JWKS-published public key can never serve as an HMAC secret. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** How long a fetched JWKS is trusted; bounds how long a key removed at the IdP keeps working. */
  jwksCacheMaxAgeMs?: number;
  /** Minimum gap between refetches triggered by unknown `kid`s, so junk tokens cannot hammer the IdP. */
  jwksCooldownMs?: number;
  jwksTimeoutMs?: number;
  /** Organisations, their territories and the systems' allow-lists; by default the process's current version, read per token. */
  registry?: OrganisationRegistry;
}

export interface TokenVerifier {
  /** `actingFor`: the X-Hub-Organisation header, naming the organisation a system acts for. */
  verify(authorization: string | undefined, actingFor?: string | undefined): Promise<Principal>;
  /** Signatures checked so far: a token seen again within its cache window costs none. */
  signatureChecks(): number;
}

export type RejectionReason =
  | 'missing_token'
  | 'malformed'
  | 'alg_not_allowed'
  | 'bad_signature'
  | 'unknown_kid'
  | 'jwks_unavailable'
  | 'expired'
  | 'not_yet_valid'
  | 'iat_in_future'
  | 'bad_issuer'
  | 'bad_audience'
  | 'not_access_token'
  | 'azp_not_allowed'
  | 'missing_claim'
  | 'bad_claim'
  | 'unknown_organisation'
  | 'organisation_retired'
  | 'organisation_required'
  | 'organisation_not_allowed';

// Russian for the people reading the error, with the technical term in brackets for whoever debugs it.
const MESSAGES: Record<RejectionReason, string> = {
  missing_token: 'Требуется аутентификация: нет заголовка Authorization: Bearer <токен>',
  malformed: 'Токен отклонён: повреждённый или нечитаемый JWT (malformed)',
  alg_not_allowed: 'Токен отклонён: недопустимый алгоритм подписи (alg)',
  bad_signature: 'Токен отклонён: подпись недействительна (signature)',
  unknown_kid: 'Токен отклонён: ключ подписи не опубликован поставщиком удостоверений (kid)',
  jwks_unavailable: 'Токен отклонён: не удалось получить ключи поставщика удостоверений (JWKS)',
  expired: 'Токен отклонён: срок действия истёк (exp)',
  not_yet_valid: 'Токен отклонён: срок действия ещё не наступил (nbf)',
  iat_in_future: 'Токен отклонён: время выпуска в будущем (iat)',
  bad_issuer: 'Токен отклонён: неверный издатель (iss)',
  bad_audience: 'Токен отклонён: токен выпущен не для этого сервиса (aud)',
  not_access_token: 'Токен отклонён: это не токен доступа (typ должен быть Bearer)',
  azp_not_allowed: 'Токен отклонён: клиент не допущен к хабу (azp)',
  missing_claim: 'Токен отклонён: нет обязательного утверждения (claim)',
  bad_claim: 'Токен отклонён: недопустимое значение утверждения (organisation или roles)',
  unknown_organisation: 'Токен отклонён: организации нет в реестре организаций (organisation)',
  organisation_retired: 'Организация исключена из реестра организаций: действовать от её имени больше нельзя',
  organisation_required: 'Система действует от имени нескольких организаций: укажите организацию в заголовке X-Hub-Organisation (ОГРН)',
  organisation_not_allowed: 'Система не вправе действовать от имени организации, указанной в заголовке X-Hub-Organisation',
};

const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256'];
// Keycloak tokens with many roles stay far below this; anything larger is not worth parsing.
const MAX_TOKEN_LENGTH = 16 * 1024;
// Accepted tokens remembered: one portal user's view passes the gateway and six subgraphs with one token.
const ACCEPTED_CACHE_SIZE = 10_000;
const SERVICE_ACCOUNT_PREFIX = 'service-account-';

export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const algorithms = config.algorithms ?? DEFAULT_ALGORITHMS;
  if (algorithms.some((alg) => alg === 'none' || alg.startsWith('HS'))) {
    throw new Error('Token verifier accepts asymmetric algorithms only');
  }
  const clockTolerance = config.clockToleranceSeconds ?? 30;
  const allowedClients = new Set(config.allowedClients);
  // Read per token, not once: the administrator's changes reach a running verifier with the next refresh.
  const registry = () => config.registry ?? loadOrganisationRegistry();
  const jwksMaxAgeMs = config.jwksCacheMaxAgeMs ?? 60_000;
  const jwks = createRemoteJWKSet(new URL(config.jwksUri ?? `${config.issuer}/protocol/openid-connect/certs`), {
    cacheMaxAge: jwksMaxAgeMs,
    cooldownDuration: config.jwksCooldownMs ?? 30_000,
    timeoutDuration: config.jwksTimeoutMs ?? 5_000,
  });

  // Tags failures of the key lookup itself, so a network error is not mistaken for a bad token.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (err) {
      // Several candidate keys only happens for a token without `kid`; Keycloak always sets one.
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw reject('unknown_kid');
      throw reject('jwks_unavailable');
    }
  };

  // Only accepted tokens, keyed by their exact text, and no longer than the key set itself is
  // trusted: a key removed at the identity provider stops its tokens as soon as without the cache.
  const accepted = new Map<string, { payload: JWTPayload; until: number }>();
  let checks = 0;
  const remembered = (token: string): JWTPayload | null => {
    const hit = accepted.get(token);
    if (!hit) return null;
    if (Date.now() < hit.until) return hit.payload;
    accepted.delete(token);
    return null;
  };
  const remember = (token: string, payload: JWTPayload) => {
    if (accepted.size >= ACCEPTED_CACHE_SIZE) accepted.delete(accepted.keys().next().value!);
    // exp is required and checked by jose; past it (with the tolerance) the full check names the reason.
    accepted.set(token, { payload, until: Math.min(Date.now() + jwksMaxAgeMs, ((payload.exp as number) + clockTolerance) * 1000) });
  };

  return {
    signatureChecks: () => checks,
    async verify(authorization, actingFor) {
      const token = bearerToken(authorization);
      const known = remembered(token);
      if (known) return withOrganisation(toPrincipal(known, known.azp as string), known, registry(), actingFor);
      let payload: JWTPayload;
      checks++;
      try {
        // Checked before jose so that `none` and HMAC tokens get their own reason.
        const header = decodeProtectedHeader(token);
        if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) throw reject('alg_not_allowed');
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms,
          clockTolerance,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (err) {
        throw err instanceof GraphQLError ? err : reject(reasonOf(err));
      }

      // jose checks neither of these: Keycloak's header typ is always "JWT", the token kind is a claim.
      if (payload.typ !== 'Bearer') throw reject('not_access_token');
      if (typeof payload.azp !== 'string' || !allowedClients.has(payload.azp)) throw reject('azp_not_allowed');
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000) + clockTolerance) {
        throw reject('iat_in_future');
      }
      const principal = toPrincipal(payload, payload.azp);
      remember(token, payload);
      return withOrganisation(principal, payload, registry(), actingFor);
    },
  };
}

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match) throw reject('missing_token');
  const token = match[1];
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw reject('malformed');
  return token;
}

function reasonOf(err: unknown): RejectionReason {
  if (err instanceof errors.JWTExpired) return notAccessTokenOr(err.payload, 'expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    // An ID or refresh token fails on `aud` first; naming the real mistake helps whoever sent it.
    const byClaim: Record<string, RejectionReason> = { iss: 'bad_issuer', aud: 'bad_audience', nbf: 'not_yet_valid' };
    const reason = byClaim[err.claim] ?? (err.reason === 'missing' ? 'missing_claim' : 'bad_claim');
    return notAccessTokenOr(err.payload, reason);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'alg_not_allowed';
  // JWSInvalid, JWTInvalid, base64/JSON errors from decodeProtectedHeader, and anything unexpected.
  return 'malformed';
}

/** Claim errors carry the signature-verified payload, so its `typ` can be trusted here. */
function notAccessTokenOr(payload: JWTPayload, reason: RejectionReason): RejectionReason {
  return payload.typ !== undefined && payload.typ !== 'Bearer' ? 'not_access_token' : reason;
}

function toPrincipal(payload: JWTPayload, clientId: string): Principal {
  const username = payload.preferred_username;
  if (typeof payload.sub !== 'string' || payload.sub === '' || typeof username !== 'string' || username === '') {
    throw reject('missing_claim');
  }
  const realmAccess = payload.realm_access as { roles?: unknown } | undefined;
  const roles = realmAccess?.roles ?? [];
  if (!Array.isArray(roles)) throw reject('bad_claim');

  return {
    subject: payload.sub,
    username,
    roles: [...new Set(roles.filter(isRole))],
    organisation: null,
    agency: null,
    territories: null,
    clientId,
    isServiceAccount: username.startsWith(SERVICE_ACCOUNT_PREFIX),
    tokenId: typeof payload.jti === 'string' ? payload.jti : null,
  };
}

const HEADER_ORGANISATION = /^\d{13}$/;

/**
 * The organisation the caller acts for. A person acts for the organisation of the `organisation`
 * claim and nothing else; a system acts for one organisation of its allow-list in the registry,
 * named per request in X-Hub-Organisation when it has several (as X-Road's client subsystem).
 */
function withOrganisation(principal: Principal, payload: JWTPayload, registry: OrganisationRegistry, actingFor: string | undefined): Principal {
  const named = actingFor?.trim() || null;
  if (named !== null && !HEADER_ORGANISATION.test(named)) throw reject('organisation_not_allowed');
  let organisationId: string | null;
  if (principal.isServiceAccount) {
    const allowed = registry.systemOrganisations(principal.clientId);
    if (named !== null && !allowed.includes(named)) throw reject('organisation_not_allowed');
    if (named === null && allowed.length > 1) throw reject('organisation_required');
    organisationId = named ?? allowed[0] ?? null;
  } else {
    const claim = payload.organisation ?? null;
    if (claim !== null && typeof claim !== 'string') throw reject('bad_claim');
    if (named !== null && named !== claim) throw reject('organisation_not_allowed');
    organisationId = claim;
  }
  if (organisationId === null) return principal;
  const organisation = registry.find(organisationId);
  if (!organisation) throw reject('unknown_organisation');
  if (organisation.retiredOn) throw reject('organisation_retired');
  return { ...principal, organisation, agency: isAgencyCode(organisation.type) ? organisation.type : null, territories: organisation.territories };
}

// A retired organisation is known and the token is good: nobody may act for it any more (403, not 401).
const FORBIDDEN_REASONS: ReadonlySet<RejectionReason> = new Set(['organisation_required', 'organisation_not_allowed', 'organisation_retired']);

function reject(reason: RejectionReason): GraphQLError {
  if (FORBIDDEN_REASONS.has(reason)) {
    // The token is good; the organisation named for it is not one it may speak for.
    return new GraphQLError(MESSAGES[reason], { extensions: { code: 'FORBIDDEN', reason, http: { status: 403 } } });
  }
  // Never the token or its claims: error messages end up in logs and in client responses.
  return new GraphQLError(MESSAGES[reason], {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}
