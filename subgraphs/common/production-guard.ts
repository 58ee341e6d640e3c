import { ConfigError } from './config-error';

/**
 * What `npm start` and the tests use, published in this repository: never acceptable in production.
 * The pseudonym key above all: with it, anyone holding child ids can undo the access log's pseudonyms.
 */
export const DEV_PSEUDONYM_KEY = 'development-only-audit-pseudonym-key';
const DEV_PASSWORDS = [/^hub-[a-z]+-dev-password$/, /^hub-dev-superuser$/];
const DEV_CLIENT_SECRET = /^dev-[a-z-]+-secret$/;
const MIN_KEY_LENGTH = 32;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

type Env = Record<string, string | undefined>;

/**
 * Refuses to start in production (NODE_ENV=production) with the development secrets, weak keys, a
 * database password of the development setup, or an identity provider reached without TLS other
 * than on this machine; names every offending variable at once, never its value.
 */
export function refuseDevelopmentSettings(env: Env, resolved: { pseudonymKey?: string; secrets?: Record<string, string | undefined> } = {}): void {
  if (env.NODE_ENV !== 'production') return;
  const errors: string[] = [];
  const pseudonymKey = resolved.pseudonymKey ?? env.AUDIT_PSEUDONYM_KEY;
  if (pseudonymKey !== undefined) {
    if (pseudonymKey === DEV_PSEUDONYM_KEY) errors.push('AUDIT_PSEUDONYM_KEY: ключ разработки опубликован в репозитории; задайте свой случайный ключ (не короче 32 символов)');
    else if (pseudonymKey.length < MIN_KEY_LENGTH) errors.push(`AUDIT_PSEUDONYM_KEY: ключ короче ${MIN_KEY_LENGTH} символов`);
  }
  for (const [key, value] of Object.entries(env)) {
    if (!value) continue;
    if (/_DATABASE_URL$/.test(key)) {
      const password = passwordOf(value);
      if (password !== null && DEV_PASSWORDS.some((p) => p.test(password))) errors.push(`${key}: пароль базы данных из настроек разработки`);
    }
  }
  for (const [key, value] of Object.entries({ ...pickSecrets(env), ...resolved.secrets })) {
    if (value && DEV_CLIENT_SECRET.test(value)) errors.push(`${key}: секрет из настроек разработки (dev-…-secret)`);
  }
  for (const key of ['AUTH_ISSUER']) {
    const value = env[key];
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      errors.push(`${key}: не URL`);
      continue;
    }
    if (url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname)) errors.push(`${key}: поставщик удостоверений без TLS (${url.protocol}//${url.hostname}); в production только https (http допустим лишь для localhost)`);
  }
  if (errors.length) throw new ConfigError(`Configuration: production mode refuses development settings:\n  ${errors.join('\n  ')}`);
}

function pickSecrets(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([key]) => /_SECRET$/.test(key)));
}

function passwordOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}
