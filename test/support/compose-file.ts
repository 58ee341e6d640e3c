import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The parts of a docker-compose service the ops tests look at. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  restart?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: string[];
  ports?: string[];
  expose?: Array<string | number>;
  healthcheck?: { test?: string | string[] };
  /** Container secrets the service gets under /run/secrets/<name>. */
  secrets?: Array<string | { source: string; target?: string }>;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
  [extension: `x-${string}`]: unknown;
}

export const ROOT = path.join(__dirname, '..', '..');
export const COMPOSE_PATH = path.join(ROOT, 'docker-compose.yml');

export function composeText(): string {
  return readFileSync(COMPOSE_PATH, 'utf8');
}

/** docker-compose.yml as docker compose reads it: anchors, aliases and `<<:` merge keys resolved. */
export function loadCompose(): ComposeFile {
  return parse(composeText(), { merge: true }) as ComposeFile;
}

/** A service's environment as a map (compose accepts a map or a list of KEY=VALUE), values as compose passes them: strings. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const out: Record<string, string> = {};
  if (Array.isArray(env)) {
    for (const item of env) {
      const at = item.indexOf('=');
      if (at > 0) out[item.slice(0, at)] = item.slice(at + 1);
    }
    return out;
  }
  for (const [key, value] of Object.entries(env)) {
    // `KEY:` with no value means "take it from the shell"; compose leaves it unset when the shell has none.
    if (value !== null && value !== undefined) out[key] = String(value);
  }
  return out;
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, value]) => [name, value?.condition ?? 'service_started']));
}

/** A command or healthcheck as one string, whichever form (shell string or exec array) it is written in. */
export function asText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

export class MissingVariableError extends Error {}
/** `${` that is not a variable reference: compose refuses the file ("invalid interpolation format"). */
export class InvalidTemplateError extends Error {}

const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{))/g;

/**
 * Compose's variable interpolation (`$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+other}`, `${VAR+other}`) against `vars`, the
 * project's `.env`. A `?` reference to an unset variable throws, as `docker compose up` refuses to start.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    REFERENCE,
    (_match, dollar: string | undefined, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined, invalid: string | undefined) => {
      if (dollar) return '$';
      if (invalid) throw new InvalidTemplateError(`неверная подстановка в ${JSON.stringify(value)}: после \${ нужно имя переменной и }; знак $ пишется как $$`);
      const name = (braced ?? bare)!;
      const current = vars[name];
      const isSet = current !== undefined;
      const isSetNonEmpty = isSet && current !== '';
      switch (op) {
        case undefined:
          return current ?? '';
        case ':-':
          return isSetNonEmpty ? current! : arg!;
        case '-':
          return isSet ? current! : arg!;
        case ':?':
          if (!isSetNonEmpty) throw new MissingVariableError(`переменная ${name} не задана: ${arg || 'обязательна'}`);
          return current!;
        case '?':
          if (!isSet) throw new MissingVariableError(`переменная ${name} не задана: ${arg || 'обязательна'}`);
          return current!;
        case ':+':
          return isSetNonEmpty ? arg! : '';
        case '+':
          return isSet ? arg! : '';
        default:
          throw new Error(`unsupported interpolation ${op}`);
      }
    },
  );
}

/** Every variable the compose file insists on (`${VAR:?...}` or `${VAR?...}`): what `.env` must hold. */
export function requiredVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) names.add(match[1]);
  return [...names].sort();
}

/** Every variable the compose file reads from `.env` or the shell, required or not. */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[2] ?? match[5];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** The environment a service's process gets: its `environment:` with `.env` substituted in. */
export function processEnvironment(service: ComposeService, vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(environmentOf(service)).map(([key, value]) => [key, interpolate(value, vars)]));
}

/** An env object that remembers every key read from it (`env.X`, `env[key]`), to see what configuration code consults. */
export function recordingEnv(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; read: Set<string> } {
  const read = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  return { env: proxy, read };
}
