import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { ExpiringStore, pkceS256Matches, validPkceValue } from './authorization-codes';
import { postLogoutUriAllowed, redirectUriAllowed } from './client-uris';
import { OAuthError, readForm, sendHtml, sendRedirect } from './http-io';
import { renderLoginPage, renderMessagePage } from './login-page';
import type { RealmClient, RealmFile, RealmUser } from './realm-types';

/**
 * The browser login of the embedded IdP: the authorization code flow with PKCE S256 (RFC 6749
 * §4.1, RFC 7636), the login form, and RP-initiated logout, on Keycloak's URL layout.
 *
 * There is no IdP session and no cookie: every authorization request shows the form and asks for
 * the password, so logout has nothing of ours to clear in the browser; it ends the token session
 * (`sid`) named by the id_token_hint, so that session's refresh tokens stop working.
 */
export interface BrowserLoginDeps {
  realm: RealmFile;
  /** `/realms/<realm>` */
  realmPath: string;
  issuer: string;
  /** The user for these credentials, or null (unknown, disabled, service account, wrong password alike). */
  authenticateUser(username: string, password: string): RealmUser | null;
  /** The claims of an ID token this issuer signed (expired ones too, as logout hints may be), or null. */
  verifyIdTokenHint(token: string): Promise<JWTPayload | null>;
  endSession(sid: string): void;
}

/** What an authorization code stands for. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  scope: Set<string>;
  user: RealmUser;
  /** Seconds since the epoch: when the password was checked. */
  authTime: number;
}

interface PendingLogin {
  client: RealmClient;
  redirectUri: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
  scope: Set<string>;
  failures: number;
}

const CODE_LIFETIME_MS = 60_000;
// Keycloak's default login timeout: the form may be left open a while before the password is typed.
const LOGIN_LIFETIME_MS = 30 * 60_000;
// Guessing on one form is cut short; the realm's bruteForceProtected is Keycloak's business.
const MAX_FAILURES = 5;
const WRONG_CREDENTIALS = 'Неверное имя пользователя или пароль';

