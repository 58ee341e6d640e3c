/**
 * The verifier against real tokens from the embedded IdP (fetched over HTTP, as Keycloak would
 * serve them) and against a catalogue of forged or misused tokens. Each rejection asserts its
 * machine reason, so a test cannot pass because the token failed for some other cause. The
 * catalogue itself lives in test/support/bad-tokens.ts, shared with the end-to-end test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { startEmbeddedIdp, type EmbeddedIdp } from '../../auth/idp/embedded-idp';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierConfig } from '../../auth/verify/token-verifier';
import { BAD_TOKENS, tokenHelpers } from '../support/bad-tokens';

const HUB_CLIENTS = ['education-regional', 'health-regional', 'education-system', 'health-system', 'police-system', 'social-system', 'guardianship-system', 'kdn-portal', 'regional-bank-sync'];
const realm = JSON.parse(readFileSync(join(__dirname, '../../auth/realm/hub-realm.json'), 'utf8')) as {
  users: { id: string; username: string }[];
};
const userId = (username: string) => realm.users.find((u) => u.username === username)!.id;

let idp: EmbeddedIdp;
let verifier: TokenVerifier;

beforeAll(async () => {
  idp = await startEmbeddedIdp({ port: 0 });
  verifier = verifierFor(idp);
});
afterAll(() => idp.stop());

function verifierFor(target: EmbeddedIdp, overrides: Partial<TokenVerifierConfig> = {}): TokenVerifier {
  return createTokenVerifier({ issuer: target.issuer, audience: 'hub-api', allowedClients: HUB_CLIENTS, ...overrides });
}

async function postToken(target: EmbeddedIdp, form: Record<string, string>, basic?: [string, string]) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const res = await fetch(target.tokenEndpoint, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function serviceToken(target = idp, clientId = 'education-system', secret = 'dev-education-secret'): Promise<string> {
  const { status, body } = await postToken(target, { grant_type: 'client_credentials' }, [clientId, secret]);
  expect(status).toBe(200);
  return body.access_token;
}

async function passwordLogin(username: string, target = idp) {
  const { status, body } = await postToken(target, {
    grant_type: 'password',
    client_id: 'kdn-portal',
    username,
    password: 'demo',
    scope: 'openid',
  });
  expect(status).toBe(200);
  return body;
}

async function expectRejected(token: string, reason: string, by: TokenVerifier = verifier) {
  await expectHeaderRejected(`Bearer ${token}`, reason, by);
}

async function expectHeaderRejected(authorization: string | undefined, reason: string, by: TokenVerifier = verifier) {
  const error = await by.verify(authorization).then(
    () => {
      throw new Error('token was accepted');
    },
    (err: unknown) => err as { message: string; extensions: Record<string, unknown> },
  );
  expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason, http: { status: 401 } });
  // The token must never leak into messages that end up in logs and client responses.
  const token = authorization?.split(' ')[1];
  if (token) expect(JSON.stringify(error) + error.message).not.toContain(token);
}

describe('token endpoint of the embedded IdP', () => {
  it('when an agency system authenticates with client_secret_post, then it receives a Bearer token for 300 s', async () => {
    const { status, body } = await postToken(idp, {
      grant_type: 'client_credentials',
      client_id: 'police-system',
      client_secret: 'dev-police-secret',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(body.refresh_token).toBeUndefined();
  });

  it('when a client presents a wrong secret, then the answer is 401 invalid_client', async () => {
    const { status, body } = await postToken(idp, { grant_type: 'client_credentials' }, ['education-system', 'wrong']);
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('when a user gives a wrong password, then the answer is 400 invalid_grant', async () => {
    const { status, body } = await postToken(idp, {
      grant_type: 'password',
      client_id: 'kdn-portal',
      username: 'chair.vlk',
      password: 'not-demo',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('when a grant type is not supported, then the answer is 400 unsupported_grant_type', async () => {
    const { status, body } = await postToken(idp, { grant_type: 'implicit', client_id: 'kdn-portal' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });

  it('when the public portal asks for a service-account token, then it is refused as unauthorized_client', async () => {
    const { status, body } = await postToken(idp, { grant_type: 'client_credentials', client_id: 'kdn-portal' });
    expect(status).toBe(400);
    expect(body.error).toBe('unauthorized_client');
  });

  it('when a password login names a service account, then it is refused as invalid_grant', async () => {
    const { status, body } = await postToken(idp, {
      grant_type: 'password',
      client_id: 'kdn-portal',
      username: 'service-account-education-system',
      password: '',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });
});

describe('accepted tokens', () => {
  it('when an agency system presents its service-account token, then it becomes a service-account principal of that agency', async () => {
    const token = await serviceToken();
    const principal = await verifier.verify(`Bearer ${token}`);
    expect(principal).toEqual({
      subject: userId('service-account-education-system'),
      username: 'service-account-education-system',
      roles: ['agency_system'],
      organisation: expect.objectContaining({ code: 'school1-vlk', type: 'education', territories: ['05701000'] }),
      agency: 'education',
      territories: ['05701000'],
      clientId: 'education-system',
      isServiceAccount: true,
      tokenId: decodeJwt(token).jti,
    });
  });

  it('when the regional sync presents its token, then it acts for no organisation and has no territory', async () => {
    const token = await serviceToken(idp, 'regional-bank-sync', 'dev-regional-bank-sync-secret');
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({
      roles: ['regional_sync'],
      organisation: null,
      agency: null,
      territories: null,
      isServiceAccount: true,
    });
  });

  it('when a regional system names a school of its allow-list in X-Hub-Organisation, then it acts for that school and its territory', async () => {
    const token = await serviceToken(idp, 'education-regional', 'dev-education-regional-secret');
    const school = '1028800010315';
    await expect(verifier.verify(`Bearer ${token}`, school)).resolves.toMatchObject({
      organisation: expect.objectContaining({ id: school, code: 'school1-yol' }),
      agency: 'education',
      territories: ['88701000'],
    });
  });

  it('when a regional system names no organisation, or one outside its allow-list, then it is refused with 403 naming the header', async () => {
    const token = await serviceToken(idp, 'education-regional', 'dev-education-regional-secret');
    for (const [actingFor, reason] of [
      [undefined, 'organisation_required'],
      ['1028800010359', 'organisation_not_allowed'],
      ['not-an-ogrn', 'organisation_not_allowed'],
    ] as const) {
      const error = await verifier.verify(`Bearer ${token}`, actingFor).then(
        () => null,
        (e: { message: string; extensions: Record<string, unknown> }) => e,
      );
      expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', reason, http: { status: 403 } });
      expect(error?.message).toContain('X-Hub-Organisation');
    }
  });

  it('when a person names another organisation than his or her own in X-Hub-Organisation, then it is refused', async () => {
    const { access_token } = await passwordLogin('education.vlk');
    await expect(verifier.verify(`Bearer ${access_token}`, '1020500010057')).rejects.toMatchObject({ extensions: { reason: 'organisation_not_allowed' } });
    await expect(verifier.verify(`Bearer ${access_token}`, '1020500010046')).resolves.toMatchObject({ organisation: expect.objectContaining({ code: 'school1-vlk' }) });
  });

  it("when a case curator logs in through the portal, then the principal carries the curator's role, organisation and its territory, without Keycloak's default roles", async () => {
    const { access_token } = await passwordLogin('curator.yol');
    const principal = await verifier.verify(`bearer ${access_token}`);
    expect(principal).toEqual({
      subject: userId('curator.yol'),
      username: 'curator.yol',
      roles: ['case_curator'],
      organisation: expect.objectContaining({ code: 'social-yol', type: 'social' }),
      agency: 'social',
      territories: ['88701000'],
      clientId: 'kdn-portal',
      isServiceAccount: false,
      tokenId: expect.any(String),
    });
    expect(decodeJwt(access_token).realm_access).toEqual({ roles: expect.arrayContaining(['offline_access']) });
  });

  it('when an auditor logs in, then the principal acts for no organisation', async () => {
    const { access_token } = await passwordLogin('auditor.vlk');
    await expect(verifier.verify(`Bearer ${access_token}`)).resolves.toMatchObject({
      roles: ['auditor'],
      organisation: null,
      agency: null,
      territories: null,
    });
  });
});

describe('rejected requests', () => {
  it('when there is no Authorization header, then it is rejected as missing_token', async () => {
    await expectHeaderRejected(undefined, 'missing_token');
  });

  it('when the Authorization header is not a Bearer token, then it is rejected as missing_token', async () => {
    await expectHeaderRejected(`Basic ${Buffer.from('education-system:dev-education-secret').toString('base64')}`, 'missing_token');
  });

  // The shared catalogue (test/support/bad-tokens.ts); the end-to-end test sends the same tokens to the hub.
  it.each(BAD_TOKENS)('when $name, then it is rejected as $reason', async ({ make, reason }) => {
    await expectRejected(await make(idp, tokenHelpers(idp)), reason);
  });

  it('when only some clients are allowed, then a portal login is rejected as azp_not_allowed', async () => {
    const onlySystems = verifierFor(idp, { allowedClients: ['education-system'] });
    await expectRejected((await passwordLogin('chair.vlk')).access_token, 'azp_not_allowed', onlySystems);
  });
});

describe('accepted tokens remembered', () => {
  it('when one token comes seven times (the gateway and six subgraphs of one view), then its signature is checked once and each request is still decided by the organisation it names', async () => {
    const regional = verifierFor(idp);
    const token = await serviceToken(idp, 'education-regional', 'dev-education-regional-secret');

    await expect(regional.verify(`Bearer ${token}`, '1028800010315')).resolves.toMatchObject({ organisation: expect.objectContaining({ code: 'school1-yol' }) });
    for (let i = 0; i < 5; i++) await expect(regional.verify(`Bearer ${token}`, '1028800010315')).resolves.toMatchObject({ agency: 'education' });
    await expect(regional.verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { reason: 'organisation_required' } });

    expect(regional.signatureChecks()).toBe(1);
  });

  it('when a refused token comes again, then it is checked again and refused again: only accepted tokens are remembered', async () => {
    const portalOnly = verifierFor(idp, { allowedClients: ['kdn-portal'] });
    const token = await serviceToken();

    for (let i = 0; i < 3; i++) await expectRejected(token, 'azp_not_allowed', portalOnly);

    expect(portalOnly.signatureChecks()).toBe(3);
  });

  it('when a remembered token expires, then it is refused as expired, not served from memory', async () => {
    const strict = verifierFor(idp, { clockToleranceSeconds: 0 });
    const claims = decodeJwt(await serviceToken());
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await idp.signRaw({}, { ...claims, iat: exp - 10, exp });
    await expect(strict.verify(`Bearer ${token}`)).resolves.toMatchObject({ agency: 'education' });

    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));

    await expectRejected(token, 'expired', strict);
    expect(strict.signatureChecks()).toBe(2);
  });
});

describe('key rotation and JWKS availability', () => {
  it('when the IdP rotates its key, then new tokens are accepted at once and old-key tokens stop working once the old key is removed and the cache aged', async () => {
    const rotating = await startEmbeddedIdp({});
    try {
      const fastCache = verifierFor(rotating, { jwksCacheMaxAgeMs: 200, jwksCooldownMs: 0 });
      const oldKid = rotating.activeKid;
      const oldToken = await serviceToken(rotating);
      await expect(fastCache.verify(`Bearer ${oldToken}`)).resolves.toMatchObject({ agency: 'education' });

      const newKid = await rotating.rotateKey();
      expect(newKid).not.toBe(oldKid);
      const newToken = await serviceToken(rotating);
      await expect(fastCache.verify(`Bearer ${newToken}`)).resolves.toMatchObject({ agency: 'education' });
      await expect(fastCache.verify(`Bearer ${oldToken}`)).resolves.toMatchObject({ agency: 'education' });

      rotating.removeKey(oldKid);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectRejected(oldToken, 'unknown_kid', fastCache);
      await expect(fastCache.verify(`Bearer ${newToken}`)).resolves.toMatchObject({ agency: 'education' });
    } finally {
      await rotating.stop();
    }
  });

  it('when the IdP is down and the verifier has no cached keys, then every token is rejected as jwks_unavailable', async () => {
    const stopped = await startEmbeddedIdp({});
    const token = await serviceToken(stopped);
    await stopped.stop();
    await expectRejected(token, 'jwks_unavailable', verifierFor(stopped, { jwksTimeoutMs: 1000 }));
  });

  it('when the JWKS URL answers with something that is not a key set, then tokens are rejected as jwks_unavailable', async () => {
    const wrongUrl = verifierFor(idp, { jwksUri: `${idp.issuer}/.well-known/openid-configuration` });
    await expectRejected(await serviceToken(), 'jwks_unavailable', wrongUrl);
  });
});
