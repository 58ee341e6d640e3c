import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { interpolate, ROOT } from './compose-file';

/**
 * docker-compose.yml read the way Docker Compose reads it (compose-go's loader), for machines
 * without `docker compose`: YAML with merge keys and no duplicate keys, then `${VAR}` interpolation
 * of every value with the casts compose applies at typed paths, then the Compose Specification's
 * JSON schema (deploy/compose-spec/, the copy compose-go embeds), then the consistency checks
 * compose makes before it runs anything (references to undefined services, volumes, secrets).
 */

export const COMPOSE_SPEC_PATH = path.join(ROOT, 'deploy', 'compose-spec', 'compose-spec.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Cast = (value: string) => Json;

const toInt: Cast = (value) => {
  if (!/^[+-]?\d+$/.test(value)) throw new Error(`не целое число: ${JSON.stringify(value)}`);
  return Number(value);
};
const toFloat: Cast = (value) => {
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) throw new Error(`не число: ${JSON.stringify(value)}`);
  return number;
};
const toBoolean: Cast = (value) => {
  const lower = value.toLowerCase();
  if (['true', 'y', 'yes', 'on'].includes(lower)) return true;
  if (['false', 'n', 'no', 'off'].includes(lower)) return false;
  throw new Error(`не логическое значение: ${JSON.stringify(value)}`);
};

/** compose-go loader/interpolate.go: `*` any key, `[]` any list item; the string after interpolation is cast. */
const CASTS: Array<[string, Cast]> = [
  ...(
    [
      ['cpu_count', toInt],
      ['cpu_percent', toFloat],
      ['cpu_period', toInt],
      ['cpu_quota', toInt],
      ['cpu_rt_period', toInt],
      ['cpu_rt_runtime', toInt],
      ['cpus', toFloat],
      ['cpu_shares', toInt],
      ['init', toBoolean],
      ['depends_on.*.required', toBoolean],
      ['depends_on.*.restart', toBoolean],
      ['deploy.replicas', toInt],
      ['deploy.update_config.parallelism', toInt],
      ['deploy.update_config.max_failure_ratio', toFloat],
      ['deploy.rollback_config.parallelism', toInt],
      ['deploy.rollback_config.max_failure_ratio', toFloat],
      ['deploy.restart_policy.max_attempts', toInt],
      ['deploy.placement.max_replicas_per_node', toInt],
      ['healthcheck.retries', toInt],
      ['healthcheck.disable', toBoolean],
      ['oom_kill_disable', toBoolean],
      ['oom_score_adj', toInt],
      ['pids_limit', toInt],
      ['ports.[].target', toInt],
      ['privileged', toBoolean],
      ['read_only', toBoolean],
      ['scale', toInt],
      ['stdin_open', toBoolean],
      ['tty', toBoolean],
      ['ulimits.*', toInt],
      ['ulimits.*.hard', toInt],
      ['ulimits.*.soft', toInt],
      ['volumes.[].read_only', toBoolean],
      ['volumes.[].volume.nocopy', toBoolean],
    ] as Array<[string, Cast]>
  ).map(([rest, cast]): [string, Cast] => [`services.*.${rest}`, cast]),
  ...['external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6'].map((key): [string, Cast] => [`networks.*.${key}`, toBoolean]),
  ...['volumes', 'secrets', 'configs'].map((kind): [string, Cast] => [`${kind}.*.external`, toBoolean]),
];

function castFor(at: string[]): Cast | undefined {
  return CASTS.find(([pattern]) => {
    const parts = pattern.split('.');
    return parts.length === at.length && parts.every((part, i) => part === '*' || part === at[i]);
  })?.[1];
}

/** Every value interpolated (keys are not, as in compose); each failure kept with its path rather than only the first. */
function interpolateTree(value: Json, at: string[], env: Record<string, string | undefined>, problems: string[]): Json {
  if (typeof value === 'string') {
    let result: string;
    try {
      result = interpolate(value, env);
    } catch (error) {
      problems.push(`${at.join('.')}: ${(error as Error).message}`);
      return value;
    }
    const cast = castFor(at);
    if (!cast) return result;
    try {
      return cast(result);
    } catch (error) {
      problems.push(`${at.join('.')}: после подстановки ${(error as Error).message}`);
      return result;
    }
  }
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, [...at, '[]'], env, problems));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, [...at, key], env, problems)]));
  return value;
}

let validator: ValidateFunction | undefined;