export function createBrowserLogin(deps: BrowserLoginDeps) {
  const pending = new ExpiringStore<PendingLogin>(LOGIN_LIFETIME_MS);
  const codes = new ExpiringStore<CodeGrant>(CODE_LIFETIME_MS);
  const authenticatePath = `${deps.realmPath}/login-actions/authenticate`;
  const realmName = deps.realm.displayName ?? deps.realm.realm;

  const findClient = (clientId: string | null) => (deps.realm.clients ?? []).find((c) => c.clientId === clientId && c.enabled !== false && !c.bearerOnly);
  const originOf = (uri: string) => new URL(uri).origin;

  function showError(res: ServerResponse, status: number, title: string, message: string): void {
    sendHtml(res, status, renderMessagePage(title, message));
  }

  function showForm(res: ServerResponse, status: number, requestId: string, login: PendingLogin, username?: string, error?: string): void {
    const html = renderLoginPage({ realmName, clientName: login.client.name ?? login.client.clientId, action: authenticatePath, requestId, username, error });
    sendHtml(res, status, html, [originOf(login.redirectUri)]);
  }

  function redirectWith(res: ServerResponse, redirectUri: string, params: Record<string, string | null>): void {
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries(params)) if (value !== null) target.searchParams.append(name, value);
    // RFC 9207: the client can tell which issuer answered (mix-up attacks).
    target.searchParams.append('iss', deps.issuer);
    sendRedirect(res, target.href);
  }

  /** GET {issuer}/protocol/openid-connect/auth */
  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const single = (name: string) => (q.getAll(name).length === 1 ? q.get(name) : null);
    const client = findClient(single('client_id'));
    // Until the client and its redirect URI are known good, errors are shown here, never redirected (RFC 6749 §4.1.2.1).
    if (!client || !client.standardFlowEnabled) {
      return showError(res, 400, 'Ошибка входа', 'Неизвестное приложение: вход через браузер для него не разрешён.');
    }
    const redirectUri = single('redirect_uri');
    if (!redirectUri || !redirectUriAllowed(client, redirectUri)) {
      return showError(res, 400, 'Ошибка входа', 'Недопустимый адрес возврата (redirect_uri) для этого приложения.');
    }
    const state = q.get('state');
    const fail = (error: string, description: string) => redirectWith(res, redirectUri, { error, error_description: description, state });
    for (const name of ['response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'response_mode']) {
      if (q.getAll(name).length > 1) return fail('invalid_request', `Duplicated parameter: ${name}`);
    }
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
    if (q.has('response_mode') && q.get('response_mode') !== 'query') return fail('invalid_request', 'Only response_mode=query is supported');
    // Only S256, whatever the client asks for: the realm's kdn-portal says so, and plain offers no protection.
    if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'Invalid parameter: code_challenge_method must be S256');
    const codeChallenge = q.get('code_challenge');
    if (!validPkceValue(codeChallenge)) return fail('invalid_request', 'Invalid parameter: code_challenge');
    // No IdP session to reuse: a silent (prompt=none) request always needs a login.
    if ((q.get('prompt') ?? '').split(' ').includes('none')) return fail('login_required', 'Login required');
    const login: PendingLogin = {
      client,
      redirectUri,
      state,
      nonce: q.get('nonce'),
      codeChallenge,
      scope: new Set((q.get('scope') ?? '').split(' ').filter(Boolean)),
      failures: 0,
    };
    showForm(res, 200, pending.add(login), login);
  }

  /** POST {issuer}/login-actions/authenticate: the login form. */
  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const requestId = form?.get('request') ?? '';
    const login = pending.peek(requestId);
    if (!form || !login) {
      return showError(res, 400, 'Время входа истекло', 'Вернитесь в приложение и начните вход заново.');
    }
    const username = form.get('username') ?? '';
    const user = deps.authenticateUser(username, form.get('password') ?? '');
    if (!user) {
      login.failures += 1;
      if (login.failures >= MAX_FAILURES) {
        pending.take(requestId);
        return showError(res, 400, 'Вход не выполнен', 'Слишком много неудачных попыток. Вернитесь в приложение и начните вход заново.');
      }
      return showForm(res, 401, requestId, login, username, WRONG_CREDENTIALS);
    }
    pending.take(requestId);
    const code = codes.add({
      clientId: login.client.clientId,
      redirectUri: login.redirectUri,
      codeChallenge: login.codeChallenge,
      nonce: login.nonce,
      scope: login.scope,
      user,
      authTime: Math.floor(Date.now() / 1000),
    });
    redirectWith(res, login.redirectUri, { code, state: login.state });
  }

  /** Token endpoint, grant_type=authorization_code: the code once, from the client it was issued to, with the verifier. */
  function redeemCode(form: URLSearchParams, client: RealmClient): CodeGrant {
    if (!client.standardFlowEnabled) throw new OAuthError(400, 'unauthorized_client', 'Client not allowed for the standard flow');
    const code = form.get('code');
    if (!code) throw new OAuthError(400, 'invalid_request', 'Missing parameter: code');
    // Taken before any other check: a code presented once is spent, right or wrong (RFC 6749 §4.1.2).
    const grant = codes.take(code);
    if (!grant) throw new OAuthError(400, 'invalid_grant', 'Code not valid');
    if (grant.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'Code issued to another client');
    if (form.get('redirect_uri') !== grant.redirectUri) throw new OAuthError(400, 'invalid_grant', 'Incorrect redirect_uri');
    const verifier = form.get('code_verifier');
    if (verifier === null) throw new OAuthError(400, 'invalid_grant', 'PKCE code verifier not specified');
    if (!validPkceValue(verifier) || !pkceS256Matches(verifier, grant.codeChallenge)) {
      throw new OAuthError(400, 'invalid_grant', 'PKCE verification failed');
    }
    return grant;
  }

  /** GET {issuer}/protocol/openid-connect/logout (OpenID Connect RP-Initiated Logout). */
  async function logout(url: URL, res: ServerResponse): Promise<void> {
    const q = url.searchParams;
    const hintToken = q.get('id_token_hint');
    const hint = hintToken ? await deps.verifyIdTokenHint(hintToken) : null;
    if (hintToken && !hint) return showError(res, 400, 'Ошибка выхода', 'Недействительный id_token_hint.');
    const hintClient = hint ? (typeof hint.azp === 'string' ? hint.azp : typeof hint.aud === 'string' ? hint.aud : null) : null;
    const clientId = q.get('client_id') ?? hintClient;
    if (hintClient && clientId !== hintClient) return showError(res, 400, 'Ошибка выхода', 'id_token_hint выдан другому приложению.');
    if (hint && typeof hint.sid === 'string') deps.endSession(hint.sid);
    const target = q.get('post_logout_redirect_uri');
    if (!target) return showError(res, 200, 'Вы вышли из системы', 'Сеанс завершён. Окно можно закрыть.');
    const client = findClient(clientId);
    if (!client || !postLogoutUriAllowed(client, target)) {
      return showError(res, 400, 'Ошибка выхода', 'Недопустимый адрес после выхода (post_logout_redirect_uri) для этого приложения.');
    }
    const location = new URL(target);
    const state = q.get('state');
    if (state !== null) location.searchParams.append('state', state);
    sendRedirect(res, location.href);
  }

  return { authorize, authenticate, redeemCode, logout, authenticatePath };
}
