import { createHash } from 'node:crypto';

/**
 * The embedded IdP's pages: the login form and a message page (errors, logout). Plain server-rendered
 * HTML in Russian, usable without JavaScript (the pages carry none) and with a screen reader:
 * labelled fields, the error announced as an alert and tied to the fields it concerns.
 */
const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f3f5f8; color: #1b1f24; }
main { max-width: 24rem; margin: 10vh auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
p.sub { margin: 0 0 1.5rem; color: #4a5561; }
label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #8a96a3; border-radius: 4px; }
input:focus, button:focus { outline: 3px solid #1f6feb; outline-offset: 1px; }
button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; font-weight: 600; color: #fff; background: #1f5fbf; border: 0; border-radius: 4px; cursor: pointer; }
.error { margin: 1rem 0 0; padding: .75rem; border-left: 4px solid #b42318; background: #fdecea; color: #8a1c12; }
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Headers of every page. `form-action` names the origins a POST may end up at: Chromium applies it
 * to the redirect after the form too, so the client's redirect origin must be listed.
 */
export function pageHeaders(formTargets: string[] = []): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(/ +;/g, ';'),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface LoginPageInput {
  realmName: string;
  clientName: string;
  /** Where the form posts (same origin as the IdP). */
  action: string;
  /** The pending authorization request, kept server-side. */
  requestId: string;
  username?: string;
  error?: string;
}

export function renderLoginPage(input: LoginPageInput): string {
  const error = input.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const describedBy = input.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page(
    `Вход — ${input.clientName}`,
    `<h1>Вход в систему</h1>
<p class="sub">${escapeHtml(input.clientName)} · ${escapeHtml(input.realmName)}</p>
${error}
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">
<label for="username">Имя пользователя</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(input.username ?? '')}"${describedBy}>
<label for="password">Пароль</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit">Войти</button>
</form>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}
