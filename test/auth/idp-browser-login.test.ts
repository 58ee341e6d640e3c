/**
 * The browser login of the embedded identity provider, over real HTTP as a browser and the portal
 * (oidc-client-ts) would drive it: the authorization request, the login form, the redirect with the
 * code, the exchange with the PKCE verifier, CORS for the portal's origin, logout. The tokens are
 * checked by the hub's own gateway, so a token the IdP issues wrongly cannot pass here. The last
 * case goes through the same page in Chromium.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import type { Browser } from 'playwright-core';
import { launchBrowser, withPage } from '../support/browser';
import { startTestHub, type TestHub } from '../support/test-hub';

const CLIENT_ID = 'kdn-portal';
const WRONG_CREDENTIALS = 'Неверное имя пользователя или пароль';

let t: TestHub;
/** The portal's origin: the gateway's, as the gateway serves the portal under /portal/. */
let portalOrigin: string;
let redirectUri: string;

beforeAll(async () => {
  t = await startTestHub({ portalDir: null, sync: false });
  portalOrigin = new URL(t.hub.gatewayUrl).origin;
  redirectUri = `${portalOrigin}/portal/callback`;
}, 120_000);
afterAll(() => t.stop());

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface AuthorizeOptions {
  challenge: string;
  redirect?: string;
  extra?: Record<string, string>;
}

function authorizeUrl({ challenge, redirect = redirectUri, extra = {} }: AuthorizeOptions): string {
  const url = new URL(t.idp.authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirect,
    scope: 'openid',
    state: 'st-' + randomBytes(6).toString('hex'),
    nonce: 'n-' + randomBytes(6).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** GETs the authorization URL; for a login form, where it posts and its hidden request id. */
async function openLogin(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  const html = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1];
  return { response, html, action: action ? new URL(action.replace(/&amp;/g, '&'), url).toString() : null, requestId: requestId ?? null };
}

async function submitLogin(action: string, requestId: string, username: string, password: string) {
  const response = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, username, password }),
  });
  return { response, html: await response.text(), location: response.headers.get('location') };
}

/** The whole login up to the redirect carrying the code. */
async function loginForCode(username = 'secretary.vlk', password = 'demo') {
  const { verifier, challenge } = pkce();
  const url = authorizeUrl({ challenge });
  const login = await openLogin(url);
  expect(login.response.status).toBe(200);
  const submitted = await submitLogin(login.action!, login.requestId!, username, password);
  expect(submitted.response.status).toBe(302);
  const location = new URL(submitted.location!);
  return { verifier, location, code: location.searchParams.get('code')!, state: new URL(url).searchParams.get('state')!, nonce: new URL(url).searchParams.get('nonce')! };
}