/** The vendored schema compiled once; strict, so a schema keyword ajv does not know fails loudly instead of being skipped. */
export function composeSpecValidator(): ValidateFunction {
  if (!validator) {
    // strictTypes off: the schema leaves `type` implicit beside additionalProperties, as JSON Schema allows.
    const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strictTypes: false });
    addFormats(ajv);
    // compose-go registers this format itself (Go durations: 10s, 1m30s).
    ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
    validator = ajv.compile(JSON.parse(readFileSync(COMPOSE_SPEC_PATH, 'utf8')) as object);
  }
  return validator;
}

function describeSchemaError(error: ErrorObject): string {
  const where =
    error.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.') || '(корень)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: ключ «${String(params.additionalProperty)}» не предусмотрен спецификацией Compose`;
    case 'type':
      return `${where}: нужен тип ${String(params.type)}`;
    case 'required':
      return `${where}: нет обязательного ключа «${String(params.missingProperty)}»`;
    case 'enum':
      return `${where}: допустимо одно из ${JSON.stringify(params.allowedValues)}`;
    case 'pattern':
      return `${where}: не соответствует шаблону ${String(params.pattern)}`;
    default:
      return `${where}: ${error.keyword} — ${error.message ?? ''}`;
  }
}

/** ajv reports every failed branch of oneOf/anyOf too; the generic "matches no branch" line only when nothing more precise exists. */
function schemaProblems(errors: ErrorObject[]): string[] {
  const precise = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword));
  return [...new Set((precise.length ? precise : errors).map(describeSchemaError))];
}

type Model = { name?: string; services?: Record<string, Record<string, Json>>; [top: string]: Json | undefined };

function namesOf(value: Json | undefined): string[] {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : String((item as Record<string, Json>).source)));
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

/** compose-go loader/validate.go (checkConsistency) and the project name rule, for what this file uses. */
function consistencyProblems(model: Model): string[] {
  const problems: string[] = [];
  if (model.name !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(model.name))
    problems.push(`name: имя проекта «${model.name}»: только строчные латинские буквы, цифры, - и _, в начале буква или цифра`);
  const defined = (kind: string) => new Set(Object.keys((model[kind] as Record<string, Json> | undefined) ?? {}));
  const [services, volumes, secrets, networks, configs] = [new Set(Object.keys(model.services ?? {})), defined('volumes'), defined('secrets'), defined('networks'), defined('configs')];
  networks.add('default');
  for (const [name, service] of Object.entries(model.services ?? {})) {
    if (service.image === undefined && service.build === undefined) problems.push(`services.${name}: нет ни image, ни build`);
    for (const dependency of namesOf(service.depends_on)) if (!services.has(dependency)) problems.push(`services.${name}.depends_on: служба «${dependency}» не объявлена`);
    for (const secret of namesOf(service.secrets)) if (!secrets.has(secret)) problems.push(`services.${name}.secrets: секрет «${secret}» не объявлен в secrets:`);
    for (const config of namesOf(service.configs)) if (!configs.has(config)) problems.push(`services.${name}.configs: конфигурация «${config}» не объявлена в configs:`);
    for (const network of namesOf(service.networks)) if (!networks.has(network)) problems.push(`services.${name}.networks: сеть «${network}» не объявлена в networks:`);
    for (const volume of (service.volumes as Json[] | undefined) ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : String((volume as Record<string, Json>).source ?? '');
      const named = source !== '' && !/^[./~]/.test(source) && !source.includes('/') && (typeof volume === 'string' ? volume.includes(':') : (volume as Record<string, Json>).type === 'volume');
      if (named && !volumes.has(source)) problems.push(`services.${name}.volumes: том «${source}» не объявлен в volumes:`);
    }
  }
  for (const [name, secret] of Object.entries((model.secrets as Record<string, Record<string, Json>> | undefined) ?? {})) {
    if (secret && secret.file === undefined && secret.environment === undefined && secret.external === undefined) problems.push(`secrets.${name}: нужен file или environment`);
  }
  return problems;
}

/** What `docker compose config -q` would say about `text` with `env` as the project's .env: nothing when the file is fine. */
export function readAsCompose(text: string, env: Record<string, string | undefined>): { model: Model | null; problems: string[] } {
  const document = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length) return { model: null, problems: document.errors.map((error) => `YAML: ${error.message}`) };
  const raw = document.toJS({ maxAliasCount: 1000 }) as Json;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { model: null, problems: ['верхний уровень файла должен быть отображением (ключ: значение)'] };
  const problems: string[] = [];
  const model = interpolateTree(raw, [], env, problems) as Model;
  if (problems.length) return { model, problems };
  const validate = composeSpecValidator();
  if (!validate(model)) return { model, problems: schemaProblems(validate.errors ?? []) };
  return { model, problems: consistencyProblems(model) };
}
