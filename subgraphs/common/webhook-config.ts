import { SystemBinding } from '../../auth/organisations/organisation';

/** Where one system takes its notifications, and the key that signs them. */
export interface WebhookEndpoint {
  url: string;
  secret: string;
}

/** Webhooks by the OAuth client id of a system of the organisation registry. */
export type WebhookSystems = Partial<Record<string, WebhookEndpoint>>;

/** `education-regional` -> `WEBHOOK_EDUCATION_REGIONAL`: the prefix of a system's two variables. */
export function webhookVariable(clientId: string): string {
  return `WEBHOOK_${clientId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * Before organisations a webhook belonged to an agency type and received the notifications of
 * every unit of that type in every region. Those variables are refused rather than mapped: the
 * endpoint they name may be a regional system expecting all of them, and silently sending it one
 * unit's share would lose the rest.
 */
const LEGACY_AGENCIES = ['education', 'health', 'police', 'social', 'guardianship', 'kdn'];

/**
 * The systems' webhooks from `WEBHOOK_<CLIENT_ID>_URL` and `WEBHOOK_<CLIENT_ID>_SECRET` (or
 * `_SECRET_FILE`), checked against the registry's systems. Returns every error at once, so an
 * operator fixes the whole configuration in one go.
 */
export function webhooksFromEnv(
  env: Record<string, string | undefined>,
  systems: readonly SystemBinding[],
  readSecret: (key: string) => string | undefined,
): { webhooks: WebhookSystems; errors: string[] } {
  const webhooks: WebhookSystems = {};
  const errors: string[] = [];
  const known = new Map<string, string>();
  for (const system of systems) {
    const prefix = webhookVariable(system.clientId);
    const other = known.get(prefix);
    if (other) errors.push(`${prefix}_URL: системы ${other} и ${system.clientId} дают одно и то же имя переменной`);
    known.set(prefix, system.clientId);
  }
  const variables = (prefix: string) => ['URL', 'SECRET', 'SECRET_FILE'].map((suffix) => `${prefix}_${suffix}`);
  const expected = new Set([...known.keys()].flatMap(variables));
  for (const key of Object.keys(env)) {
    if (!/^WEBHOOK_.+_(URL|SECRET|SECRET_FILE)$/.test(key) || !env[key] || expected.has(key)) continue;
    const legacy = LEGACY_AGENCIES.find((agency) => variables(`WEBHOOK_${agency.toUpperCase()}`).includes(key));
    const own = legacy && webhookVariable(`${legacy}-system`);
    const systemsList = `системы реестра: ${[...known.keys()].map((p) => `${p}_URL`).join(', ')}`;
    errors.push(
      legacy
        ? `${key}: вебхуки теперь настраиваются для информационных систем, а не для ведомств; ${own && known.has(own) ? `например ${own}_URL` : systemsList}`
        : `${key}: в реестре организаций нет системы с таким именем (${systemsList})`,
    );
  }
  for (const system of systems) {
    const prefix = webhookVariable(system.clientId);
    const url = env[`${prefix}_URL`];
    let secret: string | undefined;
    try {
      secret = readSecret(`${prefix}_SECRET`);
    } catch (error) {
      errors.push(`${prefix}_SECRET_FILE: файл не читается (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (!url && !secret) continue;
    if (!url) {
      errors.push(`${prefix}_URL обязателен, если задан ${prefix}_SECRET`);
      continue;
    }
    if (!secret) errors.push(`${prefix}_SECRET (или ${prefix}_SECRET_FILE) обязателен, если задан ${prefix}_URL`);
    if (!isHttpUrl(url)) errors.push(`${prefix}_URL=${url}: нужен адрес http:// или https://`);
    if (system.organisations.length === 0) errors.push(`${prefix}_URL: у системы ${system.clientId} в реестре нет ни одной организации`);
    if (secret && isHttpUrl(url) && system.organisations.length > 0) webhooks[system.clientId] = { url, secret };
  }
  return { webhooks, errors };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