async function postToken(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(t.idp.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  return { response, body: (await response.json()) as Record<string, string | number> };
}

const exchange = (code: string, verifier: string, redirect = redirectUri) =>
  postToken({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: redirect, code_verifier: verifier });

describe('authorization code with PKCE through the login form', () => {
  it('when a person logs in on the form and the portal exchanges the code with its verifier, then the gateway accepts the access token', async () => {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl({ challenge });
    const login = await openLogin(url);
    expect(login.response.status).toBe(200);
    expect(login.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(login.response.headers.get('cache-control')).toBe('no-store');
    expect(login.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.html).toContain('<html lang="ru">');
    expect(login.html).toContain('<label for="username">Имя пользователя</label>');
    expect(login.html).toContain('<label for="password">Пароль</label>');
    expect(login.html).toMatch(/<button type="submit">Войти<\/button>/);
    // The form posts to the IdP itself; the pending request is an opaque id, not the request's parameters.
    expect(new URL(login.action!).origin).toBe(t.idp.baseUrl);
    expect(login.html).not.toContain(challenge);

    const submitted = await submitLogin(login.action!, login.requestId!, 'secretary.vlk', 'demo');
    expect(submitted.response.status).toBe(302);
    const location = new URL(submitted.location!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe(new URL(url).searchParams.get('state'));
    expect(location.searchParams.get('iss')).toBe(t.idp.issuer);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(submitted.location).not.toContain('demo');

    const { response, body } = await exchange(location.searchParams.get('code')!, verifier);
    expect(response.status).toBe(200);
    expect(body).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 300, access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String) }));
    const idToken = decodeJwt(String(body.id_token));
    expect(idToken).toEqual(expect.objectContaining({ iss: t.idp.issuer, aud: CLIENT_ID, nonce: new URL(url).searchParams.get('nonce'), preferred_username: 'secretary.vlk' }));

    // The same claims the password grant gives this user, apart from per-token values.
    const byPassword = decodeJwt(await t.userToken('secretary.vlk'));
    const byCode = decodeJwt(String(body.access_token));
    const stable = ({ iat, exp, jti, sid, scope, ...rest }: Record<string, unknown>) => rest;
    expect(stable(byCode)).toEqual(stable(byPassword));
    expect(byCode.aud).toBe('hub-api');

    const answer = await t.gql(String(body.access_token), '{ __typename }');
    expect(answer).toEqual(expect.objectContaining({ status: 200, data: { __typename: 'Query' } }));
  });

  it('when the code is exchanged with a wrong verifier, then it is refused and the code is spent', async () => {
    const { verifier, code } = await loginForCode();
    const wrong = await exchange(code, pkce().verifier);
    expect(wrong.response.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const retry = await exchange(code, verifier);
    expect(retry.body.error).toBe('invalid_grant');
  });

  it('when a code is used twice, then the second exchange is refused with invalid_grant', async () => {
    const { verifier, code } = await loginForCode();
    const first = await exchange(code, verifier);
    expect(first.response.status).toBe(200);
    const second = await exchange(code, verifier);
    expect(second.response.status).toBe(400);
    expect(second.body).toEqual(expect.objectContaining({ error: 'invalid_grant' }));
    expect(second.body.access_token).toBeUndefined();
  });

  it('when the code is exchanged with another redirect_uri or without a verifier, then it is refused', async () => {
    const a = await loginForCode();
    expect((await exchange(a.code, a.verifier, `${portalOrigin}/portal/other`)).body.error).toBe('invalid_grant');
    const b = await loginForCode();
    const noVerifier = await postToken({ grant_type: 'authorization_code', client_id: CLIENT_ID, code: b.code, redirect_uri: redirectUri });
    expect(noVerifier.body.error).toBe('invalid_grant');
  });

  it('when the redirect_uri is not registered or the client unknown, then an error page is shown and nobody is redirected', async () => {
    const { challenge } = pkce();
    const cases = [
      authorizeUrl({ challenge, redirect: 'https://attacker.example/portal/callback' }),
      authorizeUrl({ challenge, redirect: `${portalOrigin}/graphql` }),
      authorizeUrl({ challenge, redirect: `${portalOrigin}/portal/callback#fragment` }),
      authorizeUrl({ challenge, extra: { client_id: 'education-system' } }),
      authorizeUrl({ challenge, extra: { client_id: 'no-such-client' } }),
    ];
    for (const url of cases) {
      const { response, html } = await openLogin(url);
      expect({ url, status: response.status, location: response.headers.get('location') }).toEqual({ url, status: 400, location: null });
      expect(html).toMatch(/Неизвестное приложение|Недопустимый адрес возврата/);
      expect(html).not.toContain('name="password"');
    }
  });

  it('when the challenge method is plain or the challenge is missing, then the browser goes back with invalid_request and no form is shown', async () => {
    const { verifier } = pkce();
    const cases: Record<string, string>[] = [{ code_challenge_method: 'plain', code_challenge: verifier }, { code_challenge: '' }, { response_type: 'token' }];
    for (const extra of cases) {
      const url = authorizeUrl({ challenge: 'x'.repeat(43), extra });
      const { response } = await openLogin(url);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
      expect(location.searchParams.get('error')).toBe(extra.response_type ? 'unsupported_response_type' : 'invalid_request');
      expect(location.searchParams.get('state')).toBe(new URL(url).searchParams.get('state'));
    }
  });

  it('when the password is wrong or the user unknown, then the same form comes back with the Russian error, and a right password then still logs in', async () => {
    const { challenge } = pkce();
    const login = await openLogin(authorizeUrl({ challenge }));
    const wrong = await submitLogin(login.action!, login.requestId!, 'secretary.vlk', 'not-the-password');
    expect(wrong.response.status).toBe(401);
    expect(wrong.location).toBeNull();
    expect(wrong.html).toContain(WRONG_CREDENTIALS);
    expect(wrong.html).toContain('role="alert"');
    const unknown = await submitLogin(login.action!, login.requestId!, 'nobody.here', 'demo');
    // Nothing tells an unknown user from a wrong password but the name typed, which the form keeps.
    expect(unknown.html.replace('nobody.here', 'secretary.vlk')).toBe(wrong.html);
    const right = await submitLogin(login.action!, login.requestId!, 'secretary.vlk', 'demo');
    expect(right.response.status).toBe(302);
    expect(new URL(right.location!).searchParams.get('code')).toBeTruthy();
    // The pending request is spent with the login.
    const again = await submitLogin(login.action!, login.requestId!, 'secretary.vlk', 'demo');
    expect(again.response.status).toBe(400);
  });
});

