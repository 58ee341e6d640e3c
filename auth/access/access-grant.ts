import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Principal } from '../principal';
import { AccessSubject } from './decide';

/**
 * An access grant: the bank's signed statement of what an agency subgraph needs to decide on a
 * child or family it does not own (the municipality, and which agencies take part in an open
 * case), bound to one caller and valid for a minute. The gateway carries it from the bank to
 * the agency subgraph through `@requires`; a caller who calls a subgraph directly cannot forge
 * one (Ed25519, the bank's private key) nor use another caller's (it names the `sub`).
 */
export interface GrantClaims extends AccessSubject {
  kind: 'Child' | 'Family';
  id: string;
  sub: string;
  /** Issued at, milliseconds since the epoch: a grant on withdrawable facts is stale once they change after it (section-access.ts). */
  iat: number;
  exp: number;
}

/** What a genuine grant tells the agency subgraph: the subject's facts, and when the bank stated them. */
export type VerifiedGrant = AccessSubject & { issuedAt: number };

const LIFETIME_SECONDS = 60;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function generateGrantKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function createGrantSigner(privateKeyPem: string) {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  return (principal: Principal, kind: GrantClaims['kind'], id: string, subject: AccessSubject): string => {
    const claims: GrantClaims = {
      kind,
      id,
      sub: principal.subject,
      municipality: subject.municipality,
      participants: [...subject.participants].sort(),
      consents: subject.consents ?? [],
      emergency: subject.emergency ?? null,
      iat: Date.now(),
      exp: Math.floor(Date.now() / 1000) + LIFETIME_SECONDS,
    };
    const payload = b64(JSON.stringify(claims));
    return `${payload}.${b64(sign(null, Buffer.from(payload), key))}`;
  };
}
export type GrantSigner = ReturnType<typeof createGrantSigner>;

function refuse(reason: string): GraphQLError {
  return new GraphQLError('Недостаточно прав: нет действительного подтверждения доступа от банка данных', {
    extensions: { code: 'FORBIDDEN', permission: 'access-grant', reason },
  });
}

export function createGrantVerifier(publicKeyPem: string) {
  const key = createPublicKey(publicKeyPem);
  // Genuine grants by their exact text: one view presents the same grant to five agencies, which
  // share what they checked when they run in one process. Each use still checks kind, subject,
  // caller and expiry below.
  const genuine = GENUINE.get(publicKeyPem) ?? new Map<string, GrantClaims>();
  GENUINE.set(publicKeyPem, genuine);
  const claimsOf = (grant: string): GrantClaims => {
    const known = genuine.get(grant);
    if (known) return known;
    const [payload, signature] = grant.split('.');
    if (!payload || !signature || !verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64url'))) throw refuse('grant_signature');
    let claims: GrantClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GrantClaims;
    } catch {
      throw refuse('grant_malformed');
    }
    if (genuine.size >= GENUINE_CACHE_SIZE) genuine.delete(genuine.keys().next().value!);
    genuine.set(grant, claims);
    return claims;
  };
  /** The subject facts, if the grant is genuine, fresh, for this caller and this entity; otherwise FORBIDDEN. */
  return (grant: unknown, principal: Principal, kind: GrantClaims['kind'], id: string): VerifiedGrant => {
    if (typeof grant !== 'string' || grant.length > 4096) throw refuse('grant_missing');
    const claims = claimsOf(grant);
    if (claims.kind !== kind || claims.id !== id) throw refuse('grant_other_subject');
    if (claims.sub !== principal.subject) throw refuse('grant_other_caller');
    if (typeof claims.exp !== 'number' || claims.exp < Math.floor(Date.now() / 1000)) {
      genuine.delete(grant);
      throw refuse('grant_expired');
    }
    if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw refuse('grant_malformed');
    if (typeof claims.municipality !== 'string' || !Array.isArray(claims.participants) || !claims.participants.every((p) => typeof p === 'string' && /^\d{13}$/.test(p))) {
      throw refuse('grant_malformed');
    }
    // The bank signed these facts; their shape was checked when it built them.
    return {
      municipality: claims.municipality,
      participants: claims.participants as string[],
      consents: Array.isArray(claims.consents) ? claims.consents : [],
      emergency: claims.emergency ?? null,
      issuedAt: claims.iat,
    };
  };
}
const GENUINE_CACHE_SIZE = 10_000;
const GENUINE = new Map<string, Map<string, GrantClaims>>();
export type GrantVerifier = ReturnType<typeof createGrantVerifier>;
