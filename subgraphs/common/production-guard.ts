import { ConfigError } from './config-error';

/**
 * What `npm start` and the tests use, published in this repository: never acceptable in production.
 * The pseudonym key above all: with it, anyone holding child ids can undo the access log's pseudonyms.
 */
export const DEV_PSEUDONYM_KEY = 'development-only-audit-pseudonym-key';
const DEV_PASSWORDS = [/^hub-[a-z]+-dev-password$/, /^hub-dev-superuser$/];
const DEV_CLIENT_SECRET = /^dev-[a-z-]+-secret$/;
export const MIN_PRODUCTION_KEY_LENGTH = 32;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

type Env = Record<string, string | undefined>;

/**
 * The production rules (NODE_ENV=production): no development secret, no weak key, no database
 * password of the development setup, no identity provider reached without TLS other than on this
 * machine. One line per offending variable, never its value; empty outside production. The
 * configuration pass (env-check.ts) reports them together with every other problem.
 */
export function developmentSettingsProblems(env: Env, resolved: Record<string, string | undefined> = {}): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const errors: string[] = [];
  const pseudonymKey = resolved.AUDIT_PSEUDONYM_KEY ?? env.AUDIT_PSEUDONYM_KEY;
  if (pseudonymKey) {
    if (pseudonymKey === DEV_PSEUDONYM_KEY)
      errors.push(`AUDIT_PSEUDONYM_KEY: ключ разработки опубликован в репозитории; задайте свой случайный ключ (не короче ${MIN_PRODUCTION_KEY_LENGTH} символов)`);
    else if (pseudonymKey.length < MIN_PRODUCTION_KEY_LENGTH) errors.push(`AUDIT_PSEUDONYM_KEY: ключ короче ${MIN_PRODUCTION_KEY_LENGTH} символов (в production)`);
  }
  for (const [key, value] of Object.entries(env)) {
    if (!value || !/_DATABASE_URL$/.test(key)) continue;
    const password = passwordOf(value);
    if (password !== null && DEV_PASSWORDS.some((p) => p.test(password))) errors.push(`${key}: пароль базы данных из настроек разработки (в production недопустим)`);
  }
  for (const [key, value] of Object.entries({ ...pickSecrets(env), ...resolved })) {
    if (value && DEV_CLIENT_SECRET.test(value)) errors.push(`${key}: секрет из настроек разработки (dev-…-secret)`);
  }
  const issuer = env.AUTH_ISSUER;
  if (issuer) {
    try {
      const url = new URL(issuer);
      if (url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname))
        errors.push(`AUTH_ISSUER: поставщик удостоверений без TLS (${url.protocol}//${url.hostname}); в production только https (http допустим лишь для localhost)`);
    } catch {
      // Not a URL: the issuer's own rule says so.
    }
  }
  return errors;
}

/** The production rules alone, for callers outside the configuration pass; names every offending variable at once. */
export function refuseDevelopmentSettings(env: Env, resolved: { pseudonymKey?: string; secrets?: Record<string, string | undefined> } = {}): void {
  const errors = developmentSettingsProblems(env, { ...resolved.secrets, ...(resolved.pseudonymKey !== undefined ? { AUDIT_PSEUDONYM_KEY: resolved.pseudonymKey } : {}) });
  if (errors.length) throw new ConfigError(`Ошибки настройки: режим production не принимает настройки разработки:\n  - ${errors.join('\n  - ')}`);
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