describe('CORS for the portal page', () => {
  const preflight = (url: string, origin: string) => fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('when the portal origin sends a preflight to the token endpoint, then it is allowed; from another origin it is not', async () => {
    const allowed = await preflight(t.idp.tokenEndpoint, portalOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(portalOrigin);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    for (const origin of ['https://attacker.example', 'http://attacker.example:4000', 'null']) {
      const refused = await preflight(t.idp.tokenEndpoint, origin);
      expect({ origin, allow: refused.headers.get('access-control-allow-origin') }).toEqual({ origin, allow: null });
    }
  });

  it('when the portal reads discovery, keys and the token answer, then each carries its origin and discovery names the browser endpoints', async () => {
    const discovery = await fetch(`${t.idp.issuer}/.well-known/openid-configuration`, { headers: { origin: portalOrigin } });
    expect(discovery.headers.get('access-control-allow-origin')).toBe(portalOrigin);
    expect(await discovery.json()).toEqual(
      expect.objectContaining({
        authorization_endpoint: t.idp.authorizationEndpoint,
        end_session_endpoint: t.idp.endSessionEndpoint,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
        grant_types_supported: expect.arrayContaining(['authorization_code', 'refresh_token']),
      }),
    );
    const keys = await fetch(t.idp.jwksUri, { headers: { origin: 'https://attacker.example' } });
    expect(keys.headers.get('access-control-allow-origin')).toBeNull();
    const { verifier, code } = await loginForCode();
    const { response } = await postToken({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: redirectUri, code_verifier: verifier }, { origin: portalOrigin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(portalOrigin);
  });
});

describe('refresh and logout', () => {
  it('when the portal refreshes, then a refresh token works once; after logout with the id_token_hint the session cannot be refreshed', async () => {
    const { verifier, code } = await loginForCode();
    const tokens = (await exchange(code, verifier)).body;
    const refreshed = await postToken({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: String(tokens.refresh_token) });
    expect(refreshed.response.status).toBe(200);
    expect(decodeJwt(String(refreshed.body.access_token)).sub).toBe(decodeJwt(String(tokens.access_token)).sub);
    const reused = await postToken({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: String(tokens.refresh_token) });
    expect(reused.body.error).toBe('invalid_grant');

    const logout = new URL(t.idp.endSessionEndpoint);
    logout.searchParams.set('client_id', CLIENT_ID);
    logout.searchParams.set('post_logout_redirect_uri', `${portalOrigin}/portal/`);
    logout.searchParams.set('id_token_hint', String(tokens.id_token));
    logout.searchParams.set('state', 'bye');
    const answer = await fetch(logout, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`${portalOrigin}/portal/?state=bye`);
    const afterLogout = await postToken({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: String(refreshed.body.refresh_token) });
    expect(afterLogout.body.error).toBe('invalid_grant');
  });

  it('when logout names a post-logout address that is not registered, then an error page is shown instead of a redirect', async () => {
    for (const target of ['https://attacker.example/portal/', `${portalOrigin}/graphql`]) {
      const logout = new URL(t.idp.endSessionEndpoint);
      logout.searchParams.set('client_id', CLIENT_ID);
      logout.searchParams.set('post_logout_redirect_uri', target);
      const answer = await fetch(logout, { redirect: 'manual' });
      expect({ target, status: answer.status, location: answer.headers.get('location') }).toEqual({ target, status: 400, location: null });
      expect(await answer.text()).toContain('Недопустимый адрес после выхода');
    }
  });
});

describe('the login page in Chromium', () => {
  let browser: Browser;
  let fixture: Server;
  let fixtureOrigin: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // Stands in for the portal's callback page: a loopback origin on a port of its own.
    fixture = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="ru"><title>Портал</title><h1>Вход выполнен</h1></html>');
    });
    await new Promise<void>((resolve) => fixture.listen(0, '127.0.0.1', resolve));
    fixtureOrigin = `http://127.0.0.1:${(fixture.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => fixture?.close(resolve));
  });

  it('when a person types the demo login into the page and presses Войти, then the browser lands on the portal with a code the portal can redeem', async () => {
    const { verifier, challenge } = pkce();
    const callback = `${fixtureOrigin}/portal/callback`;
    await withPage(browser, 'idp-browser-login', async (page) => {
      await page.goto(authorizeUrl({ challenge, redirect: callback }));
      await page.getByLabel('Имя пользователя').fill('secretary.vlk');
      await page.getByLabel('Пароль').fill('wrong');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
      await page.getByLabel('Пароль').fill('demo');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL((url) => url.toString().startsWith(callback));
      await page.getByRole('heading', { name: 'Вход выполнен' }).waitFor();
      const code = new URL(page.url()).searchParams.get('code')!;
      const { response, body } = await exchange(code, verifier, callback);
      expect(response.status).toBe(200);
      expect(decodeJwt(String(body.access_token)).preferred_username).toBe('secretary.vlk');
    });
  });
});
